using System.Data.Common;
using RulePlugins.Engine.Data.Dialects;

namespace RulePlugins.Engine.Data;

/// <summary>
/// A database the host works on: a provider and a connection string. Made by <see cref="Create"/> or <see cref="Sqlite"/>;
/// the SQL that differs between providers stays inside the engine.
/// </summary>
public sealed class Database
{
    /// <summary>The provider names <see cref="Create"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Providers = ["sqlite", "postgresql", "sqlserver"];

    private Database(ISqlDialect dialect, string connectionString)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
    }

    /// <summary>The provider's name: <c>sqlite</c>, <c>postgresql</c> or <c>sqlserver</c>.</summary>
    public string Provider => Dialect.Name;

    /// <summary>The dialect: every statement that differs between providers.</summary>
    internal ISqlDialect Dialect { get; }

    /// <summary>The connection string; it may hold a password, so never log it: print <see cref="Describe"/> instead.</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a new connection.</summary>
    public DbConnection Open() => Dialect.Open(ConnectionString);

    /// <summary>The provider and the connection string with its password replaced: safe to print or log.</summary>
    public string Describe() => $"{Dialect.Name}: {Dialect.Redact(ConnectionString)}";

    /// <summary>The same as <see cref="Describe"/>, so a database written into a message never shows a password.</summary>
    public override string ToString() => Describe();

    /// <summary>
    /// A SQLite file database; the folder is created when missing. A folder that cannot be created (a file stands in
    /// its path, or no permission) throws <see cref="DatabaseUnavailableException"/> naming the file.
    /// </summary>
    public static Database Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // "The file ... already exists" means a file stands where a folder of the path should be: say which.
            var blocking = Ancestors(folder).FirstOrDefault(File.Exists);
            throw new DatabaseUnavailableException(
                $"'{full}'", blocking is null ? $"its folder '{folder}' cannot be created: {ex.Message}" : $"'{blocking}' is a file, not a folder", ex);
        }

        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = full, Pooling = true };
        return new Database(new SqliteDialect(), builder.ToString());
    }

    private static IEnumerable<string> Ancestors(string folder)
    {
        for (var path = folder; !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            yield return path;
        }
    }

    /// <summary>
    /// Opens a connection and runs one statement, so an unreachable server, a refused login or a file that is no database
    /// throws <see cref="DatabaseUnavailableException"/> naming the database, before anything else is attempted.
    /// </summary>
    internal void EnsureReachable()
    {
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.ExecuteScalar();
        }
        catch (Exception ex) when (ex is DbException or TimeoutException)
        {
            var where = Dialect is SqliteDialect
                ? $"'{new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource}'"
                : $"({Describe()})";
            throw new DatabaseUnavailableException(where, ex.Message, ex);
        }
    }

    /// <summary>
    /// Creates a database from a provider name (<c>sqlite</c>, <c>postgresql</c> or its alias <c>postgres</c>,
    /// <c>sqlserver</c>; case-insensitive) and a connection string in that provider's syntax.
    /// </summary>
    public static Database Create(string provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ISqlDialect dialect = provider.Trim().ToLowerInvariant() switch
        {
            "sqlite" => new SqliteDialect(),
            "postgresql" or "postgres" => new PostgresDialect(),
            "sqlserver" => new SqlServerDialect(),
            _ => throw new ArgumentException(
                $"Unknown database provider '{provider}'; supported: {string.Join(", ", Providers)} (postgres is accepted for postgresql).", nameof(provider)),
        };
        return new Database(dialect, connectionString);
    }
}
