using RulePlugins.Plugins.Loyalty.Reference;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Loyalty.Conditions;

/// <summary>The parameters the loyalty conditions share: the program, the optional promo action and point type, the points comparison.</summary>
public static class LoyaltyParameters
{
    /// <summary>The program, by its id in <c>loyalty_programs</c> (required).</summary>
    public static readonly ParameterDefinition Program = new("program", ParameterKind.String, "The loyalty program, by its id in the programs table; the catalogue lists the ids with their names.")
    {
        ChoicesFrom = LoyaltyLookups.Programs,
        MatchesColumn = "program_id",
    };

    /// <summary>Only points of this type (optional; left out: every type).</summary>
    public static readonly ParameterDefinition PointType = new("point_type", ParameterKind.String, "Only points of this type, by its id in the point types table; left out: points of every type.")
    {
        Required = false,
        ChoicesFrom = LoyaltyLookups.PointTypes,
        MatchesColumn = "point_type",
    };

    /// <summary>Only points accrued under this promo action (optional; left out: every promo action).</summary>
    public static readonly ParameterDefinition PromoAction = new("promo_action", ParameterKind.String, "Only points accrued under this promo action, by its id in the promo actions table; left out: every promo action. A promo action of another program matches no points.")
    {
        Required = false,
        ChoicesFrom = LoyaltyLookups.PromoActions,
        MatchesColumn = "promo_action_id",
    };

    /// <summary>The points comparison: the seven number comparisons on whole points (in_range includes both ends).</summary>
    public static IReadOnlyList<ParameterDefinition> Points { get; } = NumberOperators.Parameters(NumberOperators.Comparisons, integer: true);

    /// <summary>Transactions that happened up to now: no condition reads a row dated after now.</summary>
    public static readonly TimeWindow UpToNow = new("occurred_at", null, TimeBound.Now);

    /// <summary>The optional string argument <paramref name="name"/>, or null when it was left out.</summary>
    public static string? Optional(ConditionArguments arguments, string name)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Has(name) ? arguments.GetString(name) : null;
    }

    /// <summary>The words for the promo action and point type given: <c> from promo action "x" of type "y"</c>, or empty.</summary>
    public static string DescribeFilters(ConditionArguments arguments)
    {
        var words = string.Empty;
        if (Optional(arguments, "promo_action") is { } action)
        {
            words += $" from promo action \"{action}\"";
        }

        if (Optional(arguments, "point_type") is { } type)
        {
            words += $" of point type \"{type}\"";
        }

        return words;
    }

    /// <summary>The ledger columns every fold reads, plus the promo action and point type columns when they are given.</summary>
    public static string[] FoldColumns(ConditionArguments arguments)
    {
        var columns = new List<string> { "id", "program_id", "kind", "points", "occurred_at", "activates_at", "expires_at" };
        AddFilterColumns(arguments, columns);
        return [.. columns];
    }

    /// <summary>Adds <c>promo_action_id</c> and <c>point_type</c> to <paramref name="columns"/> when the arguments filter on them.</summary>
    public static void AddFilterColumns(ConditionArguments arguments, List<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (Optional(arguments, "promo_action") is not null)
        {
            columns.Add("promo_action_id");
        }

        if (Optional(arguments, "point_type") is not null)
        {
            columns.Add("point_type");
        }
    }

    /// <summary>The comparison of <paramref name="points"/> (an expression of type <c>long</c>) with the arguments' numbers.</summary>
    public static Code Compare(ConditionArguments arguments, EmitContext context, Code points, string fieldHint) =>
        NumberOperators.Emit(arguments, context, points, integer: true, fieldHint);

    /// <summary>The comparison in words, e.g. <c>active balance ... is between 100 and 500 points (inclusive)</c>.</summary>
    public static string DescribeComparison(string subject, ConditionArguments arguments) =>
        NumberOperators.Describe(subject, arguments, " points", string.Empty, valueMayBeUnknown: false);
}
