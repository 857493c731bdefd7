using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RulePlugins.Sdk;

namespace RulePlugins.Engine.Plugins;

/// <summary>
/// Whether a plugin assembly was built against an SDK this host provides, decided from the assembly's metadata before it
/// is loaded. The SDK follows semantic versioning of its public API (<c>sdk/RulePlugins.Sdk/PublicAPI.*.txt</c>): a
/// plugin needs the host's major version (another major may have removed or changed what it uses) and at most the host's
/// minor version (a newer minor may add API this host lacks); patch and build numbers are ignored.
/// </summary>
internal static class SdkCompatibility
{
    /// <summary>The SDK assembly's name, as plugins reference it.</summary>
    public const string SdkName = "RulePlugins.Sdk";

    /// <summary>The SDK version this host provides: the assembly version of the SDK it loaded.</summary>
    public static Version HostVersion { get; } = typeof(IRulePlugin).Assembly.GetName().Version ?? new Version(0, 0);

    /// <summary>
    /// The version of <c>RulePlugins.Sdk</c> the assembly at <paramref name="path"/> references, read from its metadata
    /// without loading it; null when it references none or is not a readable .NET assembly (loading it then reports why).
    /// </summary>
    public static Version? ReferencedSdkVersion(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return null;
            }

            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.StringComparer.Equals(reference.Name, SdkName))
                {
                    return reference.Version;
                }
            }

            return null;
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why the plugin <paramref name="plugin"/>, built against SDK <paramref name="built"/>, cannot run on a host that
    /// provides SDK <paramref name="host"/>; null when it can (same major, minor at most the host's).
    /// </summary>
    public static string? Refusal(string plugin, Version built, Version host) =>
        built.Major == host.Major && built.Minor <= host.Minor
            ? null
            : $"{plugin} was built against {SdkName} {built.Major}.{built.Minor}; this host provides {SdkName} {host.Major}.{host.Minor}. " +
              "A plugin needs the host's major version and at most its minor version.";

    /// <summary>
    /// Why the plugin assembly at <paramref name="path"/> cannot run on this host, or null when its SDK reference is
    /// compatible or there is none to judge.
    /// </summary>
    public static string? Check(string plugin, string path) =>
        ReferencedSdkVersion(path) is { } built ? Refusal(plugin, built, HostVersion) : null;
}
