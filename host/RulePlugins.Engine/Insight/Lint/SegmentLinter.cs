using System.Globalization;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Logic;

namespace RulePlugins.Engine.Insight.Lint;

/// <summary>
/// Finds flaws in a valid segment's logic (<see cref="LintRules"/>), group by group. What a condition means comes from
/// its type's <see cref="Sdk.Conditions.ConditionType.Logic"/>, so a plugin's conditions are checked without the host
/// knowing them; a condition whose logic is unknown is only checked for repeats. Warnings never refuse a save.
/// </summary>
/// <param name="memberCount">The current member count of a stored segment, for "not in segment"; null when unknown.</param>
/// <param name="largeSegmentMembers">From this many members on, a negation of a segment is warned about.</param>
/// <param name="hasRows">Whether a table has a row whose column holds a value (table, column, value, ignoring case and surrounding white space).</param>
internal sealed class SegmentLinter(Func<string, long?> memberCount, long largeSegmentMembers, Func<string, string, string, bool, bool> hasRows)
{
    /// <summary>Every warning for <paramref name="segment"/>, in document order.</summary>
    public IReadOnlyList<LintWarning> Lint(BoundSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var nodes = new Dictionary<string, RuleNode>(StringComparer.Ordinal);
        Index(segment.Document.Rules, nodes);
        var warnings = new List<LintWarning>();
        Visit(segment.Root, isRoot: true, nodes, warnings, new Dictionary<(string, string, string, bool), bool>());
        return warnings;
    }

