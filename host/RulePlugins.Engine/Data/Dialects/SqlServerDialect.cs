using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>
/// SQL Server through Microsoft.Data.SqlClient, the production target: BIGINT keys and timestamps, DECIMAL money,
/// BIT flags, NVARCHAR text (bounded where a key or an index needs it), VARBINARY(MAX) assemblies, IDENTITY columns,
/// <c>TOP</c> / <c>OFFSET ... FETCH</c> paging, existence checks instead of <c>IF NOT EXISTS</c>, and SqlBulkCopy for
/// bulk writes. Batch row loads send two range bounds, never an id list, so the 2,100-parameter limit never applies.
/// </summary>
public sealed class SqlServerDialect : SqlDialect
{
    /// <summary>Rows buffered by a bulk writer before they are sent with one SqlBulkCopy call.</summary>
    private const int BulkFlushRows = 100_000;

    /// <inheritdoc />
    public override string Name => "sqlserver";

    /// <inheritdoc />
    public override IReadOnlyList<string> HostSchema { get; } =
    [
        Create("schema_versions", "component NVARCHAR(450) NOT NULL PRIMARY KEY, version INT NOT NULL, updated_at BIGINT NOT NULL"),
        Create("profiles", "id BIGINT NOT NULL PRIMARY KEY"),
        Create(
            "segments",
            """
            id NVARCHAR(450) NOT NULL PRIMARY KEY,
            name NVARCHAR(MAX) NOT NULL,
            subject NVARCHAR(100) NOT NULL,
            current_version BIGINT NOT NULL,
            status NVARCHAR(50) NOT NULL,
            status_reason NVARCHAR(MAX) NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
            """),
        Create(
            "segment_versions",
            """
            segment_id NVARCHAR(450) NOT NULL,
            version BIGINT NOT NULL,
            document NVARCHAR(MAX) NOT NULL,
            source NVARCHAR(MAX) NOT NULL,
            assembly VARBINARY(MAX) NOT NULL,
            hash NVARCHAR(200) NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (segment_id, version)
            """),
        Create("segment_members", "segment_id NVARCHAR(450) NOT NULL, profile_id BIGINT NOT NULL, PRIMARY KEY (segment_id, profile_id)"),
        Create("segment_member_staging", "run_id BIGINT NOT NULL, profile_id BIGINT NOT NULL, PRIMARY KEY (run_id, profile_id)"),
        Create(
            "membership_log",
            """
            id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
            segment_id NVARCHAR(450) NOT NULL,
            profile_id BIGINT NOT NULL,
            change NVARCHAR(20) NOT NULL,
            run_id BIGINT NOT NULL,
            at BIGINT NOT NULL
            """),
        Index("membership_log", "ix_membership_log_segment", "segment_id, id"),
        Create(
            "segment_runs",
            $"""
            id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
            segment_id NVARCHAR(450) NOT NULL,
            version BIGINT NOT NULL,
            status NVARCHAR(50) NOT NULL,
            started_at BIGINT NOT NULL,
            finished_at BIGINT NULL,
            {RunCounters},
            error NVARCHAR(MAX) NULL
            """),
        Index("segment_runs", "ix_segment_runs_segment", "segment_id, id"),
        Create(
            "segment_run_leases",
            """
            segment_id NVARCHAR(450) NOT NULL PRIMARY KEY,
            run_id BIGINT NOT NULL,
            owner NVARCHAR(200) NOT NULL,
            acquired_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
            """),
    ];

    /// <inheritdoc />
    public override string SelectProfileIdsAfter => "SELECT TOP (@limit) id FROM profiles WHERE id > @after ORDER BY id";

