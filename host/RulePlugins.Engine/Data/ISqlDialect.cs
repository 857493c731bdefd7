using System.Data.Common;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>
/// Everything that differs between databases, in one place: connections, DDL, paging and the host's own
/// schema. Plugins never write SQL; the host builds their queries from table definitions through this seam.
/// </summary>
public interface ISqlDialect
{
    /// <summary>The provider name used in configuration, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Opens a connection and applies the session settings the host relies on.</summary>
    DbConnection Open(string connectionString);

    /// <summary>Idempotent statements that create the host's tables (profiles, segments, versions, members, log, runs).</summary>
    IReadOnlyList<string> HostSchema { get; }

    /// <summary>An idempotent statement that creates a plugin table.</summary>
    string CreateTable(TableDefinition table);

    /// <summary>A statement that adds a column to an existing plugin table.</summary>
    string AddColumn(TableDefinition table, ColumnDefinition column);

    /// <summary>An idempotent statement that creates an index.</summary>
    string CreateIndex(TableDefinition table, IndexDefinition index);

    /// <summary>The columns a table has now (lower case), or an empty set when it does not exist.</summary>
    ISet<string> ExistingColumns(DbConnection connection, string table);

    /// <summary>Selects up to <c>@limit</c> profile ids greater than <c>@after</c>, ascending.</summary>
    string SelectProfileIdsAfter { get; }

    /// <summary>
    /// Selects the planned columns of a table for the profiles with ids between <c>@lo</c> and <c>@hi</c>,
    /// ordered by profile id; the first column is the profile id, the rest are aliased to row properties.
    /// Adds <c>@from</c> / <c>@to</c> bounds on the window column when <paramref name="from"/> / <paramref name="to"/>.
    /// </summary>
    string SelectRows(TablePlan plan, bool from, bool to);

    /// <summary>Selects every row of a reference table, each column aliased to its row property.</summary>
    string SelectAll(TableDefinition table);

    /// <summary>Appends to an INSERT statement whatever makes it return the new row's generated id.</summary>
    string ReturningId(string insert);

    /// <summary>Inserts many rows into a table with a prepared statement; returns the statement text.</summary>
    string Insert(string table, IReadOnlyList<string> columns);
}
