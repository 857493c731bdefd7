using System.Reflection;
using System.Runtime.Loader;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Compilation;

/// <summary>
/// A collectible load context for one compiled segment version. It resolves the SDK and plugin assemblies to
/// the very instances the host loaded, so types are identical across contexts; everything else comes from the
/// default context. Unloading it lets the runtime collect the predicate's code.
/// </summary>
internal sealed class SegmentLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, Assembly> _shared;

    public SegmentLoadContext(string name, IEnumerable<Assembly> plugins)
        : base(name, isCollectible: true)
    {
        _shared = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        foreach (var assembly in plugins.Append(typeof(CompiledPredicate).Assembly))
        {
            _shared[assembly.GetName().Name!] = assembly;
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name is { } name && _shared.TryGetValue(name, out var assembly) ? assembly : null;
}