    /// <inheritdoc />
    /// <remarks>2627: a primary key or unique constraint; 2601: a unique index.</remarks>
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: 2627 or 2601 };

    /// <inheritdoc />
    protected override string IntegerType => "BIGINT";

    /// <inheritdoc />
    public override string CreateTable(TableDefinition table) => Create(table.Name, Columns(table));

    /// <inheritdoc />
    public override string AddColumn(TableDefinition table, ColumnDefinition column) =>
        $"ALTER TABLE {table.Name} ADD {Column(table, column with { Nullable = true })}";

    /// <inheritdoc />
    public override string CreateIndex(TableDefinition table, IndexDefinition index) => Index(table.Name, index.Name, string.Join(", ", index.Columns));

    /// <inheritdoc />
    public override ISet<string> ExistingColumns(DbConnection connection, string table) =>
        connection.Query<string>("SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(@table)", new { table })
            .Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Limit(string orderedSelect) => orderedSelect + " OFFSET 0 ROWS FETCH NEXT @limit ROWS ONLY";

    /// <inheritdoc />
    public override string ReturningId(string insert) => insert + "; SELECT CAST(SCOPE_IDENTITY() AS BIGINT);";

    /// <inheritdoc />
    public override BulkWriter OpenBulkWriter(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns) =>
        new BulkCopyWriter((SqlConnection)connection, (SqlTransaction)transaction, table, columns);

    /// <inheritdoc />
    protected override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    /// <inheritdoc />
    protected override DbConnectionStringBuilder CreateConnectionStringBuilder() => new SqlConnectionStringBuilder();

    private static string Create(string table, string columns) =>
        $"IF OBJECT_ID(N'{table}', N'U') IS NULL CREATE TABLE {table} ({columns})";

    private static string Index(string table, string index, string columns) =>
        $"IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{index}' AND object_id = OBJECT_ID(N'{table}')) CREATE INDEX {index} ON {table} ({columns})";

    /// <inheritdoc />
    /// <remarks>NVARCHAR(MAX) cannot be a key or index column; text that is one gets the longest indexable length.</remarks>
    protected override string SqlType(TableDefinition table, ColumnDefinition column) => column.Type switch
    {
        ColumnType.Integer or ColumnType.Timestamp => "BIGINT",
        ColumnType.Boolean => "BIT",
        ColumnType.Decimal => "DECIMAL(28, 8)",
        ColumnType.Text when column.Name == table.RowKeyColumn || table.Indexes.Any(i => i.Columns.Contains(column.Name)) => "NVARCHAR(450)",
        ColumnType.Text => "NVARCHAR(MAX)",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
    };

    /// <summary>Buffers rows in a DataTable and sends them with SqlBulkCopy every <see cref="BulkFlushRows"/> rows and on completion.</summary>
    private sealed class BulkCopyWriter : BulkWriter
    {
        private readonly SqlBulkCopy _copy;
        private readonly DataTable _rows = new();
        private readonly IReadOnlyList<BulkColumn> _columns;

        public BulkCopyWriter(SqlConnection connection, SqlTransaction transaction, string table, IReadOnlyList<BulkColumn> columns)
        {
            _columns = columns;
            _copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = table, BulkCopyTimeout = 0 };
            foreach (var column in columns)
            {
                _rows.Columns.Add(column.Name, column.Type switch
                {
                    ColumnType.Integer or ColumnType.Timestamp => typeof(long),
                    ColumnType.Decimal => typeof(decimal),
                    ColumnType.Boolean => typeof(bool),
                    _ => typeof(string),
                });
                _copy.ColumnMappings.Add(column.Name, column.Name);
            }
        }

        public override void Add(params ReadOnlySpan<object?> values)
        {
            CheckCount(values, _columns.Count);
            var row = _rows.NewRow();
            for (var i = 0; i < values.Length; i++)
            {
                row[i] = _columns[i].Convert(values[i]) ?? DBNull.Value;
            }

            _rows.Rows.Add(row);
            if (_rows.Rows.Count >= BulkFlushRows)
            {
                Flush();
            }
        }

        public override void Complete() => Flush();

        protected override void Dispose(bool disposing)
        {
            ((IDisposable)_copy).Dispose();
            _rows.Dispose();
        }

        private void Flush()
        {
            if (_rows.Rows.Count == 0)
            {
                return;
            }

            _copy.WriteToServer(_rows);
            _rows.Clear();
        }
    }
}
