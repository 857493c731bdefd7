using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using RulePlugins.Engine.Data.Schema;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>
/// SQLite, the embedded default: a file database in WAL mode so a recalculation can read profiles on one
/// connection while it writes staged members on another; one writer at a time.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override bool SingleWriter => true;

    /// <inheritdoc />
    /// <remarks>SQLITE_CONSTRAINT (19), extended as SQLITE_CONSTRAINT_PRIMARYKEY (1555) or SQLITE_CONSTRAINT_UNIQUE (2067).</remarks>
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 1555 or 2067 };

    /// <inheritdoc />
    /// <remarks><see cref="DialectHints.SqliteWithoutRowId"/> stores the rows in the primary key's B-tree.</remarks>
    public override string CreateTable(TableSchema table) =>
        base.CreateTable(table) + (table.Hints.HasFlag(DialectHints.SqliteWithoutRowId) ? " WITHOUT ROWID" : string.Empty);

    /// <inheritdoc />
    public override ISet<string> ExistingColumns(DbConnection connection, string table, DbTransaction? transaction = null) =>
        connection.Query<string>("SELECT name FROM pragma_table_info(@table)", new { table }, transaction).Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ReturningId(string insert) => insert + "; SELECT last_insert_rowid();";

    /// <inheritdoc />
    public override BulkWriter OpenBulkWriter(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns) =>
        new PreparedInsertWriter(connection, transaction, table, columns);

    /// <inheritdoc />
    public override object IdList(long[] ids, int count) => JsonIds(ids, count);

    /// <inheritdoc />
    protected override string IdIn(string column) => $"{column} IN (SELECT value FROM json_each(@ids))";

    /// <inheritdoc />
    /// <remarks>SQLite's <c>LIKE</c> ignores ASCII case always (nothing here sets <c>case_sensitive_like</c>), which is wider than ordinal.</remarks>
    public override string ContainsText(string text, string pattern, bool ignoreCase) => $"{text} LIKE {pattern} ESCAPE '\\'";

    /// <inheritdoc />
    /// <remarks>A decimal as a double: the provider binds decimals as text, which SQLite would not compare as a number inside an expression.</remarks>
    public override object Parameter(object value) => value is decimal d ? (double)d : base.Parameter(value);

    /// <inheritdoc />
    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    /// <inheritdoc />
    public override IReadOnlyList<string> BeforeUnboundedWrite { get; } = ["PRAGMA temp_store = FILE"];

    /// <inheritdoc />
    protected override void OnOpened(DbConnection connection) =>
        connection.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;");

    /// <inheritdoc />
    protected override DbConnectionStringBuilder CreateConnectionStringBuilder() => new SqliteConnectionStringBuilder();

    /// <inheritdoc />
    /// <remarks>
    /// A generated id needs no clause: a column declared <c>INTEGER</c> that is the whole primary key is the row id, which
    /// SQLite assigns when an insert leaves it out.
    /// </remarks>
    protected override string SqlType(TableSchema table, ColumnSchema column) => column.Type switch
    {
        StorageType.Int64 or StorageType.Int32 or StorageType.Timestamp or StorageType.Boolean => "INTEGER",
        StorageType.Decimal => "REAL",
        StorageType.Text => "TEXT",
        StorageType.Binary => "BLOB",
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
