using McMaster.NETCore.Plugins;
using RulePlugins.Sdk;

namespace RulePlugins.Engine.Plugins;

/// <summary>
/// Loads plugins from a directory with one sub-folder per plugin (<c>plugins/Name/Name.dll</c>). Each plugin
/// gets its own load context; the SDK is shared, so plugin types and the host agree on SDK types.
/// </summary>
public static class PluginDirectoryLoader
{
    /// <summary>
    /// Loads every plugin under <paramref name="directory"/>. A plugin that fails is recorded in
    /// <see cref="PluginCatalog.Failures"/> and skipped; a duplicate condition type id throws
    /// <see cref="PluginConflictException"/>.
    /// </summary>
    public static PluginCatalog Load(string directory, IEnumerable<IRulePlugin>? inProcess = null)
    {
        var builder = new PluginCatalogBuilder();
        if (inProcess is not null)
        {
            builder.AddInstances(inProcess);
        }

        if (!Directory.Exists(directory))
        {
            return builder.Build();
        }

        // McMaster loads by absolute path only; a relative --plugins folder is taken from the working directory.
        directory = Path.GetFullPath(directory);
        foreach (var folder in Directory.GetDirectories(directory).OrderBy(d => d, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var path = Path.Combine(folder, name + ".dll");
            if (!File.Exists(path))
            {
                builder.AddFailure(new PluginFailure(name, path, $"the folder has no {name}.dll"));
                continue;
            }

            try
            {
                var loader = PluginLoader.CreateFromAssemblyFile(
                    path,
                    sharedTypes: [typeof(IRulePlugin)],
                    configure: config => config.PreferSharedTypes = true);
                builder.AddAssembly(loader.LoadDefaultAssembly(), folder, path);
            }
            catch (Exception ex)
            {
                builder.AddFailure(new PluginFailure(name, path, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }

        return builder.Build();
    }
}
