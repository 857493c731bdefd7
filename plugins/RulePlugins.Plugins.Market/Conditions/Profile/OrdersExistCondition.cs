using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Plugins.Market.Conditions.Profile;

/// <summary>
/// "Exists N orders satisfying all conditions" and "No N orders satisfying all conditions": the SDK's counting family
/// (<see cref="CountOperators"/>: exists at least N, not_exists fewer than N, in the creation-date window) over the
/// orders that pass the grouping conditions. The count itself is the market's: an order's match reads its items.
/// </summary>
public sealed class OrdersExistCondition : ConditionType
{
    private static readonly CountOperators Counting = new(MarketTables.Orders, "created_at")
    {
        Operators = [Exists, NotExists],
        TimesParameter = "count",
        Noun = new CountNoun("order", "orders"),
        Window = OrderFilterSpec.Window,
        OperatorDescription = "exists (at least count orders) or not_exists (fewer than count orders).",
        TimesDescription = "How many orders; 1 when left out.",
    };

    /// <inheritdoc />
    public override string Id => "market.orders";

    /// <inheritdoc />
    public override string Title => "Orders";

    /// <inheritdoc />
    public override string Description =>
        "exists: the profile has at least `count` orders that pass every grouping condition given; not_exists: it has fewer than `count` such orders " +
        "(with count 1: none). Grouping conditions left out do not apply. Status, region, product, SKU and category values compare ignoring case; " +
        "a category includes its descendants; creation dates are whole UTC days. An order's cost is its amount, without shipping. The quantity " +
        "of goods counts every item of an order, also when product, SKU or category conditions are given: those choose orders, not items. " +
        "Different products are distinct product ids, ignoring case, not lines.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [.. Counting.OperatorParameters, .. OrderFilterSpec.Parameters];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => OrderFilterSpec.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => OrderFilterSpec.Requirements(arguments);

    /// <inheritdoc />
    public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => OrderFilterSpec.Lookups(arguments, convertsAmounts: false);

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"{Counting.DescribeCount(arguments)} [{OrderFilterSpec.Describe(arguments)}]";

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        Counting.Emit(arguments, context, window => Count(arguments, context, window));

    /// <summary>The number of matching orders in the window, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) =>
        Counting.EmitValue(arguments, context, window => Count(arguments, context, window));

    /// <summary>At least <c>count</c> orders in the window with a translated grouping condition (status, region); none for not_exists.</summary>
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        Counting.Translate(arguments, context, rows => OrderFilterSpec.Translate(arguments, rows, window: false));

    private static Code Count(ConditionArguments arguments, EmitContext context, Code window)
    {
        var filter = OrderFilterSpec.EmitFilter(arguments, context);
        return context.Expression(
            $"{context.TypeName(typeof(ProfileOrders))}.Count({context.Rows(MarketTables.Orders)}, {filter}, {window}{OrderFilterSpec.HelperArguments(arguments, context, rates: true)})");
    }
}
