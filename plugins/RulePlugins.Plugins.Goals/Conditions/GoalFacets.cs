using RulePlugins.Plugins.Goals.Conditions.Facets;
using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Plugins.Goals.Reference;
using RulePlugins.Plugins.Goals.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Goals.Conditions;

/// <summary>
/// The checks that decide which achievements count, shared by <c>goals.achieved</c> and <c>goals.complex</c>: goal, pixel,
/// referrer and origin, goal value, UTM labels, device and geo, message, promo code, order, and three pixel_data keys.
/// Every one is optional; those given must all hold for the same achievement. Each row is one facet (its parameters,
/// checks, column, words and the property it sets on <see cref="AchievementFilter"/>); this list fixes their order in the
/// catalogue and in descriptions.
/// </summary>
internal static class GoalFacets
{
    /// <summary>The facets, in catalogue and description order.</summary>
    public static FacetSet Set { get; } = new(
        TextFacet.Entity("goal", "goal_id", nameof(AchievementFilter.GoalId), "goal", GoalLookups.Goals, "Achievements of this goal, by its id in the goals table; the catalogue lists the ids with their names."),
        TextFacet.Entity("pixel", "pixel_id", nameof(AchievementFilter.PixelId), "pixel", GoalLookups.Pixels, "Achievements registered by this pixel, by its id in the pixels table; the catalogue lists the ids with their names."),
        TextFacet.Contains("referrer_contains", "referrer", nameof(AchievementFilter.Referrer), "referrer"),
        TextFacet.OneOf("origin", nameof(AchievementFilter.Origin), "origin"),
        new NumberFacet("cost_", "cost", nameof(AchievementFilter.Cost), "goal value"),
        TextFacet.OneOf("utm_source", nameof(AchievementFilter.UtmSource), "utm_source"),
        TextFacet.OneOf("utm_medium", nameof(AchievementFilter.UtmMedium), "utm_medium"),
        TextFacet.OneOf("utm_campaign", nameof(AchievementFilter.UtmCampaign), "utm_campaign"),
        TextFacet.OneOf("utm_term", nameof(AchievementFilter.UtmTerm), "utm_term"),
        TextFacet.OneOf("utm_content", nameof(AchievementFilter.UtmContent), "utm_content"),
        TextFacet.OneOf("browser", nameof(AchievementFilter.Browser), "browser"),
        TextFacet.OneOf("os", nameof(AchievementFilter.Os), "os"),
        TextFacet.OneOf("device_type", nameof(AchievementFilter.DeviceType), "device type"),
        TextFacet.OneOf("country", nameof(AchievementFilter.Country), "country"),
        TextFacet.OneOf("city", nameof(AchievementFilter.City), "city"),
        TextFacet.OneOf("message_id", nameof(AchievementFilter.MessageId), "message id"),
        TextFacet.OneOf("promo_code", nameof(AchievementFilter.PromoCode), "promo code"),
        TextFacet.OneOf("order_id", nameof(AchievementFilter.OrderId), "order id"),
        TextFacet.Presence("has_order", "order_id", nameof(AchievementFilter.HasOrder), "order id"),
        new NumberFacet("order_amount_", "order_amount", nameof(AchievementFilter.OrderAmount), "order amount"),
        new PixelDataFacet(1),
        new PixelDataFacet(2),
        new PixelDataFacet(3));

    /// <summary>The facets' rules in words, for the conditions' descriptions.</summary>
    public const string Rules =
        $"Goal values and order amounts are in {GoalTables.Currency} (the one currency of goal_achievements). Text compares ignoring case and surrounding spaces: " +
        "goal and pixel by id, referrer_contains as a part of the referrer, the other text facets as one of a list (an achievement without the value is in no list). " +
        "An achievement without a goal value or order amount has an unknown one: only not_equals matches it. " +
        "pixel_data keys (data1_, data2_, data3_) compare as the kind given; a missing key, a key of another kind (\"gold\" compared as a number, \"5\" as a number), " +
        "or pixel_data that is not a JSON object is an unknown value: for strings only not_equals, not_in_list and is_empty match it; for numbers, dates and booleans only not_equals.";

    /// <summary>The columns of goal_achievements the facets given read.</summary>
    public static string[] Columns(ConditionArguments arguments) =>
        [.. Set.GetDataRequirements(arguments).SelectMany(r => r.Columns).Distinct(StringComparer.Ordinal)];

    /// <summary>The facets given in words, joined by "and"; empty when none is given.</summary>
    public static string Describe(ConditionArguments arguments) => Set.Describe(arguments, string.Empty, " and ");

    /// <summary>Declares the <see cref="AchievementFilter"/> as a static field and returns its name.</summary>
    public static Code EmitFilter(ConditionArguments arguments, EmitContext context) =>
        context.StaticField(context.TypeName(typeof(AchievementFilter)), "Achievements", Set.EmitInitializer(arguments, context, typeof(AchievementFilter)));

    /// <summary>The call that counts the achievements passing <paramref name="filter"/> in <paramref name="window"/>.</summary>
    public static Code Count(EmitContext context, Code filter, Code window) =>
        context.Expression($"{context.TypeName(typeof(Achievements))}.Count({context.Rows(GoalTables.Achievements)}, {window}, {filter}, {context.Clock})");
}
