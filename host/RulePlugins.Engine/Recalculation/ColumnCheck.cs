using System.Collections.Immutable;
using Dapper;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Recalculation;

/// <summary>
/// A column a condition reads without declaring it: the host never loads it, so the condition sees it empty and
/// answers wrongly without any error. Found by <see cref="ColumnCheck"/>.
/// </summary>
/// <param name="Path">The condition's tree path.</param>
/// <param name="ConditionType">The condition type's id.</param>
/// <param name="Table">The table of the column.</param>
/// <param name="Column">The column, or null when no single column explains the difference.</param>
/// <param name="MatchingDeclared">Sample profiles the condition holds for with the declared columns loaded.</param>
/// <param name="MatchingAll">Sample profiles it holds for with every column of its tables loaded.</param>
/// <param name="Sample">How many profiles were evaluated.</param>
public sealed record UndeclaredColumn(string Path, string ConditionType, string Table, string? Column, int MatchingDeclared, int MatchingAll, int Sample)
{
    /// <summary>The finding in words, naming the condition, the table and the column.</summary>
    public string Message =>
        $"condition type {ConditionType} reads {(Column is null ? $"columns of table {Table}" : $"column {Table}.{Column}")} that its data requirements do not declare, "
        + $"so the host never loads {(Column is null ? "them" : "it")}: on {Sample} profiles it holds for {MatchingDeclared} with the declared columns and for {MatchingAll} with every column. "
        + "This is a defect of the plugin: declare the column in GetDataRequirements.";
}

/// <summary>
/// Finds conditions that read columns they did not declare. Each condition of a compiled profile segment is evaluated
/// on a sample of profiles twice: with the columns the plan loads, and with every column of the planned tables (same
/// rows, same windows). A condition that answers differently reads an undeclared column; loading the missing columns
/// one at a time names it. Used at save, on a sample of the database, and by the plugin author kit, on test data.
/// </summary>
internal sealed class ColumnCheck(Database database, TimeProvider time)
{
    /// <summary>Finds the undeclared columns of <paramref name="segment"/> on the first <paramref name="sampleSize"/> profiles.</summary>
    public IReadOnlyList<UndeclaredColumn> Find(CompiledSegment segment, BoundSegment bound, int sampleSize)
    {
        var plan = segment.Plan;
        if (segment.Subject != SubjectKinds.Profile || plan.Tables.All(t => t.Columns.Length == t.Table.Columns.Count))
        {
            return [];
        }

        var clock = EvaluationClock.From(time);
        using var connection = database.Open();
        var ids = connection.Query<long>(database.Dialect.SelectProfileIdsAfter, new { after = 0L, limit = sampleSize }).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var lookups = LookupLoader.LoadAll(connection, database.Dialect, plan);
        var conditions = bound.Conditions.ToList();
        var declared = Evaluate(connection, segment, plan.Tables, ids, lookups, clock);
        var everything = plan.Tables.Select(t => t with { Columns = AllColumns(t) }).ToImmutableArray();
        var all = Evaluate(connection, segment, everything, ids, lookups, clock);

        var found = new List<UndeclaredColumn>();
        for (var condition = 0; condition < conditions.Count; condition++)
        {
            if (declared[condition].AsSpan().SequenceEqual(all[condition]))
            {
                continue;
            }

            var blamed = Blame(connection, segment, condition, all[condition], ids, lookups, clock);
            var table = blamed?.Table ?? plan.Tables.First(t => t.Columns.Length < t.Table.Columns.Count).Table.Name;
            found.Add(new UndeclaredColumn(
                conditions[condition].Path, conditions[condition].Type.Id, table, blamed?.Column,
                declared[condition].Count(m => m), all[condition].Count(m => m), ids.Length));
        }

        return found;
    }

    private (string Table, string Column)? Blame(
        System.Data.Common.DbConnection connection, CompiledSegment segment, int condition, bool[] expected, long[] ids, object[] lookups, EvaluationClock clock)
    {
        var plan = segment.Plan;
        foreach (var table in plan.Tables)
        {
            foreach (var column in AllColumns(table).Except(table.Columns, StringComparer.Ordinal))
            {
                var tables = plan.Tables.Select(t => t.Slot == table.Slot ? t with { Columns = [.. t.Columns.Append(column).Order(StringComparer.Ordinal)] } : t).ToImmutableArray();
                if (Evaluate(connection, segment, tables, ids, lookups, clock, only: condition)[condition].AsSpan().SequenceEqual(expected))
                {
                    return (table.Table.Name, column);
                }
            }
        }

        return null;
    }

    private static ImmutableArray<string> AllColumns(TablePlan table) =>
        [.. table.Table.Columns.Select(c => c.Name).Order(StringComparer.Ordinal)];

    /// <summary>Each condition's answer for each sample profile, with <paramref name="tables"/> loaded.</summary>
    private bool[][] Evaluate(
        System.Data.Common.DbConnection connection, CompiledSegment segment, ImmutableArray<TablePlan> tables, long[] ids, object[] lookups, EvaluationClock clock, int? only = null)
    {
        var readers = tables.Select(t => TableReader.Create(t, database.Dialect, clock, ids.Length)).ToArray();
        foreach (var reader in readers)
        {
            reader.Load(connection, ids, ids.Length, clock, CancellationToken.None);
        }

        var batch = new SubjectBatch(ids, ids.Length, [.. readers.Select(r => r.Rows)], lookups);
        var predicate = segment.Predicate;
        var answers = new bool[predicate.ConditionCount][];
        for (var condition = 0; condition < answers.Length; condition++)
        {
            answers[condition] = new bool[ids.Length];
            if (only is not null && only != condition)
            {
                continue;
            }

            for (var i = 0; i < ids.Length; i++)
            {
                answers[condition][i] = predicate.EvaluateCondition(condition, new Subject(batch, i), clock);
            }
        }

        return answers;
    }
}
