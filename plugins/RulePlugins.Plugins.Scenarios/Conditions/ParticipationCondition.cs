using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Plugins.Scenarios.Reference;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Logic;
using RulePlugins.Sdk.Runtime;
using static RulePlugins.Plugins.Scenarios.Conditions.ParticipationOperators;

namespace RulePlugins.Plugins.Scenarios.Conditions;

/// <summary>
/// "Was in / never was in / is currently in / is currently not in / completed / exited with an error" a scenario, over
/// every run of the profile through it in <c>scenario_runs</c>. The operators are the SDK's spell helpers
/// (<see cref="Spells"/>) over the runs of the scenario: a run is a spell from <c>entered_at</c> to <c>finished_at</c>.
/// </summary>
/// <remarks>
/// A profile can run through one scenario several times, so each operator asks about some run or about none:
/// <list type="bullet">
/// <item><c>was_at_least_once</c>: some run entered at or before now; <c>never_was</c>: none did.</item>
/// <item><c>currently_in</c>: some run is open now, entered at or before now and not finished or finishing after now (a
/// run that finished exactly now is over); <c>currently_not_in</c>: no run is open now, also true for a profile that
/// never entered.</item>
/// <item><c>completed</c> / <c>exited_with_error</c>: some run with outcome <c>completed</c> / <c>error</c> finished at or
/// before now. A run with an outcome but no finish instant, or one after now, has not ended yet.</item>
/// </list>
/// So a profile that completed the scenario once and entered it again is both "completed" and "currently in". Runs
/// entered after now are not loaded at all (the window on <c>entered_at</c> ends at now) and count for no operator.
/// Scenario ids and outcomes compare ignoring case and surrounding white space.
/// </remarks>
public sealed class ParticipationCondition : ConditionType
{
    /// <summary>The edges of the operators in words, shared by <see cref="Description"/> and the operator parameter.</summary>
    public const string Rules =
        "A profile can enter a scenario several times; each operator looks at all of its runs of the scenario. " +
        "was_at_least_once: some run entered at or before now; never_was: none did. " +
        "currently_in: some run is open now (entered at or before now, and not finished or finishing after now; a run that finished exactly now is over); " +
        "currently_not_in: no run is open now (also true for a profile that never entered). " +
        "completed: some run finished with outcome completed at or before now; exited_with_error: some run finished with outcome error at or before now " +
        "(a run with an outcome but not finished yet does not count). " +
        "So a profile that completed the scenario once and is in it again is both completed and currently_in. Runs entered after now are ignored.";

    private static readonly TimeWindow UpToNow = new("entered_at", null, TimeBound.Now);

    /// <inheritdoc />
    public override string Id => "scenarios.participation";

    /// <inheritdoc />
    public override string Title => "Scenario participation";

    /// <inheritdoc />
    public override string Description => "Participation in an automation scenario: whether the profile was in it, is in it now, completed it or exited it with an error. " + Rules;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("scenario", ParameterKind.String, "The scenario, by its id in the scenarios table; the catalogue lists the ids with their names.")
        {
            ChoicesFrom = ScenarioLookups.Scenarios,
            MatchesColumn = "scenario_id",
        },
        ParameterDefinition.Choice("operator", "What the profile did in the scenario: " + string.Join(", ", All) + ". " + Rules, All),
    ];

    /// <summary>
    /// The runs of <c>scenario_runs</c> entered up to now, with the scenario id and what the operator reads: when a run
    /// entered (was, never was), when it entered and finished (currently in, currently not in), when it finished and how
    /// (completed, exited with error).
    /// </summary>
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string[] columns = arguments.GetString("operator") switch
        {
            WasAtLeastOnce or NeverWas => ["scenario_id", "entered_at"],
            CurrentlyIn or CurrentlyNotIn => ["scenario_id", "entered_at", "finished_at"],
            _ => ["scenario_id", "finished_at", "outcome"],
        };
        yield return ScenarioTables.Runs.Read(columns).Within(UpToNow);
    }

    /// <summary>Was at least once and never was complement each other (currently in / currently not in are the SDK's pair), for the host's logic checks.</summary>
    public override ConditionLogic? Logic(ConditionArguments arguments) => ConditionLogic.FromOperators(this, arguments, (WasAtLeastOnce, NeverWas));

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var scenario = $"scenario \"{arguments.GetString("scenario")}\"";
        return arguments.GetString("operator") switch
        {
            WasAtLeastOnce => $"was in {scenario} at least once (some run entered at or before now)",
            NeverWas => $"was never in {scenario} (no run entered at or before now)",
            CurrentlyIn => $"is currently in {scenario} (some run entered at or before now and not finished by now)",
            CurrentlyNotIn => $"is currently not in {scenario} (no run open now, or never entered)",
            Completed => $"completed {scenario} (some run finished with outcome completed at or before now)",
            ExitedWithError => $"exited {scenario} with an error (some run finished with outcome error at or before now)",
            var op => op,
        };
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var table = ScenarioTables.Runs;
        var rows = context.Rows(table);
        var spells = context.TypeName(typeof(Spells));
        var text = context.TypeName(typeof(Text));
        var scenarioId = context.Identifier(table.Column("scenario_id").PropertyName);
        var outcome = context.Identifier(table.Column("outcome").PropertyName);
        var entered = context.Expression($"static row => row.{context.Identifier(table.Column("entered_at").PropertyName)}");
        var finished = context.Expression($"static row => row.{context.Identifier(table.Column("finished_at").PropertyName)}");
        var scenario = arguments.GetString("scenario");
        var ofScenario = context.Expression($"static row => {text}.EqualsIgnoreCase(row.{scenarioId}, {scenario})");
        Code EndedAs(string result) =>
            context.Expression($"static row => {text}.EqualsIgnoreCase(row.{scenarioId}, {scenario}) && {text}.EqualsIgnoreCase(row.{outcome}, {result})");

        // "Finished at or before now with this outcome" is HasEntered over the finish instant: a run with no finish
        // instant has not ended, and one finishing after now has not ended yet.
        var hasEntered = context.Expression($"{spells}.HasEntered({rows}, {context.Clock}, {entered}, {ofScenario})");
        var isIn = context.Expression($"{spells}.IsIn({rows}, {context.Clock}, {entered}, {finished}, {ofScenario})");
        var op = arguments.GetString("operator");
        return op switch
        {
            WasAtLeastOnce => hasEntered,
            NeverWas => context.Expression($"!{hasEntered}"),
            CurrentlyIn => isIn,
            CurrentlyNotIn => context.Expression($"!{isIn}"),
            Completed => context.Expression($"{spells}.HasEntered({rows}, {context.Clock}, {finished}, {EndedAs(RunOutcomes.Completed)})"),
            ExitedWithError => context.Expression($"{spells}.HasEntered({rows}, {context.Clock}, {finished}, {EndedAs(RunOutcomes.Error)})"),
            _ => throw new ArgumentException($"Unknown scenario participation operator '{op}'; allowed: {string.Join(", ", All)}.", nameof(arguments)),
        };
    }
}
