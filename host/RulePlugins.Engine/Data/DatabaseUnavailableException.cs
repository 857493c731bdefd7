namespace RulePlugins.Engine.Data;

/// <summary>
/// The database could not be opened: a server that does not answer or refuses the login, a SQLite file whose folder
/// cannot be created or that cannot be opened. The message names the database (a SQLite file's path; otherwise the
/// provider and the connection string with its password replaced) and the reason; the inner exception is kept for logs.
/// </summary>
public sealed class DatabaseUnavailableException(string database, string reason, Exception inner)
    : Exception($"Cannot open the database {database}: {reason}", inner)
{
    /// <summary>The database, safe to print: a SQLite file's path, or the provider and the redacted connection string.</summary>
    public string Database { get; } = database;
}
