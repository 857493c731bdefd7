using System.Data.Common;
using System.Globalization;
using Dapper;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Evaluation;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Insight.Explain;

/// <summary>
/// Evaluates a stored segment for one profile, condition by condition, with the same plan, rows and lookups a
/// recalculation uses (a batch of one), and reports each node's answer and the rows each condition read.
/// </summary>
internal sealed class ProfileExplainer(Database database)
{
    /// <summary>Rows shown per table and condition; <see cref="ExplainedRows.Count"/> gives them all.</summary>
    public const int MaxRows = 20;

    public (bool Member, ExplainedNode Root) Explain(BoundSegment segment, CompiledSegment compiled, long profileId, EvaluationClock clock)
    {
        using var connection = database.Open();
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM profiles WHERE id = @profileId", new { profileId }) == 0)
        {
            throw new KeyNotFoundException($"There is no profile {profileId.ToString(CultureInfo.InvariantCulture)}.");
        }

        var plan = compiled.Plan;
        var lookups = LookupLoader.LoadAll(connection, database.Dialect, plan);
        long[] ids = [profileId];
        var readers = plan.Tables.Select(t => TableReader.Create(t, database.Dialect, clock, 1)).ToArray();
        foreach (var reader in readers)
        {
            reader.Load(connection, ids, 1, clock, CancellationToken.None);
        }

        var subject = new Subject(new SubjectBatch(ids, 1, [.. readers.Select(r => r.Rows)], lookups), 0);
        var raw = plan.Tables.ToDictionary(t => t.Table.Name, t => RawRows(connection, t, profileId, clock), StringComparer.Ordinal);
        var tree = new ConditionTree(segment);
        var holds = new bool[tree.Nodes.Count];
        tree.Evaluate(compiled.Predicate, subject, clock, holds);
        var conditions = tree.Nodes.Select((n, i) => (n, i)).Where(x => x.n is BoundCondition).Select(x => x.i).ToList();
        // A condition that shows a value and gives none compared an unknown one (an average of no goal value, an age without a birth date).
        string?[] values =
        [
            .. conditions.Select((node, index) => compiled.ValuePaths.Contains(tree.Nodes[node].Path)
                ? Text(compiled.Predicate.ConditionValue(index, subject, clock)) ?? "unknown"
                : null),
        ];
        var root = Node(tree, 0, holds, plan, raw, clock, conditions, values);
        return (compiled.Predicate.Evaluate(subject, clock), root);
    }

    private static ExplainedNode Node(
        ConditionTree tree, int node, bool[] holds, DataPlan plan, Dictionary<string, List<object?[]>> raw, EvaluationClock clock,
        List<int> conditions, string?[] values)
    {
        if (tree.Nodes[node] is BoundGroup group)
        {
            return new ExplainedNode(
                group.Path, $"{(group.Operator == LogicalOperator.And ? "ALL" : "ANY")} of {group.Items.Length} items", holds[node],
                [.. tree.Children(node).Select(c => Node(tree, c, holds, plan, raw, clock, conditions, values))], []);
        }

        var bound = (BoundCondition)tree.Nodes[node];

        // A condition may ask for one table more than once (a column per filter): one listing per table and window.
        var requirements = bound.Type.GetDataRequirements(bound.Arguments)
            .GroupBy(r => (r.Table.Name, r.Window))
            .Select(g => g.First() with { Columns = [.. g.SelectMany(r => r.Columns).Distinct(StringComparer.Ordinal)] });
        var data = requirements
            .Select(requirement => (requirement, table: plan.Tables.FirstOrDefault(t => t.Table.Name == requirement.Table.Name)))
            .Where(x => x.table is not null)
            .Select(x => Rows(x.requirement, x.table!, raw[x.table!.Table.Name], clock))
            .ToList();
        return new ExplainedNode(bound.Path, bound.Description, holds[node], [], data, values[conditions.IndexOf(node)]);
    }

    // The requirement's rows: those of the plan's table within the requirement's own window, with its own columns.
    private static ExplainedRows Rows(DataRequirement requirement, TablePlan table, List<object?[]> rows, EvaluationClock clock)
    {
        var position = table.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var kept = rows;
        string? window = null;
        if (requirement.Window is { } w && position.TryGetValue(w.Column, out var at))
        {
            var from = w.From?.Resolve(clock);
            var to = w.To?.Resolve(clock);
            kept = [.. rows.Where(r => r[at] is { } value && Convert.ToInt64(value, CultureInfo.InvariantCulture) is var t && (from is null || t >= from) && (to is null || t <= to))];
            window = $"{w.Column} {(from, to) switch
            {
                ({ } f, { } t) => $"from {Instant(f)} to {Instant(t)}",
                ({ } f, null) => $"from {Instant(f)}",
                (null, { } t) => $"up to {Instant(t)}",
                _ => "any time",
            }}";
        }

        var columns = requirement.Columns.Where(position.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var shown = kept.Take(MaxRows)
            .Select(r => (IReadOnlyList<string?>)[.. columns.Select(c => Text(r[position[c]], table.Table.Column(c).Type))])
            .ToList();
        return new ExplainedRows(requirement.Table.Name, window, kept.Count, columns, shown);
    }

    private List<object?[]> RawRows(DbConnection connection, TablePlan table, long profileId, EvaluationClock clock)
    {
        var (from, to) = table.Resolve(clock);
        var parameters = new DynamicParameters(new { lo = profileId, hi = profileId });
        if (from is { } f)
        {
            parameters.Add("from", f);
        }

        if (to is { } t)
        {
            parameters.Add("to", t);
        }

        var rows = new List<object?[]>();
        using var reader = connection.ExecuteReader(database.Dialect.SelectRows(table, from is not null, to is not null), parameters);
        while (reader.Read())
        {
            var values = new object?[table.Columns.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
            }

            rows.Add(values);
        }

        return rows;
    }

    // A compared value as an explanation shows it: a decimal to at most six places, without trailing zeros (an exact
    // total of 1,500 RUB at 90 RUB per USD shows as 16.666667); the comparison itself used the value unrounded.
    private static string? Text(object? value) => value switch
    {
        null => null,
        decimal number => Math.Round(number, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture),
        double number => Math.Round(number, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Text(object? value, ColumnType type) => value switch
    {
        null => null,
        _ when type == ColumnType.Timestamp => Instant(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Instant(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
