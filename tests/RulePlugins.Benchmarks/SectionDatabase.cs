using Dapper;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Testing;

namespace RulePlugins.Benchmarks;

/// <summary>
/// The database of a recalculation section (3 and 5): a temporary SQLite file, or with <c>--provider postgresql</c>
/// the <c>--connection</c> database or a new one on a throw-away PostgreSQL server, stopped and deleted on disposal.
/// Dispose it after the engine that uses it.
/// </summary>
internal sealed class SectionDatabase : IDisposable
{
    private readonly TemporaryPostgresServer? _server;

    private SectionDatabase(Database database, string path, TemporaryPostgresServer? server)
    {
        Database = database;
        Path = path;
        _server = server;
    }

    public Database Database { get; }

    /// <summary>The SQLite file (given to <see cref="EngineOptions.DatabasePath"/> on PostgreSQL too, where nothing uses it).</summary>
    public string Path { get; }

    public bool Postgres => Database.Provider != "sqlite";

    public string Title => Postgres ? "PostgreSQL" : "SQLite";

    /// <summary>Creates the database named <paramref name="name"/> of the provider <paramref name="options"/> asks for.</summary>
    public static SectionDatabase Create(BenchmarkOptions options, TempFolder temp, string name)
    {
        var path = temp.Database(name);
        if (options.Provider != "postgresql")
        {
            return new SectionDatabase(Database.Sqlite(path), path, null);
        }

        if (options.Connection is not null)
        {
            return new SectionDatabase(Database.Create("postgresql", options.Connection), path, null);
        }

        var server = new TemporaryPostgresServer();
        try
        {
            return new SectionDatabase(Database.Create("postgresql", server.CreateDatabase(name)), path, server);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Prints which database this is, and creates an initialized engine on it.</summary>
    public RuleEngine CreateEngine(PluginCatalog catalog, string pluginDirectory, TimeProvider time)
    {
        Console.WriteLine(_server is null
            ? $"Database: {Database.Describe()}"
            : $"Database: {Database.Describe()} (a throw-away PostgreSQL server started for this run in {_server.DataDirectory}, fsync off)");
        var engine = new RuleEngine(catalog, Database, new EngineOptions { DatabasePath = Path, PluginDirectory = pluginDirectory }, time);
        try
        {
            engine.Initialize();
            return engine;
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Generates demo data for <paramref name="profiles"/> profiles and, on PostgreSQL, gathers planner statistics
    /// as any loader would (fresh tables have none until autovacuum gets to them); returns the time the data took.
    /// </summary>
    public TimeSpan GenerateDemoData(RuleEngine engine, int profiles)
    {
        var generated = RecalculationMeasurement.GenerateDemoData(engine, profiles);
        if (Postgres)
        {
            using var connection = Database.Open();
            connection.Execute("VACUUM ANALYZE", commandTimeout: 0);
        }

        return generated;
    }

    /// <summary>The size of the database: the SQLite file, or <c>pg_database_size</c>.</summary>
    public long Size()
    {
        if (!Postgres)
        {
            return new FileInfo(Path).Length;
        }

        using var connection = Database.Open();
        return connection.ExecuteScalar<long>("SELECT pg_database_size(current_database())");
    }

    public void Dispose() => _server?.Dispose();
}
