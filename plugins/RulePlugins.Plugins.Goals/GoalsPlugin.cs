using RulePlugins.Plugins.Goals.Conditions;
using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Plugins.Goals.DemoData;
using RulePlugins.Plugins.Goals.Reference;
using RulePlugins.Sdk;

namespace RulePlugins.Plugins.Goals;

/// <summary>
/// Goal and pixel behaviour: goals reached on websites and apps, registered by tracking pixels (reference tables
/// <c>goals</c> and <c>pixels</c>, achievements in <c>goal_achievements</c>). <c>goals.achieved</c> counts them (exists,
/// at least N times, not once) or totals and averages their goal value (RUB); <c>goals.complex</c> asks whether some
/// achievement meets every sub-condition given (UTM labels, device and geo, referrer and origin, message, promo code,
/// order, pixel_data keys). Both select achievements with the same facets.
/// </summary>
public sealed class GoalsPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(GoalTables.Goals)
        .AddTable(GoalTables.Pixels)
        .AddTable(GoalTables.Achievements)
        .AddLookup(GoalLookups.Goals.Lookup)
        .AddLookup(GoalLookups.Pixels.Lookup)
        .AddConditionType(new GoalAchievedCondition())
        .AddConditionType(new GoalComplexCondition())
        .AddDemoData(new GoalsDemoData());
}
