using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>
/// SQLite, the embedded default: a file database in WAL mode so a recalculation can read profiles on one
/// connection while it writes staged members on another; one writer at a time.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override bool SingleWriter => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> HostSchema { get; } =
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
        """
        CREATE TABLE IF NOT EXISTS segment_run_leases (
            segment_id TEXT NOT NULL PRIMARY KEY,
            run_id INTEGER NOT NULL,
            owner TEXT NOT NULL,
            acquired_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL)
        """,
    ];

    /// <inheritdoc />
    /// <remarks>SQLITE_CONSTRAINT (19), extended as SQLITE_CONSTRAINT_PRIMARYKEY (1555) or SQLITE_CONSTRAINT_UNIQUE (2067).</remarks>
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 1555 or 2067 };

    /// <inheritdoc />
    protected override string IntegerType => "INTEGER";

    /// <inheritdoc />
    public override ISet<string> ExistingColumns(DbConnection connection, string table) =>
        connection.Query<string>("SELECT name FROM pragma_table_info(@table)", new { table }).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ReturningId(string insert) => insert + "; SELECT last_insert_rowid();";

    /// <inheritdoc />
    public override BulkWriter OpenBulkWriter(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns) =>
        new PreparedInsertWriter(connection, transaction, table, columns);

    /// <inheritdoc />
    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    /// <inheritdoc />
    protected override void OnOpened(DbConnection connection) =>
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");

    /// <inheritdoc />
    protected override DbConnectionStringBuilder CreateConnectionStringBuilder() => new SqliteConnectionStringBuilder();

    /// <inheritdoc />
    protected override string SqlType(TableDefinition table, ColumnDefinition column) => column.Type switch
    {
        ColumnType.Integer or ColumnType.Timestamp or ColumnType.Boolean => "INTEGER",
        ColumnType.Decimal => "REAL",
        ColumnType.Text => "TEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
    };

    /// <summary>One prepared INSERT executed per row inside the caller's transaction: SQLite's fastest bulk path.</summary>
    private sealed class PreparedInsertWriter : BulkWriter
    {
        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;
        private readonly IReadOnlyList<BulkColumn> _columns;

        public PreparedInsertWriter(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns)
        {
            _columns = columns;
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            _parameters = new DbParameter[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                _parameters[i] = _command.CreateParameter();
                _parameters[i].ParameterName = "@p" + i;
                _command.Parameters.Add(_parameters[i]);
            }

            _command.Prepare();
        }

        public override void Add(params ReadOnlySpan<object?> values)
        {
            CheckCount(values, _parameters.Length);
            for (var i = 0; i < values.Length; i++)
            {
                _parameters[i].Value = _columns[i].Convert(values[i]) ?? DBNull.Value;
            }

            _command.ExecuteNonQuery();
        }

        // Each row was written by Add; the caller's transaction commits them.
        public override void Complete()
        {
        }

        protected override void Dispose(bool disposing) => _command.Dispose();
    }
}
