using System.Data.Common;
using System.Globalization;
using System.Text;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Data.Schema;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>
/// What the supported databases write the same way (standard SQL, <c>LIMIT</c> paging, <c>IF NOT EXISTS</c> DDL);
/// each dialect overrides only where its database differs, so a difference is visible in that dialect alone.
/// </summary>
internal abstract class SqlDialect : ISqlDialect
{
    /// <summary>Inserts the staged members of <c>@run</c> that are not members of <c>@segment</c> yet (an anti-join on the member table).</summary>
    protected const string AntiJoinInsertStagedMembers =
        """
        INSERT INTO segment_members (segment_id, profile_id)
        SELECT @segment, s.profile_id FROM segment_member_staging s
        WHERE s.run_id = @run AND NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = @segment AND m.profile_id = s.profile_id)
        """;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public virtual bool SingleWriter => false;

    /// <inheritdoc />
    public virtual string SelectProfileIdsAfter => Limit("SELECT id FROM profiles WHERE id > @after ORDER BY id");

    /// <inheritdoc />
    public virtual IReadOnlyList<string> BeforeReplace { get; } = [];

    /// <inheritdoc />
    public virtual IReadOnlyList<string> BeforeUnboundedWrite { get; } = [];

    /// <inheritdoc />
    public virtual string InsertStagedMembers => AntiJoinInsertStagedMembers;

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
    public virtual string CreateTable(TableSchema table) =>
        $"CREATE TABLE IF NOT EXISTS {table.Name} ({Columns(table)})";

    /// <inheritdoc />
    public virtual string AddColumn(TableSchema table, ColumnSchema column) =>
        $"ALTER TABLE {table.Name} ADD COLUMN {AddedColumn(table, column)}";

    /// <inheritdoc />
    public virtual string CreateIndex(TableSchema table, IndexDefinition index) =>
        $"CREATE INDEX IF NOT EXISTS {index.Name} ON {table.Name} ({string.Join(", ", index.Columns)})";

    /// <inheritdoc />
    public abstract ISet<string> ExistingColumns(DbConnection connection, string table, DbTransaction? transaction = null);

    /// <inheritdoc />
    public virtual string Limit(string orderedSelect) => orderedSelect + " LIMIT @limit";

    /// <inheritdoc />
    public string SelectRows(TablePlan plan, bool from, bool to, bool byIds = false)
    {
        var table = plan.Table;
        var sql = new StringBuilder("SELECT ").Append(table.SubjectKeyColumn);
        foreach (var column in plan.Columns)
        {
            sql.Append(", ").Append(column).Append(" AS ").Append(table.Column(column).PropertyName);
        }

        sql.Append(" FROM ").Append(table.Name)
            .Append(" WHERE ").Append(table.SubjectKeyColumn).Append(" BETWEEN @lo AND @hi");
        if (byIds)
        {
            sql.Append(" AND ").Append(IdIn(table.SubjectKeyColumn!));
        }

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
    public abstract object IdList(long[] ids, int count);

    /// <summary>True when <paramref name="column"/> is one of the ids in <c>@ids</c>.</summary>
    protected abstract string IdIn(string column);

    /// <inheritdoc />
    public abstract string ContainsText(string text, string pattern, bool ignoreCase);

    /// <inheritdoc />
    public string ContainsPattern(string part)
    {
        var pattern = new StringBuilder(part.Length + 4).Append('%');
        foreach (var c in part)
        {
            pattern.Append(LikeWildcards.Contains(c) ? "\\" : string.Empty).Append(c);
        }

        return pattern.Append('%').ToString();
    }

    /// <summary>The characters <c>LIKE</c> reads as more than themselves, escaped in <see cref="ContainsPattern"/>.</summary>
    protected virtual string LikeWildcards => "%_\\";

    /// <inheritdoc />
    public virtual object Parameter(object value) => value is DateTimeOffset instant ? instant.ToUnixTimeMilliseconds() : value;

    /// <summary>The ids as a JSON array, for the dialects that read a list parameter with their JSON functions.</summary>
    protected static string JsonIds(long[] ids, int count)
    {
        var json = new StringBuilder(count * 8).Append('[');
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
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

    /// <summary>The SQL type of a column, without its nullability.</summary>
    protected abstract string SqlType(TableSchema table, ColumnSchema column);

    /// <summary>What makes a column's database generate its value (written after the type); empty where the type alone does.</summary>
    protected virtual string IdentityClause => string.Empty;

    /// <summary>
    /// The column list of a table: each column with its type, identity, nullability and default, a single-column primary
    /// key on its column, a composite one as a constraint at the end.
    /// </summary>
    protected string Columns(TableSchema table)
    {
        var sql = new StringBuilder();
        foreach (var column in table.Columns)
        {
            sql.Append(sql.Length == 0 ? string.Empty : ", ").Append(Column(table, column));
            if (table.PrimaryKey is [var key] && key == column.Name)
            {
                sql.Append(" PRIMARY KEY");
            }
        }

        if (table.PrimaryKey.Count > 1)
        {
            sql.Append(", PRIMARY KEY (").AppendJoin(", ", table.PrimaryKey).Append(')');
        }

        return sql.ToString();
    }

    /// <summary>
    /// A column added to an existing table: nullable unless it has a default (rows already there get NULL or the default),
    /// never a key or an identity.
    /// </summary>
    protected string AddedColumn(TableSchema table, ColumnSchema column)
    {
        if (column.Identity)
        {
            throw new InvalidOperationException($"Table '{table.Name}': identity column '{column.Name}' cannot be added to an existing table.");
        }

        return Column(table, column with { Nullable = column.Nullable || column.Default is null });
    }

    /// <summary>One column's definition: name, type, identity, NULL or NOT NULL, default.</summary>
    private string Column(TableSchema table, ColumnSchema column)
    {
        var sql = new StringBuilder(column.Name).Append(' ').Append(SqlType(table, column));
        if (column.Identity)
        {
            sql.Append(IdentityClause);
        }

        sql.Append(column.Nullable ? " NULL" : " NOT NULL");
        if (column.Default is { } value)
        {
            sql.Append(" DEFAULT ").Append(value.ToString(CultureInfo.InvariantCulture));
        }

        return sql.ToString();
    }
}
