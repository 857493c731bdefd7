using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Plugins.Loyalty.Reference;

/// <summary>The entities a loyalty condition may name, read from the reference tables, each an id and a name.</summary>
public static class LoyaltyLookups
{
    /// <summary>The program ids with their names (lookup <c>loyalty.programs</c>).</summary>
    public static readonly DataChoices Programs = DataChoices.FromRows<LoyaltyProgramRow>(
        "loyalty program", "loyalty.programs", LoyaltyTables.Programs, row => row.Id, row => row.Name);

    /// <summary>The promo action ids with their names (lookup <c>loyalty.promo_actions</c>).</summary>
    public static readonly DataChoices PromoActions = DataChoices.FromRows<PromoActionRow>(
        "promo action", "loyalty.promo_actions", LoyaltyTables.PromoActions, row => row.Id, row => row.Name);

    /// <summary>The point type ids with their names (lookup <c>loyalty.point_types</c>).</summary>
    public static readonly DataChoices PointTypes = DataChoices.FromRows<PointTypeRow>(
        "point type", "loyalty.point_types", LoyaltyTables.PointTypes, row => row.Id, row => row.Name);
}
