using RulePlugins.Plugins.Loyalty.Conditions;
using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Plugins.Loyalty.DemoData;
using RulePlugins.Plugins.Loyalty.Reference;
using RulePlugins.Sdk;

namespace RulePlugins.Plugins.Loyalty;

/// <summary>
/// Loyalty programs: programs, promo actions and point types (reference data), profiles' participation spells, and each
/// profile's points ledger (accruals and spends). Conditions: <c>loyalty.participation</c>, <c>loyalty.balance</c>
/// (final or active), <c>loyalty.accrued</c> and <c>loyalty.expiring</c>; the points model is in
/// <see cref="Runtime.PointsLedger"/>.
/// </summary>
public sealed class LoyaltyPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(LoyaltyTables.Programs)
        .AddTable(LoyaltyTables.PromoActions)
        .AddTable(LoyaltyTables.PointTypes)
        .AddTable(LoyaltyTables.Participations)
        .AddTable(LoyaltyTables.Transactions)
        .AddLookup(LoyaltyLookups.Programs.Lookup)
        .AddLookup(LoyaltyLookups.PromoActions.Lookup)
        .AddLookup(LoyaltyLookups.PointTypes.Lookup)
        .AddConditionType(new ParticipationCondition())
        .AddConditionType(new BalanceCondition())
        .AddConditionType(new AccruedCondition())
        .AddConditionType(new ExpiringCondition())
        .AddDemoData(new LoyaltyDemoData());
}
