using System.Data.Common;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>
/// SQLite, the embedded default: a file database in WAL mode so a recalculation can read profiles on one
/// connection while it writes staged members on another.
/// </summary>
public sealed class SqliteDialect : ISqlDialect
{
    /// <inheritdoc />
    public string Name => "sqlite";

    /// <inheritdoc />
    public DbConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");
        return connection;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> HostSchema { get; } =
    [
        "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS profiles (id INTEGER NOT NULL PRIMARY KEY)",
        """
        CREATE TABLE IF NOT EXISTS segments (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            subject TEXT NOT NULL,
            current_version INTEGER NOT NULL,
            status TEXT NOT NULL,
            status_reason TEXT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS segment_versions (
            segment_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            document TEXT NOT NULL,
            source TEXT NOT NULL,
            assembly BLOB NOT NULL,
            hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (segment_id, version))
        """,
        "CREATE TABLE IF NOT EXISTS segment_members (segment_id TEXT NOT NULL, profile_id INTEGER NOT NULL, PRIMARY KEY (segment_id, profile_id)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS segment_member_staging (run_id INTEGER NOT NULL, profile_id INTEGER NOT NULL, PRIMARY KEY (run_id, profile_id)) WITHOUT ROWID",
        """
        CREATE TABLE IF NOT EXISTS membership_log (
            id INTEGER NOT NULL PRIMARY KEY,
            segment_id TEXT NOT NULL,
            profile_id INTEGER NOT NULL,
            change TEXT NOT NULL,
            run_id INTEGER NOT NULL,
            at INTEGER NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_membership_log_segment ON membership_log (segment_id, id)",
        """
        CREATE TABLE IF NOT EXISTS segment_runs (
            id INTEGER NOT NULL PRIMARY KEY,
            segment_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NULL,
            scanned INTEGER NOT NULL DEFAULT 0,
            members INTEGER NOT NULL DEFAULT 0,
            entered INTEGER NOT NULL DEFAULT 0,
            left_count INTEGER NOT NULL DEFAULT 0,
            duration_ms INTEGER NOT NULL DEFAULT 0,
            error TEXT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_segment_runs_segment ON segment_runs (segment_id, id)",
    ];

    /// <inheritdoc />
    public string CreateTable(TableDefinition table)
    {
        var sql = new StringBuilder($"CREATE TABLE IF NOT EXISTS {table.Name} (");
        var separator = string.Empty;
        if (table.SubjectKeyColumn is { } subjectKey)
        {
            sql.Append(subjectKey).Append(" INTEGER NOT NULL");
            if (table.OneRowPerSubject)
            {
                sql.Append(" PRIMARY KEY");
            }

            separator = ", ";
        }

        foreach (var column in table.Columns)
        {
            sql.Append(separator).Append(ColumnSql(column));
            separator = ", ";
            if (!table.OneRowPerSubject && column.Name == table.RowKeyColumn)
            {
                sql.Append(" PRIMARY KEY");
            }
        }

        return sql.Append(')').ToString();
    }

    /// <inheritdoc />
    public string AddColumn(TableDefinition table, ColumnDefinition column) =>
        $"ALTER TABLE {table.Name} ADD COLUMN {ColumnSql(column with { Nullable = true })}";

    /// <inheritdoc />
    public string CreateIndex(TableDefinition table, IndexDefinition index) =>
        $"CREATE INDEX IF NOT EXISTS {index.Name} ON {table.Name} ({string.Join(", ", index.Columns)})";

    /// <inheritdoc />
    public ISet<string> ExistingColumns(DbConnection connection, string table) =>
        connection.Query<string>("SELECT name FROM pragma_table_info(@table)", new { table }).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public string SelectProfileIdsAfter => "SELECT id FROM profiles WHERE id > @after ORDER BY id LIMIT @limit";

    /// <inheritdoc />
    public string SelectRows(TablePlan plan, bool from, bool to)
    {
        var table = plan.Table;
        var sql = new StringBuilder("SELECT ").Append(table.SubjectKeyColumn);
        foreach (var column in plan.Columns)
        {
            sql.Append(", ").Append(column).Append(" AS ").Append(table.Column(column).PropertyName);
        }

        sql.Append(" FROM ").Append(table.Name)
            .Append(" WHERE ").Append(table.SubjectKeyColumn).Append(" BETWEEN @lo AND @hi");
        if (from)
        {
            sql.Append(" AND ").Append(plan.WindowColumn).Append(" >= @from");
        }

        if (to)
        {
            sql.Append(" AND ").Append(plan.WindowColumn).Append(" <= @to");
        }

        return sql.Append(" ORDER BY ").Append(table.SubjectKeyColumn).ToString();
    }

    /// <inheritdoc />
    public string SelectAll(TableDefinition table) =>
        $"SELECT {string.Join(", ", table.Columns.Select(c => $"{c.Name} AS {c.PropertyName}"))} FROM {table.Name}";

    /// <inheritdoc />
    public string ReturningId(string insert) => insert + "; SELECT last_insert_rowid();";

    /// <inheritdoc />
    public string Insert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";

    private static string ColumnSql(ColumnDefinition column)
    {
        var type = column.Type switch
        {
            ColumnType.Integer or ColumnType.Timestamp or ColumnType.Boolean => "INTEGER",
            ColumnType.Decimal => "REAL",
            ColumnType.Text => "TEXT",
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
        };
        return $"{column.Name} {type}{(column.Nullable ? " NULL" : " NOT NULL")}";
    }
}
