using Microsoft.Data.Sqlite;

namespace RulePlugins.Benchmarks;

/// <summary>A temporary folder for the benchmark databases, deleted at the end.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ruleplugins-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path for a new database file in the folder.</summary>
    public string Database(string name) => System.IO.Path.Combine(Path, name + ".db");

    public void Dispose()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"warning: could not delete {Path}: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            Console.Error.WriteLine($"warning: could not delete {Path}: {ex.Message}");
        }
    }
}
