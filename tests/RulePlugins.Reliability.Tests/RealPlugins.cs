using RulePlugins.Engine.Plugins;

namespace RulePlugins.Reliability.Tests;

/// <summary>The plugins copied into <c>plugins/</c> beside the tests, loaded as the host loads them.</summary>
public static class RealPlugins
{
    private static readonly Lazy<PluginCatalog> Shared = new(Load);

    /// <summary>The plugin folder.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>One catalogue for the test process: plugin assemblies load once, as in the host.</summary>
    public static PluginCatalog Catalog => Shared.Value;

    private static PluginCatalog Load()
    {
        var catalog = PluginDirectoryLoader.Load(Directory);
        if (catalog.Failures.Length > 0 || catalog.Plugins.Length == 0)
        {
            throw new InvalidOperationException(
                $"The plugin folder {Directory} did not load: {string.Join("; ", catalog.Failures.Select(f => $"{f.Name}: {f.Reason}"))}");
        }

        return catalog;
    }
}
