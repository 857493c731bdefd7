using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Testing;

namespace RulePlugins.Reliability.Tests;

/// <summary>
/// An engine over the real plugins of the plugin folder and a throw-away SQLite database holding every plugin's demo
/// data (reference data included: currency rates, categories, sales channels), with a fixed clock.
/// </summary>
public sealed class ReliabilityEngine : IDisposable
{
    /// <summary>Creates the database with <paramref name="profiles"/> demo profiles and an initialized engine.</summary>
    public ReliabilityEngine(int profiles = 40)
    {
        Folder = Path.Combine(Path.GetTempPath(), "ruleplugins-reliability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Engine = new RuleEngine(RealPlugins.Catalog, Database.Sqlite(Path.Combine(Folder, "reliability.db")), new EngineOptions(), new FixedTimeProvider(TestDatabase.DefaultNow));
        Engine.Initialize();
        Engine.GenerateDemoData(profiles, seed: 11);
    }

    /// <summary>The temporary folder of the database.</summary>
    public string Folder { get; }

    /// <summary>The engine.</summary>
    public RuleEngine Engine { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Engine.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp directory.
        }
    }
}
