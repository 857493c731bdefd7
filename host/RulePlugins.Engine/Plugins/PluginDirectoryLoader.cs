using McMaster.NETCore.Plugins;
using RulePlugins.Sdk;

namespace RulePlugins.Engine.Plugins;

/// <summary>
/// Loads plugins from plugin directories, each with one sub-folder per plugin. A sub-folder's main assembly is the dll
/// named after the folder (<c>plugins/Name/Name.dll</c>) or, failing that, the one its single <c>*.deps.json</c> names (a
/// <c>dotnet publish</c> folder deployed as it is: <c>plugins/acme-tickets/Acme.Tickets.deps.json</c> →
/// <c>Acme.Tickets.dll</c>); see <see cref="PluginFolder"/>. A directory that is itself a plugin folder (it holds such a
/// dll or a <c>*.deps.json</c>) is loaded as that one plugin. Each plugin gets its own load context; the SDK is shared,
/// so plugin types and the host agree on SDK types. A plugin built against an SDK this host does not provide (see
/// <see cref="SdkCompatibility"/>) is refused before it is loaded.
/// </summary>
public static class PluginDirectoryLoader
{
    /// <summary>
    /// Loads every plugin under <paramref name="directory"/>. A plugin that fails is recorded in
    /// <see cref="PluginCatalog.Failures"/> and skipped; a duplicate condition type id throws
    /// <see cref="PluginConflictException"/>.
    /// </summary>
    public static PluginCatalog Load(string directory, IEnumerable<IRulePlugin>? inProcess = null) =>
        Load([directory], inProcess);

    /// <summary>
    /// Loads every plugin under each of <paramref name="directories"/>, in order; a directory that does not exist adds
    /// nothing, and one given twice is read once. A plugin that fails is recorded in <see cref="PluginCatalog.Failures"/>
    /// and skipped; two plugins (from one directory or two) registering the same condition type id, table, lookup or
    /// subject kind throw <see cref="PluginConflictException"/> naming both folders.
    /// </summary>
    public static PluginCatalog Load(IEnumerable<string> directories, IEnumerable<IRulePlugin>? inProcess = null)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var builder = new PluginCatalogBuilder();
        if (inProcess is not null)
        {
            builder.AddInstances(inProcess);
        }

        // McMaster loads by absolute path only; a relative --plugins folder is taken from the working directory.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))))
        {
            if (!seen.Add(directory) || !Directory.Exists(directory))
            {
                continue;
            }

            if (PluginFolder.IsPluginFolder(directory))
            {
                LoadFolder(builder, directory);
                continue;
            }

            foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
            {
                LoadFolder(builder, folder);
            }
        }

        return builder.Build();
    }

    private static void LoadFolder(PluginCatalogBuilder builder, string folder)
    {
        if (PluginFolder.Find(folder, out var failure) is not { } plugin)
        {
            builder.AddFailure(failure!);
            return;
        }

        try
        {
            if (SdkCompatibility.Check(plugin.Name, plugin.AssemblyPath) is { } refusal)
            {
                builder.AddFailure(new PluginFailure(plugin.Name, plugin.AssemblyPath, refusal));
                return;
            }

            var loader = PluginLoader.CreateFromAssemblyFile(
                plugin.AssemblyPath,
                sharedTypes: [typeof(IRulePlugin)],
                configure: config => config.PreferSharedTypes = true);
            builder.AddAssembly(loader.LoadDefaultAssembly(), folder, plugin.AssemblyPath);
        }
        catch (Exception ex)
        {
            builder.AddFailure(new PluginFailure(plugin.Name, plugin.AssemblyPath, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }
}
