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
/// "Total cost of orders satisfying all conditions" compared with a number, in a chosen currency. The comparison is the
/// number operators on <c>operator</c> itself and the total converts currencies, so of the SDK's counting family it uses
/// the window (<see cref="WindowParameters"/>) only.
/// </summary>
public sealed class OrdersTotalCondition : ConditionType
{
    /// <inheritdoc />
    public override string Id => "market.orders_total";

    /// <inheritdoc />
    public override string Title => "Total cost of orders";

    /// <inheritdoc />
    public override string Description =>
        "The sum of the costs (amounts, without shipping) of the profile's orders that pass every grouping condition given, converted to `currency` " +
        $"({CurrencyRates.BaseCurrency} when left out; converted exactly, without rounding), compared with the operator. A profile without such orders has a total of 0.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        .. NumberOperators.Parameters(NumberOperators.Comparisons, integer: false),
        MarketParameters.Currency("currency"),
        .. OrderFilterSpec.Parameters,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) =>
        NumberOperators.Validate(arguments)
            .Concat(MarketParameters.ValidateCurrency(arguments, "currency"))
            .Concat(OrderFilterSpec.Validate(arguments));

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        OrderFilterSpec.Requirements(arguments, "amount", "currency");

    /// <inheritdoc />
    public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) =>
        OrderFilterSpec.Lookups(arguments, convertsAmounts: true);

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        NumberOperators.Describe($"total cost of orders [{OrderFilterSpec.Describe(arguments)}]", arguments, " " + MarketParameters.CurrencyOf(arguments, "currency"), string.Empty, valueMayBeUnknown: false);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        NumberOperators.Emit(arguments, context, Total(arguments, context), integer: false, "Total");

    /// <summary>The total of the matching orders in the currency asked for, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Total(arguments, context);

    /// <summary>
    /// A total that cannot be 0 (the total of no order) needs an order in the window that passes the translated grouping
    /// conditions; a total that may be 0 has no translation.
    /// </summary>
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        NumberOperators.Bounds(arguments) is var (low, high) && (low > 0 || high < 0)
            ? context.HasRows(MarketTables.Orders, 1, rows => OrderFilterSpec.Translate(arguments, rows, window: true))
            : null;

    private static Code Total(ConditionArguments arguments, EmitContext context)
    {
        var filter = OrderFilterSpec.EmitFilter(arguments, context);
        return context.Expression(
            $"{context.TypeName(typeof(ProfileOrders))}.Total({context.Rows(MarketTables.Orders)}, {filter}, {OrderFilterSpec.Window.Emit(arguments, context)}, {context.Lookup(MarketLookups.CurrencyRates)}, {MarketParameters.CurrencyOf(arguments, "currency")}{OrderFilterSpec.HelperArguments(arguments, context, rates: false)})");
    }
}
