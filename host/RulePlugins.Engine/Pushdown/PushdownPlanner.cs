using System.Text.RegularExpressions;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Engine.Pushdown;

/// <summary>
/// Turns the translatable part of a profile segment's tree into a <see cref="Prefilter"/>:
/// <list type="bullet">
/// <item>a condition gives its type's <see cref="Sdk.Conditions.ConditionType.Translate"/>, or nothing;</item>
/// <item>an AND group keeps the translations of its items that have one (each holds for every member of the group);</item>
/// <item>an OR group has one only when every item has one.</item>
/// </list>
/// Negations never reach here as filters: an operator that holds by something being absent has no translation. A tree
/// with nothing translatable has no prefilter, and every profile is judged by the predicate. A type that fails to
/// translate fails the save, naming the condition and its plugin.
/// </summary>
internal sealed partial class PushdownPlanner(PluginCatalog catalog, ISqlDialect dialect)
{
    /// <summary>The prefilter of <paramref name="segment"/>, or null when it has none (or selects orders).</summary>
    public Prefilter? Plan(BoundSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Document.Subject != SubjectKinds.Profile)
        {
            return null;
        }

        var context = new SqlTranslationContext(dialect, catalog);
        var translated = new List<string>();
        var where = Node(segment, segment.Root, context, translated);
        if (where is null)
        {
            return null;
        }

        var used = Parameter().Matches(where.Text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var judged = segment.Conditions.Select(c => c.Path).Except(translated, StringComparer.Ordinal).ToList();
        return new Prefilter(
            context.JoinsReadBy(where),
            where.Text,
            [.. context.Parameters.Where(p => used.Contains(p.Key))],
            [.. translated],
            [.. judged]);
    }

    private static SqlCode? Node(BoundSegment segment, BoundNode node, SqlTranslationContext context, List<string> translated)
    {
        switch (node)
        {
            case BoundCondition condition:
                return Condition(segment, condition, context, translated);
            case BoundGroup { Operator: LogicalOperator.And } group:
                return SqlContext.And(group.Items.Select(i => Node(segment, i, context, translated)).ToList());
            case BoundGroup group:
                var marked = translated.Count;
                var branches = group.Items.Select(i => Node(segment, i, context, translated)).ToList();
                var either = SqlContext.Or(branches);
                if (either is null)
                {
                    // An OR with an untranslatable branch filters nothing: its translated conditions are not part of the filter.
                    translated.RemoveRange(marked, translated.Count - marked);
                }

                return either;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown node.");
        }
    }

    private static SqlCode? Condition(BoundSegment segment, BoundCondition condition, SqlTranslationContext context, List<string> translated)
    {
        SqlCode? sql;
        try
        {
            sql = condition.Type.Translate(condition.Arguments, context);
        }
        catch (Exception ex)
        {
            throw new SegmentValidationException(segment.Document.Id, [new(condition.Path,
                $"condition type {condition.Type.Id} (plugin {condition.Registration.Plugin}) could not translate itself to SQL: {ex.Message}")]);
        }

        if (sql is not null)
        {
            translated.Add(condition.Path);
        }

        return sql;
    }

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Parameter();
}
