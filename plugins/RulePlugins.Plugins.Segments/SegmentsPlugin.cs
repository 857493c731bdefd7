using RulePlugins.Plugins.Segments.Conditions;
using RulePlugins.Sdk;

namespace RulePlugins.Plugins.Segments;

/// <summary>
/// Participation in other segments: <c>segments.membership</c> (in segment / not in segment, for a dynamic segment's
/// current members) and <c>segments.history</c> (the nine membership-history operators, for a static segment's imports
/// or any segment's past). Both name the other segment by id (<see cref="Sdk.Conditions.ParameterDefinition.ReferencesSegment"/>):
/// the host refuses an unknown segment, itself, another subject and cycles, recalculates the other segment first, and
/// refuses to delete it while it is referred to.
/// </summary>
public sealed class SegmentsPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddConditionType(new MembershipCondition())
        .AddConditionType(new HistoryCondition())
        .AddDemoData(new DemoData.SegmentsDemoData());
}
