using System.Reflection;
using System.Runtime.Loader;
using RulePlugins.Engine.Plugins;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Resolves plugin assemblies the benchmark compiles against (ProfileFieldsRow, and the market plugin's OrderRow,
/// OrderItemRow and CurrencyRates, for the hand-written baselines) to
/// the instances <see cref="PluginDirectoryLoader"/> loaded. The plugin is not copied beside the exe, so the default
/// load context asks here, and the benchmark, the plugin and the compiled predicates share one set of types.
/// </summary>
internal static class PluginAssemblyResolver
{
    public static void Register(PluginCatalog catalog) =>
        AssemblyLoadContext.Default.Resolving += (_, name) => Find(catalog, name);

    private static Assembly? Find(PluginCatalog catalog, AssemblyName name) =>
        catalog.Plugins.FirstOrDefault(p => string.Equals(p.Assembly.GetName().Name, name.Name, StringComparison.Ordinal))?.Assembly;
}
