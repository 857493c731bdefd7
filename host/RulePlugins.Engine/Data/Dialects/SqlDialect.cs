using System.Data.Common;
using System.Text;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>
/// What the supported databases write the same way (standard SQL, <c>LIMIT</c> paging, <c>IF NOT EXISTS</c> DDL);
/// each dialect overrides only where its database differs, so a difference is visible in that dialect alone.
/// </summary>
public abstract class SqlDialect : ISqlDialect
{
    /// <summary>Inserts the staged members of <c>@run</c> that are not members of <c>@segment</c> yet (an anti-join on the member table).</summary>
    protected const string AntiJoinInsertStagedMembers =
        """
        INSERT INTO segment_members (segment_id, profile_id)
        SELECT @segment, s.profile_id FROM segment_member_staging s
        WHERE s.run_id = @run AND NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = @segment AND m.profile_id = s.profile_id)
        """;

    /// <summary>The statistics columns of <c>segment_runs</c> on databases with a 64-bit BIGINT type.</summary>
    protected const string RunCounters =
        "scanned BIGINT NOT NULL DEFAULT 0, members BIGINT NOT NULL DEFAULT 0, entered BIGINT NOT NULL DEFAULT 0, " +
        "left_count BIGINT NOT NULL DEFAULT 0, duration_ms BIGINT NOT NULL DEFAULT 0";

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual bool SingleWriter => false;

    /// <inheritdoc />
    public abstract IReadOnlyList<string> HostSchema { get; }

    /// <inheritdoc />
    public virtual string SelectProfileIdsAfter => Limit("SELECT id FROM profiles WHERE id > @after ORDER BY id");

    /// <inheritdoc />
    public virtual IReadOnlyList<string> BeforeReplace { get; } = [];

    /// <inheritdoc />
    public virtual string InsertStagedMembers => AntiJoinInsertStagedMembers;

    /// <summary>The SQL type of subject keys and other 64-bit integers.</summary>
    protected abstract string IntegerType { get; }

    /// <inheritdoc />
    public DbConnection Open(string connectionString)
    {
        var connection = CreateConnection(connectionString);
        try
        {
            connection.Open();
            OnOpened(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public virtual string CreateTable(TableDefinition table) =>
        $"CREATE TABLE IF NOT EXISTS {table.Name} ({Columns(table)})";

    /// <inheritdoc />
    public virtual string AddColumn(TableDefinition table, ColumnDefinition column) =>
        $"ALTER TABLE {table.Name} ADD COLUMN {Column(table, column with { Nullable = true })}";

    /// <inheritdoc />
    public virtual string CreateIndex(TableDefinition table, IndexDefinition index) =>
        $"CREATE INDEX IF NOT EXISTS {index.Name} ON {table.Name} ({string.Join(", ", index.Columns)})";

    /// <inheritdoc />
    public abstract ISet<string> ExistingColumns(DbConnection connection, string table);

    /// <inheritdoc />
    public virtual string Limit(string orderedSelect) => orderedSelect + " LIMIT @limit";

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
    public abstract string ReturningId(string insert);

    /// <inheritdoc />
    public abstract BulkWriter OpenBulkWriter(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<BulkColumn> columns);

    /// <inheritdoc />
    public abstract bool IsUniqueViolation(DbException exception);

    /// <inheritdoc />
    public string Redact(string connectionString) => ConnectionStrings.Redact(connectionString, CreateConnectionStringBuilder());

    /// <summary>A new, unopened connection of the provider.</summary>
    protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Session settings applied to every new connection; none by default.</summary>
    protected virtual void OnOpened(DbConnection connection)
    {
    }

    /// <summary>The provider's own connection-string builder, which knows its keywords and their synonyms.</summary>
    protected abstract DbConnectionStringBuilder CreateConnectionStringBuilder();

    /// <summary>The SQL type of a plugin column.</summary>
    protected abstract string SqlType(TableDefinition table, ColumnDefinition column);

    /// <summary>The column list of a plugin table: the subject key first, then each column with its type and nullability.</summary>
    protected string Columns(TableDefinition table)
    {
        var sql = new StringBuilder();
        var separator = string.Empty;
        if (table.SubjectKeyColumn is { } subjectKey)
        {
            sql.Append(subjectKey).Append(' ').Append(IntegerType).Append(" NOT NULL");
            if (table.OneRowPerSubject)
            {
                sql.Append(" PRIMARY KEY");
            }

            separator = ", ";
        }

        foreach (var column in table.Columns)
        {
            sql.Append(separator).Append(Column(table, column));
            separator = ", ";
            if (!table.OneRowPerSubject && column.Name == table.RowKeyColumn)
            {
                sql.Append(" PRIMARY KEY");
            }
        }

        return sql.ToString();
    }

    /// <summary>One column's definition: name, type, NULL or NOT NULL.</summary>
    protected string Column(TableDefinition table, ColumnDefinition column) =>
        $"{column.Name} {SqlType(table, column)}{(column.Nullable ? " NULL" : " NOT NULL")}";
}
