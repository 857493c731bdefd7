namespace RulePlugins.Testing;

/// <summary>Where the repository is, for tests that read or build its files (screenshots, templates, packages).</summary>
public static class Repository
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds <c>RulePlugins.sln</c>.</summary>
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    private static string FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RulePlugins.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No RulePlugins.sln in {start} or any folder above it: the tests run from outside the repository.");
    }
}