    // rowsSeen: what hasRows answered in this pass, as a segment may name one product in many conditions.
    private void Visit(BoundGroup group, bool isRoot, Dictionary<string, RuleNode> nodes, List<LintWarning> warnings, Dictionary<(string, string, string, bool), bool> rowsSeen)
    {
        if (!isRoot && group.Items.Length == 1)
        {
            var only = group.Items[0];
            warnings.Add(new LintWarning(group.Path, LintRules.SingleItemGroup,
                $"This group has one item, so its \"{Word(group.Operator)}\" joins nothing: the group is the same as {Name(only)} on its own.",
                "Put the item in the parent group in place of the group: " + NodeJsonOf(nodes[only.Path]), [only.Path]));
        }

        var conditions = group.Items.OfType<BoundCondition>().ToList();
        var distinct = Duplicates(conditions, warnings).Select(c => (Condition: c, Logic: c.Type.Logic(c.Arguments))).ToList();
        foreach (var (condition, logic) in distinct)
        {
            CheckAlone(condition, logic, warnings, rowsSeen);
        }

        var logical = distinct.Where(x => x.Logic is not null).Select(x => (x.Condition, Logic: x.Logic!)).ToList();
        foreach (var quantity in logical.GroupBy(x => x.Logic.Quantity, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var members = quantity.ToList();
            if (group.Operator == LogicalOperator.Or)
            {
                CheckOr(group, members, nodes, warnings);
            }
            else
            {
                CheckAnd(group, members, warnings);
            }
        }

        foreach (var child in group.Items.OfType<BoundGroup>())
        {
            Visit(child, isRoot: false, nodes, warnings, rowsSeen);
        }
    }

    // Reports the second and later copies of a condition; returns the conditions without them.
    private static List<BoundCondition> Duplicates(List<BoundCondition> conditions, List<LintWarning> warnings)
    {
        var first = new Dictionary<string, BoundCondition>(StringComparer.Ordinal);
        var distinct = new List<BoundCondition>();
        foreach (var condition in conditions)
        {
            var key = ConditionLogic.Identity(condition.Type, condition.Arguments);
            if (first.TryGetValue(key, out var original))
            {
                warnings.Add(new LintWarning(condition.Path, LintRules.Duplicate,
                    $"{Quote(condition)} is already at {original.Path} in this group; the copy changes nothing.",
                    $"Remove {condition.Path}.", [original.Path, condition.Path]));
                continue;
            }

            first.Add(key, condition);
            distinct.Add(condition);
        }

        return distinct;
    }

    private void CheckAlone(BoundCondition condition, ConditionLogic? logic, List<LintWarning> warnings, Dictionary<(string, string, string, bool), bool> rowsSeen)
    {
        if (logic is { Holds: { IsEmpty: true, IncludesUnknown: false } })
        {
            warnings.Add(new LintWarning(condition.Path, LintRules.NeverTrue,
                $"{Quote(condition)} holds for no value, so it holds for no profile.", null, [condition.Path]));
        }

        foreach (var parameter in condition.Type.Parameters.Where(p => p.MatchesColumn is not null))
        {
            var table = condition.Type.GetDataRequirements(condition.Arguments).Select(r => r.Table)
                .FirstOrDefault(t => t.Columns.Any(c => c.Name == parameter.MatchesColumn));
            if (table is not null)
            {
                CheckValuesHaveRows(condition, parameter, table, warnings, rowsSeen);
            }
        }

        if (logic is { IsNegation: true })
        {
            foreach (var parameter in condition.Type.Parameters.Where(p => p.ReferencesSegment))
            {
                if (condition.Arguments.GetOptionalString(parameter.Name) is { } id && memberCount(id) is { } count && count >= largeSegmentMembers)
                {
                    warnings.Add(new LintWarning(condition.Path, LintRules.NotInLargeSegment,
                        $"{Quote(condition)} selects by what profiles are not: segment \"{id}\" has {Count(count)} current members. A negation of a large segment " +
                        "compares long member lists on every recalculation; where you can, select the profiles you want directly instead.",
                        null, [condition.Path]));
                }
            }
        }
    }

    // An entity (ChoicesFrom) is compared as the data spells it; free text ignoring case, as conditions compare it.
    private void CheckValuesHaveRows(BoundCondition condition, ParameterDefinition parameter, TableDefinition table, List<LintWarning> warnings, Dictionary<(string, string, string, bool), bool> rowsSeen)
    {
        var value = condition.Arguments.GetValue(parameter.Name);
        IReadOnlyList<string> values = value switch
        {
            string one => [one],
            IReadOnlyList<string> list => list,
            _ => [],
        };
        bool HasRows(string v)
        {
            var key = (table.Name, parameter.MatchesColumn!, v, parameter.ChoicesFrom is null);
            if (!rowsSeen.TryGetValue(key, out var has))
            {
                rowsSeen[key] = has = hasRows(key.Item1, key.Item2, key.Item3, key.Item4);
            }

            return has;
        }

        foreach (var missing in values.Where(v => !HasRows(v)))
        {
            var (rule, text) = (parameter.ChoicesFrom, value) switch
            {
                ({ } choices, string) => (LintRules.EntityWithoutData,
                    $"{choices.Noun} \"{missing}\" has no rows in {table.Name} at all, so the condition reads nothing for any profile."),
                ({ } choices, _) => (LintRules.EntityWithoutData,
                    $"{choices.Noun} \"{missing}\" has no rows in {table.Name} at all, so that value of {parameter.Name} matches nothing."),
                _ => (LintRules.ValueWithoutData,
                    $"no row of {table.Name} has {parameter.MatchesColumn} \"{missing}\" (ignoring case), so that value of {parameter.Name} matches nothing; check its spelling."),
            };
            warnings.Add(new LintWarning(condition.Path, rule, $"{Quote(condition)}: {text}", null, [condition.Path]));
        }
    }

    private static void CheckOr(BoundGroup group, List<(BoundCondition Condition, ConditionLogic Logic)> members, Dictionary<string, RuleNode> nodes, List<LintWarning> warnings)
    {
        var negations = members.Where(m => m.Logic.IsNegation).ToList();
        var union = Combine(members.Select(m => m.Logic.Holds), (a, b) => a.Union(b));
        if (negations.Count >= 2)
        {
            var negated = Combine(negations.Select(m => m.Logic.Holds), (a, b) => a.Union(b));
            var joined = string.Join(" OR ", negations.Select(m => Quote(m.Condition)));
            var everyone = negated is { IsEverything: true } && (negated.IncludesUnknown || !negated.CanBeUnknown);
            var message = everyone
                ? $"{joined} holds for every profile: to fail the OR a profile would have to fail {(negations.Count == 2 ? "both" : $"all {negations.Count}")}, " +
                  "and no profile can. Negations joined by OR often hide a flaw like this one."
                : $"{joined}: negations joined by OR select every profile that fails just one of them, which is rarely what is meant, " +
                  "and such conditions often hide a flaw.";
            var paths = negations.Select(m => m.Condition.Path).ToList();
            var and = NodeJson.Group(LogicalOperator.And, paths.Select(p => nodes[p]));
            var rewrite = paths.Count == group.Items.Length
                ? $"To select profiles that are none of these, join them with AND: {and}"
                : $"To select profiles that are none of these, replace them with one AND group: {and}";
            warnings.Add(new LintWarning(group.Path, LintRules.OrOfNegations, message, rewrite, paths));
            return;
        }

        if (union is { IsEverything: true })
        {
            var joined = string.Join(" OR ", members.Select(m => Quote(m.Condition)));
            var message = union.IncludesUnknown || !union.CanBeUnknown
                ? $"{joined} holds for every profile, so this OR group selects everyone."
                : $"{joined} holds for every profile that has this value, so this OR group selects everyone except profiles where it is missing.";
            warnings.Add(new LintWarning(group.Path, LintRules.AlwaysTrue, message, null, [.. members.Select(m => m.Condition.Path)]));
        }
    }

    private static void CheckAnd(BoundGroup group, List<(BoundCondition Condition, ConditionLogic Logic)> members, List<LintWarning> warnings)
    {
        var both = Combine(members.Select(m => m.Logic.Holds), (a, b) => a.Intersect(b));
        if (both is not { IsEmpty: true })
        {
            return;
        }

        var joined = string.Join(" AND ", members.Select(m => Quote(m.Condition)));
        var message = both.IncludesUnknown
            ? $"{joined} can all hold only for profiles without this value, so this AND group selects only those."
            : $"{joined} cannot all hold for one profile, so this AND group selects no one.";
        warnings.Add(new LintWarning(group.Path, LintRules.NeverTrue, message, null, [.. members.Select(m => m.Condition.Path)]));
    }

    private static ValueSet? Combine(IEnumerable<ValueSet> sets, Func<ValueSet, ValueSet, ValueSet?> combine)
    {
        ValueSet? result = null;
        foreach (var set in sets)
        {
            result = result is null ? set : combine(result, set);
            if (result is null)
            {
                return null;
            }
        }

        return result;
    }

    private static void Index(RuleNode node, Dictionary<string, RuleNode> nodes)
    {
        nodes[node.Path] = node;
        if (node is GroupNode group)
        {
            foreach (var item in group.Items)
            {
                Index(item, nodes);
            }
        }
    }

    private static string NodeJsonOf(RuleNode node) => node switch
    {
        GroupNode group => NodeJson.Group(group.Operator, group.Items),
        _ => NodeJson.Condition(node),
    };

    private static string Name(BoundNode node) => node is BoundCondition condition ? Quote(condition) : $"the group at {node.Path}";

    private static string Quote(BoundCondition condition) => "\u201c" + condition.Description + "\u201d";

    private static string Word(LogicalOperator op) => op == LogicalOperator.And ? "and" : "or";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
