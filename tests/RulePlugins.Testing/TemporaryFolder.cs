namespace RulePlugins.Testing;

/// <summary>
/// A folder of a test's own under the system's temp folder, deleted on dispose as far as it can be: plugin assemblies
/// stay mapped while their load contexts live, and pooled SQLite connections keep their files open, so what cannot be
/// deleted yet is left for the temp folder's own cleaning.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates the folder <c>ruleplugins-tests/&lt;prefix&gt;&lt;guid&gt;</c> under the temp folder.</summary>
    public TemporaryFolder(string prefix = "")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ruleplugins-tests", prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the temp folder's own cleaning.
        }
    }
}
