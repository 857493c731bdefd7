using RulePlugins.Plugins.Market.Conditions.Profile.Filters;
using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.Market.Conditions.Profile;

/// <summary>
/// The grouping conditions that decide which of a profile's orders count: sales channel and contact points,
/// statuses, regions, products, SKUs, categories (with their descendants), the quantity of goods, the creation
/// date and the order cost. Every parameter is optional; those given must all hold for an order to count. Each
/// filter is one class in <c>Filters/</c> (its parameters, checks, columns, words and the property it sets on
/// <see cref="OrderFilter"/>); this list fixes their order in the catalogue and in descriptions.
/// </summary>
internal static class OrderFilterSpec
{
    /// <summary>The filters, in catalogue and description order.</summary>
    public static FacetSet Filters { get; } = new(
        OrderTextFilter.Statuses(),
        new ChannelsFilter(),
        OrderTextFilter.Regions(),
        ContainsFilter.Products(),
        ContainsFilter.Skus(),
        new CategoriesFilter(),
        new QuantityFilter(),
        new CreatedFilter(),
        new AmountFilter());

    /// <summary>The creation-date window (<c>created_in_last_days</c>, <c>created_from</c>, <c>created_to</c>) on <c>created_at</c>.</summary>
    public static WindowParameters Window => CreatedFilter.Window;

    /// <summary>The filter parameters, appended to each order condition's own.</summary>
    public static IReadOnlyList<ParameterDefinition> Parameters => Filters.Parameters;

    /// <summary>The checks of the filters given.</summary>
    public static IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Filters.Validate(arguments);

    /// <summary>
    /// The order and item columns the filters read, with <paramref name="orderColumns"/> (what the condition itself reads of
    /// each order), all bounded by the creation-date window: orders and items carry <c>created_at</c> for that.
    /// </summary>
    public static IEnumerable<DataRequirement> Requirements(ConditionArguments arguments, params string[] orderColumns)
    {
        var window = Window.Window(arguments, "created_at");
        return Filters.GetDataRequirements(arguments).Prepend(MarketTables.Orders.Read(orderColumns)).Select(r => r.Within(window));
    }

    /// <summary>The lookups the filters read, and the currency rates when <paramref name="convertsAmounts"/>.</summary>
    public static IEnumerable<LookupDefinition> Lookups(ConditionArguments arguments, bool convertsAmounts) =>
        convertsAmounts ? Filters.GetLookups(arguments).Append(MarketLookups.CurrencyRates).Distinct() : Filters.GetLookups(arguments);

    /// <summary>The filters in words: "status is one of paid; created in the last 14 days", or "any order" when none is given.</summary>
    public static string Describe(ConditionArguments arguments) => Filters.Describe(arguments, "any order");

    /// <summary>Declares the <see cref="OrderFilter"/> as a static field and returns its name.</summary>
    /// <summary>
    /// A SQL prefilter on one order row: the grouping conditions that have a translation (status, region), and the
    /// creation-date window when <paramref name="window"/>.
    /// </summary>
    public static SqlCode? Translate(ConditionArguments arguments, SqlRows rows, bool window) => SqlContext.And(
    [
        window ? rows.Context.Within(rows.Column("created_at"), Window.Window(arguments, "created_at")) : null,
        Filters.Translate(arguments, rows),
    ]);

    public static Code EmitFilter(ConditionArguments arguments, EmitContext context) =>
        context.StaticField(context.TypeName(typeof(OrderFilter)), "Orders", Filters.EmitInitializer(arguments, context, typeof(OrderFilter)));

    /// <summary>
    /// The named arguments that pass the items, the category tree and (with <paramref name="rates"/>) the currency rates to
    /// the counting helpers, when a filter given reads them.
    /// </summary>
    public static Code HelperArguments(ConditionArguments arguments, EmitContext context, bool rates)
    {
        var lookups = Filters.GetLookups(arguments).ToList();
        var parts = new List<Code>();
        if (Filters.Reads(arguments, MarketTables.OrderItems))
        {
            parts.Add(context.Expression($", items: {context.Rows(MarketTables.OrderItems)}"));
        }

        if (lookups.Contains(MarketLookups.Categories))
        {
            parts.Add(context.Expression($", categories: {context.Lookup(MarketLookups.Categories)}"));
        }

        if (rates && lookups.Contains(MarketLookups.CurrencyRates))
        {
            parts.Add(context.Expression($", rates: {context.Lookup(MarketLookups.CurrencyRates)}"));
        }

        return Code.Join(string.Empty, parts);
    }
}
