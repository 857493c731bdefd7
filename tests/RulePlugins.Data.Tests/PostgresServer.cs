using RulePlugins.Engine.Data;
using RulePlugins.Testing;

namespace RulePlugins.Data.Tests;

/// <summary>
/// The PostgreSQL backend: one <see cref="TemporaryPostgresServer"/> for the collection and a new database per test.
/// Missing server binaries fail the tests with what to install; they are never skipped.
/// </summary>
public sealed class PostgresServer : DatabaseBackend, IDisposable
{
    private readonly TemporaryPostgresServer _server = new();

    /// <inheritdoc />
    public void Dispose() => _server.Dispose();

    /// <inheritdoc />
    protected override (Database Database, Action Drop) CreateDatabase()
    {
        var name = $"test_{Guid.NewGuid():N}";
        return (Database.Create("postgresql", _server.CreateDatabase(name)), () => _server.DropDatabase(name));
    }
}
