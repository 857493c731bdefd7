using System.Text;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Dialects;

/// <summary>The SQL every supported database writes the same way; dialects pass in only what differs (column types).</summary>
internal static class SqlText
{
    /// <summary>Inserts the staged members of <c>@run</c> that are not members of <c>@segment</c> yet (an anti-join on the member table).</summary>
    public const string InsertStagedMembers =
        """
        INSERT INTO segment_members (segment_id, profile_id)
        SELECT @segment, s.profile_id FROM segment_member_staging s
        WHERE s.run_id = @run AND NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = @segment AND m.profile_id = s.profile_id)
        """;

    /// <summary>The column list of a plugin table: the subject key first, then each column with its type and nullability.</summary>
    public static string Columns(TableDefinition table, Func<ColumnDefinition, string> type, string integer)
    {
        var sql = new StringBuilder();
        var separator = string.Empty;
        if (table.SubjectKeyColumn is { } subjectKey)
        {
            sql.Append(subjectKey).Append(' ').Append(integer).Append(" NOT NULL");
            if (table.OneRowPerSubject)
            {
                sql.Append(" PRIMARY KEY");
            }

            separator = ", ";
        }

        foreach (var column in table.Columns)
        {
            sql.Append(separator).Append(Column(column, type));
            separator = ", ";
            if (!table.OneRowPerSubject && column.Name == table.RowKeyColumn)
            {
                sql.Append(" PRIMARY KEY");
            }
        }

        return sql.ToString();
    }

    /// <summary>One column's definition: name, type, NULL or NOT NULL.</summary>
    public static string Column(ColumnDefinition column, Func<ColumnDefinition, string> type) =>
        $"{column.Name} {type(column)}{(column.Nullable ? " NULL" : " NOT NULL")}";

    /// <summary>
    /// The planned columns of a table for the profiles with ids from <c>@lo</c> to <c>@hi</c>, ordered by profile id,
    /// inside the optional <c>@from</c> / <c>@to</c> window.
    /// </summary>
    public static string SelectRows(TablePlan plan, bool from, bool to)
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

    /// <summary>Every row of a reference table, each column aliased to its row property.</summary>
    public static string SelectAll(TableDefinition table) =>
        $"SELECT {string.Join(", ", table.Columns.Select(c => $"{c.Name} AS {c.PropertyName}"))} FROM {table.Name}";

    /// <summary>An INSERT of one row with parameters <c>@p0</c>, <c>@p1</c>, ...</summary>
    public static string Insert(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
}
