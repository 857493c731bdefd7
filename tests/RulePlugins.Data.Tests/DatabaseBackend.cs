using RulePlugins.Engine.Data;
using RulePlugins.Plugins.Market;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Data.Tests;

/// <summary>A database provider the suite runs against: creates empty databases, or says why it cannot here.</summary>
public abstract class DatabaseBackend
{
    /// <summary>Why this backend cannot run on this machine, or null when it can.</summary>
    public virtual string? Unavailable => null;

    /// <summary>A new empty database with an engine over the profile-fields and market plugins, dropped on disposal.</summary>
    public TestDatabase Open() => Open(prepare: null);

    /// <summary>
    /// A new database that <paramref name="prepare"/> fills before the engine first opens it (an older schema, say), with
    /// an engine over the profile-fields and market plugins; dropped on disposal.
    /// </summary>
    public TestDatabase Open(Action<Database>? prepare)
    {
        if (Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var (database, drop) = CreateDatabase();
        try
        {
            prepare?.Invoke(database);
            return new TestDatabase(database, drop, new ProfileFieldsPlugin(), new MarketPlugin());
        }
        catch
        {
            drop();
            throw;
        }
    }

    /// <summary>Creates an empty database and the action that removes it.</summary>
    protected abstract (Database Database, Action Drop) CreateDatabase();
}

/// <summary>SQLite files in a temporary folder.</summary>
public sealed class SqliteBackend : DatabaseBackend
{
    /// <inheritdoc />
    protected override (Database Database, Action Drop) CreateDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ruleplugins-tests", Guid.NewGuid().ToString("N"));
        return (Database.Sqlite(Path.Combine(folder, "test.db")), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        });
    }
}
