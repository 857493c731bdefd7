using RulePlugins.Engine.Data;

namespace RulePlugins.Testing;

/// <summary>One throw-away PostgreSQL server for the class, a new database per test; missing server binaries fail the test with what to install.</summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<TemporaryPostgresServer> _server = new(() => new TemporaryPostgresServer());

    /// <summary>A new empty database on the server, and how to drop it.</summary>
    public (Database Database, Action Drop) NewDatabase()
    {
        var name = $"test_{Guid.NewGuid():N}";
        var server = _server.Value;
        return (Database.Create("postgresql", server.CreateDatabase(name)), () => server.DropDatabase(name));
    }

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}
