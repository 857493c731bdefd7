using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using RulePlugins.Engine.Data.Schema;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>
/// SQL Server through Microsoft.Data.SqlClient, the production target: BIGINT keys and timestamps, DECIMAL money,
/// BIT flags, NVARCHAR text (bounded where a key or an index needs it), VARBINARY(MAX) assemblies, IDENTITY columns,
/// <c>TOP</c> / <c>OFFSET ... FETCH</c> paging, existence checks instead of <c>IF NOT EXISTS</c>, and SqlBulkCopy for
/// bulk writes. Batch row loads send two range bounds, never an id list, so the 2,100-parameter limit never applies.
/// </summary>
internal sealed class SqlServerDialect : SqlDialect
{
    /// <summary>Rows buffered by a bulk writer before they are sent with one SqlBulkCopy call.</summary>
    private const int BulkFlushRows = 100_000;

    /// <inheritdoc />
    public override string Name => "sqlserver";

    /// <inheritdoc />
    public override string SelectProfileIdsAfter => "SELECT TOP (@limit) id FROM profiles WHERE id > @after ORDER BY id";

    /// <inheritdoc />
    public override object IdList(long[] ids, int count) => JsonIds(ids, count);

    /// <inheritdoc />
    protected override string IdIn(string column) => $"{column} IN (SELECT CAST(value AS BIGINT) FROM OPENJSON(@ids))";

    /// <inheritdoc />
    /// <remarks>Ignoring case under a case-insensitive collation; ordinal under the column's, which may be wider.</remarks>
    public override string ContainsText(string text, string pattern, bool ignoreCase) =>
        ignoreCase ? $"{text} COLLATE Latin1_General_CI_AS LIKE {pattern} ESCAPE '\\'" : $"{text} LIKE {pattern} ESCAPE '\\'";

    /// <inheritdoc />
    /// <remarks>Brackets open a character class in SQL Server's <c>LIKE</c>.</remarks>
    protected override string LikeWildcards => "%_[\\";

    /// <inheritdoc />
    /// <remarks>2627: a primary key or unique constraint; 2601: a unique index.</remarks>
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: 2627 or 2601 };

    /// <inheritdoc />
    public override string CreateTable(TableSchema table) => Create(table.Name, Columns(table));

    /// <inheritdoc />
    public override string AddColumn(TableSchema table, ColumnSchema column) =>
        $"ALTER TABLE {table.Name} ADD {AddedColumn(table, column)}";

    /// <inheritdoc />
    public override string CreateIndex(TableSchema table, IndexDefinition index) => Index(table.Name, index.Name, string.Join(", ", index.Columns));

    /// <inheritdoc />
    public override ISet<string> ExistingColumns(DbConnection connection, string table, DbTransaction? transaction = null) =>
        connection.Query<string>("SELECT name FROM sys.columns WHERE object_id = OBJECT_ID(@table)", new { table }, transaction)
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
    /// <remarks>
    /// NVARCHAR(MAX) cannot be a key or index column: text that is one gets the longest indexable length, unless the column
    /// declares its own <see cref="ColumnSchema.MaxLength"/>.
    /// </remarks>
    protected override string SqlType(TableSchema table, ColumnSchema column) => column.Type switch
    {
        StorageType.Int64 or StorageType.Timestamp => "BIGINT",
        StorageType.Int32 => "INT",
        StorageType.Boolean => "BIT",
        StorageType.Decimal => "DECIMAL(28, 8)",
        StorageType.Text when column.MaxLength is { } length => $"NVARCHAR({length.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        StorageType.Text when table.IsKeyOrIndexed(column) => "NVARCHAR(450)",
        StorageType.Text => "NVARCHAR(MAX)",
        StorageType.Binary => "VARBINARY(MAX)",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
    };

    /// <inheritdoc />
    protected override string IdentityClause => " IDENTITY(1, 1)";

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
