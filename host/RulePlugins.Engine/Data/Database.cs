using System.Data.Common;
using RulePlugins.Engine.Data.Dialects;

namespace RulePlugins.Engine.Data;

/// <summary>A database the host works on: a dialect and a connection string.</summary>
public sealed class Database(ISqlDialect dialect, string connectionString)
{
    /// <summary>The dialect.</summary>
    public ISqlDialect Dialect { get; } = dialect;

    /// <summary>The connection string; it may hold a password, so never log it.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>Opens a new connection.</summary>
    public DbConnection Open() => Dialect.Open(ConnectionString);

    /// <summary>A SQLite file database; the folder is created when missing.</summary>
    public static Database Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = full, Pooling = true };
        return new Database(new SqliteDialect(), builder.ToString());
    }

    /// <summary>Creates a database from a provider name and connection string.</summary>
    public static Database Create(string provider, string connectionString) => provider.ToLowerInvariant() switch
    {
        "sqlite" => new Database(new SqliteDialect(), connectionString),
        _ => throw new ArgumentException($"Unknown database provider '{provider}'; supported: sqlite.", nameof(provider)),
    };
}
