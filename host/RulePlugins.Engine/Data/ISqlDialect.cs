using System.Data.Common;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Data.Schema;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>
/// Everything that differs between databases, in one place: connections, DDL, paging, bulk writes and how a connection
/// string is shown. Plugins never write SQL; the host builds their queries from table definitions through this seam, and
/// creates every table, its own (<see cref="HostTables"/>) and the plugins', from a <see cref="TableSchema"/>.
/// Implementations: <see cref="Dialects.SqliteDialect"/>, <see cref="Dialects.PostgresDialect"/>,
/// <see cref="Dialects.SqlServerDialect"/>.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>The provider name used in configuration, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>
    /// True when the database allows one writer at a time (SQLite): bulk writers then share one connection and
    /// transaction instead of each having its own.
    /// </summary>
    bool SingleWriter { get; }

    /// <summary>Opens a connection and applies the session settings the host relies on.</summary>
    DbConnection Open(string connectionString);

    /// <summary>An idempotent statement that creates a table, with its primary key and storage hints (not its indexes).</summary>
    string CreateTable(TableSchema table);

    /// <summary>A statement that adds a column to an existing table (nullable unless it has a default).</summary>
    string AddColumn(TableSchema table, ColumnSchema column);

    /// <summary>An idempotent statement that creates an index.</summary>
    string CreateIndex(TableSchema table, IndexDefinition index);

    /// <summary>The columns a table has now (lower case), or an empty set when it does not exist.</summary>
    ISet<string> ExistingColumns(DbConnection connection, string table, DbTransaction? transaction = null);

    /// <summary>Selects up to <c>@limit</c> profile ids greater than <c>@after</c>, ascending.</summary>
    string SelectProfileIdsAfter { get; }

    /// <summary>Appends a limit of <c>@limit</c> rows to a SELECT that ends with its ORDER BY clause.</summary>
    string Limit(string orderedSelect);

    /// <summary>
    /// Selects the planned columns of a table for the profiles with ids between <c>@lo</c> and <c>@hi</c>,
    /// ordered by profile id; the first column is the profile id, the rest are aliased to row properties.
    /// Adds <c>@from</c> / <c>@to</c> bounds on the window column when <paramref name="from"/> / <paramref name="to"/>.
    /// With <paramref name="byIds"/>, only the profiles whose ids are in the list parameter <c>@ids</c> (<see cref="IdList"/>):
    /// a batch of prefiltered candidates, which the range of ids covers with many others.
    /// </summary>
    string SelectRows(TablePlan plan, bool from, bool to, bool byIds = false);

    /// <summary>The value of the <c>@ids</c> parameter of <see cref="SelectRows"/>: the first <paramref name="count"/> ids.</summary>
    object IdList(long[] ids, int count);

    /// <summary>
    /// True when text <paramref name="text"/> matches the <c>LIKE</c> pattern parameter <paramref name="pattern"/> (made by
    /// <see cref="ContainsPattern"/>), ignoring ASCII case when <paramref name="ignoreCase"/> and never narrower than
    /// ordinal when not.
    /// </summary>
    string ContainsText(string text, string pattern, bool ignoreCase);

    /// <summary>The <c>LIKE</c> pattern of texts containing <paramref name="part"/>: its wildcards escaped with a backslash, between two <c>%</c>.</summary>
    string ContainsPattern(string part);

    /// <summary>A parameter value as this database compares it with a column of the type it stands for.</summary>
    object Parameter(object value);

    /// <summary>Selects every row of a reference table, each column aliased to its row property.</summary>
    string SelectAll(TableDefinition table);

    /// <summary>
    /// Statements run inside the membership replace, before it, so the planner knows how many members were just staged
    /// (PostgreSQL: <c>ANALYZE</c>; a staging table still estimated empty makes the anti-joins quadratic). Empty where the
    /// database keeps such statistics itself or plans without them.
    /// </summary>
    IReadOnlyList<string> BeforeReplace { get; }

    /// <summary>
    /// Statements run on a connection before a write whose size the caller does not bound (a static segment's import of
    /// any number of ids), so the database's working memory stays bounded (SQLite: temporary b-trees on disk instead of
    /// in memory). Every connection gets the usual settings again when it is opened next.
    /// </summary>
    IReadOnlyList<string> BeforeUnboundedWrite { get; }

    /// <summary>
    /// Inside the membership replace: inserts the staged members of run <c>@run</c> that are not yet members of segment
    /// <c>@segment</c>.
    /// </summary>
    string InsertStagedMembers { get; }

    /// <summary>Appends to an INSERT statement whatever makes it return the new row's generated id.</summary>
    string ReturningId(string insert);

    /// <summary>
    /// Opens the database's fastest way of adding many rows to <paramref name="table"/> on <paramref name="connection"/>
    /// inside <paramref name="transaction"/>; at most one bulk writer per connection at a time.
    /// </summary>
    BulkWriter OpenBulkWriter(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns);

    /// <summary>True when <paramref name="exception"/> says an insert broke a primary key or unique constraint.</summary>
    bool IsUniqueViolation(DbException exception);

    /// <summary>The connection string with its password replaced, parsed with the provider's own builder: safe to print.</summary>
    string Redact(string connectionString);
}
