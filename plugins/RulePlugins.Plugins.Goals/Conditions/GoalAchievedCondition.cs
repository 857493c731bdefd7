using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Plugins.Goals.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Plugins.Goals.Conditions;

/// <summary>
/// "Goal achieved": the SDK's counting family (<see cref="CountOperators"/>: exists, not_exists, at_least, not_once, and
/// total and average of the goal value) over the profile's achievements in the window that pass every facet given
/// (<see cref="GoalFacets"/>): "reached goal G at least 3 times from utm_source=email with pixel_data plan = gold" is one
/// condition. The total of no achievement is 0; the average of none (or of none with a value) is unknown.
/// </summary>
public sealed class GoalAchievedCondition : ConditionType
{
    private static readonly CountOperators Counting = new(GoalTables.Achievements, "achieved_at")
    {
        Operators = [Exists, NotExists, AtLeast, NotOnce, Total, Average],
        Value = new CountedValue("cost", "goal_cost"),
        Window = GoalWindow.Window,
        PastOnly = true,
    };

    /// <inheritdoc />
    public override string Id => "goals.achieved";

    /// <inheritdoc />
    public override string Title => "Goal achieved";

    /// <inheritdoc />
    public override string Description =>
        "Goals reached on websites and apps, registered by pixels: exists / not_exists (at least / fewer than `times` achievements, 1 when left out), " +
        "at_least `times`, not_once, or the total / average goal value (goal_cost_operator, in " + GoalTables.Currency + ") of the achievements that pass " +
        "every facet given, in the last_days or the period from/to (all time when none is given). The total of no achievement is 0; the average of none " +
        "with a known value is unknown, so only not_equals matches it; achievements without a value are left out of both. " + GoalWindow.PastOnlyRule + " " + GoalFacets.Rules;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [.. Counting.Parameters, .. GoalFacets.Set.Parameters];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) =>
        Counting.Validate(arguments).Concat(GoalFacets.Set.Validate(arguments));

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        Counting.GetDataRequirements(arguments, GoalFacets.Columns(arguments));

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        var facets = GoalFacets.Describe(arguments);
        return Counting.Describe(arguments, facets.Length == 0 ? "goals achieved" : $"goals achieved with {facets}");
    }

    /// <inheritdoc />
    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        Counting.Translate(arguments, context, rows => GoalFacets.Set.Translate(arguments, rows));

    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var filter = GoalFacets.EmitFilter(arguments, context);
        return Counting.Aggregates(arguments)
            ? Counting.EmitAggregate(arguments, context, (window, aggregate) => Aggregate(context, filter, window, aggregate))
            : Counting.Emit(arguments, context, window => GoalFacets.Count(context, filter, window));
    }

    /// <summary>The number of matching achievements in the window, or their total or average value, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context)
    {
        var filter = GoalFacets.EmitFilter(arguments, context);
        return Counting.EmitValue(arguments, context, window => GoalFacets.Count(context, filter, window), (window, aggregate) => Aggregate(context, filter, window, aggregate));
    }

    // The sum or mean of RowCounting, through the achievements' filter bound to the clock; the family compares it.
    private static Code Aggregate(EmitContext context, Code filter, Code window, string aggregate) => context.Expression(
        $"{context.TypeName(typeof(Achievements))}.{context.Identifier(aggregate)}({context.Rows(GoalTables.Achievements)}, {window}, {filter}, {context.Clock})");
}
