using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Logic;
using RulePlugins.Sdk.Operators;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Plugins.Goals.Conditions;

/// <summary>
/// "Meets / does not meet complex condition": <c>meets</c> when some achievement in the window satisfies every
/// sub-condition given (the facets of <see cref="GoalFacets"/>), all on the same achievement; <c>does_not_meet</c> when
/// none does (also true for a profile without achievements). At least one sub-condition is required. Counted with the
/// SDK's <see cref="CountOperators"/> (exists / not_exists of one such achievement).
/// </summary>
public sealed class GoalComplexCondition : ConditionType
{
    /// <summary>Some achievement in the window satisfies every sub-condition.</summary>
    public const string Meets = "meets";

    /// <summary>No achievement in the window satisfies every sub-condition.</summary>
    public const string DoesNotMeet = "does_not_meet";

    private static readonly CountOperators Counting = new(GoalTables.Achievements, "achieved_at")
    {
        Operators = [Exists, NotExists],
        Noun = new CountNoun("achievement", "achievements"),
        Window = GoalWindow.Window,
        PastOnly = true,
    };

    /// <inheritdoc />
    public override string Id => "goals.complex";

    /// <inheritdoc />
    public override string Title => "Goal achievement meets a complex condition";

    /// <inheritdoc />
    public override string Description =>
        "meets: some goal achievement in the last_days or the period from/to (all time when none is given) satisfies every sub-condition given, " +
        "all on that same achievement (two sub-conditions true on different achievements do not meet); does_not_meet: no achievement does, " +
        "also true for a profile without achievements. At least one sub-condition is required. " + GoalWindow.PastOnlyRule + " " + GoalFacets.Rules;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Choice("operator", "meets: some achievement in the window satisfies every sub-condition given; does_not_meet: none does.", [Meets, DoesNotMeet]),
        .. GoalWindow.Window.Parameters,
        .. GoalFacets.Set.Parameters,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments)
    {
        if (!GoalFacets.Set.Given(arguments).Any())
        {
            var names = string.Join(", ", GoalFacets.Set.Facets.Select(f => f.Parameters[0].Name));
            return [new ArgumentError("operator", $"needs at least one sub-condition of the achievement; give one of: {names}")];
        }

        return GoalWindow.Window.Validate(arguments).Concat(GoalFacets.Set.Validate(arguments));
    }

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        Counting.GetDataRequirements(Counted(arguments), GoalFacets.Columns(arguments));

    /// <summary>Its operators meets / does not meet complement each other, for the host's logic checks.</summary>
    public override ConditionLogic? Logic(ConditionArguments arguments) => ConditionLogic.FromOperators(this, arguments, (Meets, DoesNotMeet));

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        var window = GoalWindow.Window.Describe(arguments);
        var inWindow = window.Length == 0 ? string.Empty : " " + window;
        var some = arguments.GetString("operator") == Meets ? "some" : "no";
        return $"{some} goal achievement{inWindow} where {GoalFacets.Describe(arguments)}";
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var filter = GoalFacets.EmitFilter(arguments, context);
        return Counting.Emit(Counted(arguments), context, window => GoalFacets.Count(context, filter, window));
    }

    /// <summary>The number of achievements in the window that meet every facet, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) =>
        Counting.EmitValue(Counted(arguments), context, window => GoalFacets.Count(context, GoalFacets.EmitFilter(arguments, context), window));

    // meets is "exists at least one", does_not_meet "not_exists" (fewer than one) of the counting family.
    private static ConditionArguments Counted(ConditionArguments arguments) =>
        arguments.With("operator", arguments.GetString("operator") == Meets ? Exists : NotExists);
}
