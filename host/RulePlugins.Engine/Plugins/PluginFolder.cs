namespace RulePlugins.Engine.Plugins;

/// <summary>
/// A plugin folder and its main assembly. The assembly is <c>Name.dll</c> when the folder is called <c>Name</c> (the
/// host's own layout, <c>plugins/Name/Name.dll</c>); otherwise the folder's single <c>*.deps.json</c> names it
/// (<c>Acme.Tickets.deps.json</c> → <c>Acme.Tickets.dll</c>), which is what <c>dotnet build</c> and <c>dotnet publish</c>
/// write, so a publish folder can be deployed as it is, whatever it is called.
/// </summary>
/// <param name="Folder">The folder, absolute.</param>
/// <param name="Name">The plugin's assembly name.</param>
/// <param name="AssemblyPath">The main assembly, absolute.</param>
internal sealed record PluginFolder(string Folder, string Name, string AssemblyPath)
{
    private const string DepsSuffix = ".deps.json";

    /// <summary>
    /// True when <paramref name="directory"/> is itself a plugin folder (it holds a dll named after it, or a
    /// <c>*.deps.json</c>) rather than a folder of plugin folders.
    /// </summary>
    public static bool IsPluginFolder(string directory) =>
        File.Exists(Path.Combine(directory, Path.GetFileName(directory) + ".dll"))
        || Directory.EnumerateFiles(directory, "*" + DepsSuffix).Any();

    /// <summary>
    /// The plugin in <paramref name="folder"/>, or null with the <paramref name="failure"/> that says what the folder
    /// holds and what a plugin folder must hold.
    /// </summary>
    public static PluginFolder? Find(string folder, out PluginFailure? failure)
    {
        failure = null;
        var folderName = Path.GetFileName(folder);
        var named = Path.Combine(folder, folderName + ".dll");
        if (File.Exists(named))
        {
            return new PluginFolder(folder, folderName, named);
        }

        var deps = Directory.GetFiles(folder, "*" + DepsSuffix).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        switch (deps.Count)
        {
            case 0:
                failure = new PluginFailure(folderName, named,
                    $"the folder has no {folderName}.dll and no *{DepsSuffix} (it holds {Contents(folder)}); {Expected(folderName)}");
                return null;
            case > 1:
                failure = new PluginFailure(folderName, named,
                    $"the folder has no {folderName}.dll and {deps.Count} *{DepsSuffix} files ({string.Join(", ", deps)}), so its main assembly is ambiguous; " +
                    $"{Expected(folderName)}");
                return null;
        }

        var name = deps[0]![..^DepsSuffix.Length];
        var assembly = Path.Combine(folder, name + ".dll");
        if (!File.Exists(assembly))
        {
            failure = new PluginFailure(name, assembly,
                $"the folder has {deps[0]} but no {name}.dll beside it (it holds {Contents(folder)}); {Expected(folderName)}");
            return null;
        }

        return new PluginFolder(folder, name, assembly);
    }

    /// <summary>What a plugin folder called <paramref name="folderName"/> must hold.</summary>
    private static string Expected(string folderName) =>
        $"a plugin folder holds {folderName}.dll, or what dotnet publish writes: one Name.deps.json beside Name.dll";

    /// <summary>What a folder holds, for a failure: its first entries by name (sub-folders with a trailing slash).</summary>
    private static string Contents(string folder)
    {
        const int Shown = 8;
        var entries = Directory.GetDirectories(folder).Select(d => Path.GetFileName(d) + "/")
            .Concat(Directory.GetFiles(folder).Select(Path.GetFileName))
            .Order(StringComparer.Ordinal)
            .ToList();
        return entries.Count switch
        {
            0 => "nothing",
            <= Shown => string.Join(", ", entries),
            _ => $"{string.Join(", ", entries.Take(Shown))} and {entries.Count - Shown} more",
        };
    }
}
