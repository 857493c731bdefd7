using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Logic;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.Segments.Conditions;

/// <summary>
/// "In segment" / "not in segment": whether the profile is among another segment's current members, as its last
/// recalculation (or import) left them. Both read the same spells of that one segment per batch of profiles, so "not in"
/// costs what "in" costs, however large the other segment is.
/// </summary>
internal sealed class MembershipCondition : ConditionType
{
    public const string InSegment = "in_segment";
    public const string NotInSegment = "not_in_segment";

    // The two are the history family's currently_in and currently_not_in over the host's spells.
    private static readonly MembershipHistoryOperators History = new(SegmentMembership.Spells, "entered_at", "left_at") { What = "the segment" };

    public override string Id => "segments.membership";

    public override string Title => "Participation in a dynamic segment";

    public override string Description =>
        "Whether the profile is a member of another segment of the same subject now: in_segment (among its current members, " +
        "as its last recalculation or import left them) or not_in_segment (not among them, also when it never was). " +
        "The other segment is recalculated first when both are recalculated together; it cannot refer back to this one.";

    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        SegmentParameter.Definition,
        ParameterDefinition.Choice("operator", "in_segment or not_in_segment.", [InSegment, NotInSegment]),
    ];

    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        History.GetDataRequirements(Current(arguments), "segment_id");

    // In segment and not in segment complement each other, for the host's logic checks.
    public override ConditionLogic? Logic(ConditionArguments arguments) => ConditionLogic.FromOperators(this, arguments, (InSegment, NotInSegment));

    public override string Describe(ConditionArguments arguments) =>
        $"{(arguments.GetString("operator") == InSegment ? "in" : "not in")} {SegmentParameter.Words(arguments)}";

    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        History.Translate(Current(arguments), context, rows => SegmentParameter.Match(arguments, rows));

    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        History.Emit(Current(arguments), context, SegmentParameter.Match(arguments, context));

    private static ConditionArguments Current(ConditionArguments arguments) =>
        arguments.With("operator", arguments.GetString("operator") == InSegment ? OperatorNames.CurrentlyIn : OperatorNames.CurrentlyNotIn);
}
