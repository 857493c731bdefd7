using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.Segments.Conditions;

/// <summary>
/// "Participation in a static segment": where the profile has been with another segment, by the nine operators of the
/// SDK's membership-history family over the spells the host keeps for every segment. For a static segment each import
/// that adds a profile begins a spell and each that removes it ends one; for a dynamic segment each recalculation does.
/// </summary>
internal sealed class HistoryCondition : ConditionType
{
    private static readonly MembershipHistoryOperators History = new(SegmentMembership.Spells, "entered_at", "left_at") { What = "the segment" };

    public override string Id => "segments.history";

    public override string Title => "Participation in a static segment";

    public override string Description =>
        "Where the profile has been with another segment (a static one, whose members are imported, or any other): " +
        "currently_in, currently_not_in, ever_entered, never_entered, no_longer_in (not in now, but was), " +
        "entered_times_last_days and entered_times_in_period (at least times entries), not_entered_last_days and " +
        "not_entered_in_period (no entry; also true for a profile that never entered). An entry is an import or " +
        "recalculation that added the profile. " + MembershipHistoryOperators.Edges;

    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [SegmentParameter.Definition, .. History.Parameters];

    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => History.Validate(arguments);

    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        History.GetDataRequirements(arguments, "segment_id");

    public override string Describe(ConditionArguments arguments) => History.Describe(arguments, SegmentParameter.Words(arguments));

    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        History.Translate(arguments, context, rows => SegmentParameter.Match(arguments, rows));

    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        History.Emit(arguments, context, SegmentParameter.Match(arguments, context));

    /// <summary>The number of entries the windowed operators count, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) =>
        History.EmitValue(arguments, context, SegmentParameter.Match(arguments, context));
}
