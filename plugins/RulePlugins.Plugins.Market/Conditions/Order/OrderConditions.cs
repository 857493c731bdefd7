using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Plugins.Market.Conditions.Order;

/// <summary>The base of the conditions of order segments: their subject is one order with its items.</summary>
public abstract class OrderCondition : ConditionType
{
    /// <inheritdoc />
    public override string Subject => MarketSubjects.Order;

    /// <summary>The order, an expression of type <see cref="OrderRow"/>? (never null for a read document).</summary>
    protected static Code Order(EmitContext context) => context.Row(MarketTables.Orders);

    /// <summary>The order's items, an expression of type <c>ReadOnlySpan&lt;OrderItemRow&gt;</c>.</summary>
    protected static Code Items(EmitContext context) => context.Rows(MarketTables.OrderItems);
}

/// <summary>"Contains products" and "Contains SKU": is in list / is not in list.</summary>
public sealed class ContainsCondition(string id, string title, string column, string noun, DataChoices choices) : OrderCondition
{
    /// <summary>Contains products.</summary>
    public static ContainsCondition Products() => new("order.products", "Contains products", "product_id", "product", MarketChoices.Products);

    /// <summary>Contains SKU.</summary>
    public static ContainsCondition Skus() => new("order.skus", "Contains SKU", "sku", "SKU", MarketChoices.Skus);

    /// <inheritdoc />
    public override string Id => id;

    /// <inheritdoc />
    public override string Title => title;

    /// <inheritdoc />
    public override string Description =>
        $"in_list: at least one item of the order is a {noun} of the list; not_in_list: no item is (so an order without items qualifies). Values compare ignoring case.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Choice("operator", "in_list or not_in_list.", [InList, NotInList]),
        new("values", ParameterKind.StringList, $"The {noun}s, as market_products lists them.") { ChoicesFrom = choices },
    ];

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.OrderItems.Read(column)];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        arguments.GetString("operator") == InList
            ? $"the order contains one of the {noun}s {MarketParameters.QuoteAll(arguments.GetStringList("values"))}"
            : $"the order contains none of the {noun}s {MarketParameters.QuoteAll(arguments.GetStringList("values"))}";

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var set = MarketParameters.TextSet(context, arguments.GetStringList("values"), noun == "SKU" ? "Skus" : "Products");
        var check = context.Expression($"{context.TypeName(typeof(OrderItems))}.{context.Identifier(noun == "SKU" ? "ContainsSku" : "ContainsProduct")}({Items(context)}, {set})");
        return arguments.GetString("operator") == InList ? check : context.Expression($"!{check}");
    }
}

/// <summary>"Number of goods in order": counted in any position, in total, in every position, or as different items.</summary>
public sealed class GoodsCountCondition : OrderCondition
{
    /// <inheritdoc />
    public override string Id => "order.goods_count";

    /// <inheritdoc />
    public override string Title => "Number of goods in order";

    /// <inheritdoc />
    public override string Description =>
        "any_item: at least one line item's quantity satisfies the comparison; total: the quantities added up; every_item: every line item's " +
        "quantity satisfies it, and an order without items does not qualify; distinct_products: the number of different product ids, " +
        "ignoring case and surrounding spaces (two lines of one product count once). " +
        "in_range includes both ends.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Choice("method", "any_item, total, every_item or distinct_products.", MarketParameters.GoodsMethods),
        .. NumberOperators.Parameters(NumberOperators.Comparisons, integer: true, minimum: 0),
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => NumberOperators.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        [MarketTables.OrderItems.Read(arguments.GetString("method") == "distinct_products" ? "product_id" : "quantity")];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        NumberOperators.Describe(MarketParameters.DescribeGoods(arguments.GetString("method")), arguments, string.Empty, string.Empty, valueMayBeUnknown: false);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var items = context.TypeName(typeof(OrderItems));
        return arguments.GetString("method") switch
        {
            "total" => NumberOperators.Emit(arguments, context, context.Expression($"{items}.TotalQuantity({Items(context)})"), integer: true, "Goods"),
            "distinct_products" => NumberOperators.Emit(arguments, context, context.Expression($"{items}.DistinctProducts({Items(context)})"), integer: true, "Goods"),
            "any_item" => context.Expression($"{items}.AnyItem({Items(context)}, static quantity => {NumberOperators.Emit(arguments, context, context.Identifier("quantity"), integer: true, "Goods")})"),
            _ => context.Expression($"{items}.EveryItem({Items(context)}, static quantity => {NumberOperators.Emit(arguments, context, context.Identifier("quantity"), integer: true, "Goods")})"),
        };
    }
}

/// <summary>"Order cost" and "Shipping cost": compared in a chosen currency.</summary>
public sealed class CostCondition(string id, string title, string column, bool lists) : OrderCondition
{
    /// <summary>Order cost: the seven comparisons and the list operators.</summary>
    public static CostCondition OrderCost() => new("order.cost", "Order cost", "amount", lists: true);

    /// <summary>Shipping cost: the seven comparisons.</summary>
    public static CostCondition ShippingCost() => new("order.shipping_cost", "Shipping cost", "shipping_cost", lists: false);

    private string Noun => column == "amount" ? "order cost" : "shipping cost";

    /// <inheritdoc />
    public override string Id => id;

    /// <inheritdoc />
    public override string Title => title;

    /// <inheritdoc />
    public override string Description =>
        $"The {Noun}{(column == "amount" ? " (its amount, without shipping)" : string.Empty)}, converted from the order's currency to `currency` ({CurrencyRates.BaseCurrency} when left out) at the rates of " +
        "market_currency_rates exactly, without rounding (8,999.99 RUB at 90 RUB per USD is below 100 USD), compared with the operator. in_range includes both ends.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        .. NumberOperators.Parameters(lists ? NumberOperators.WithLists : NumberOperators.Comparisons, integer: false, minimum: 0),
        MarketParameters.Currency("currency"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) =>
        NumberOperators.Validate(arguments).Concat(MarketParameters.ValidateCurrency(arguments, "currency"));

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read(column, "currency")];

    /// <inheritdoc />
    public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => [MarketLookups.CurrencyRates];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        NumberOperators.Describe(Noun, arguments, " " + MarketParameters.CurrencyOf(arguments, "currency"), string.Empty, valueMayBeUnknown: false);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var value = context.Expression(
            $"{context.TypeName(typeof(OrderChecks))}.{context.Identifier(column == "amount" ? "Cost" : "ShippingCost")}({Order(context)}, {context.Lookup(MarketLookups.CurrencyRates)}, {MarketParameters.CurrencyOf(arguments, "currency")})");
        return NumberOperators.Emit(arguments, context, value, integer: false, column == "amount" ? "Cost" : "Shipping");
    }
}

/// <summary>"Order region": empty, not empty, equals, not equals, in list, not in list (ignoring case).</summary>
public sealed class RegionCondition : OrderCondition
{
    private static readonly string[] Operators = [IsEmpty, IsNotEmpty, EqualTo, NotEqualTo, InList, NotInList];

    /// <inheritdoc />
    public override string Id => "order.region";

    /// <inheritdoc />
    public override string Title => "Order region";

    /// <inheritdoc />
    public override string Description =>
        "The order's region, compared ignoring case. not_equals and not_in_list also match an order without a region.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = StringOperators.Parameters(operators: Operators);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("region")];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => StringOperators.Describe("region", arguments, ignoreCase: true);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        StringOperators.Emit(arguments, context, context.Expression($"{Order(context)}?.Region"), ignoreCase: true, "Region");
}

/// <summary>"Sales channels": is in list / is not in list of channels and contact points.</summary>
public sealed class SalesChannelsCondition : OrderCondition
{
    /// <inheritdoc />
    public override string Id => "order.sales_channels";

    /// <inheritdoc />
    public override string Title => "Sales channels";

    /// <inheritdoc />
    public override string Description =>
        "Each value is a channel (\"website\": any of its contact points) or a channel and contact point (\"website/cart\"), ignoring case. " +
        "not_in_list matches an order placed through none of them.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Choice("operator", "in_list or not_in_list.", [InList, NotInList]),
        new("values", ParameterKind.StringList, "Channels (\"website\") and contact points (\"website/cart\") of market_sales_channels.") { ChoicesFrom = MarketChoices.Channels },
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => MarketParameters.ValidateChannels(arguments, "values");

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("channel", "contact_point")];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        $"the order was placed through {(arguments.GetString("operator") == InList ? "one" : "none")} of {MarketParameters.QuoteAll(arguments.GetStringList("values"))}";

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var set = MarketParameters.Channels(context, arguments.GetStringList("values"), "Channels");
        var check = context.Expression($"{context.TypeName(typeof(OrderChecks))}.PlacedThrough({Order(context)}, {set})");
        return arguments.GetString("operator") == InList ? check : context.Expression($"!{check}");
    }
}

/// <summary>"Sales channel type": equals / not equals online or retail.</summary>
public sealed class SalesChannelTypeCondition : OrderCondition
{
    /// <inheritdoc />
    public override string Id => "order.sales_channel_type";

    /// <inheritdoc />
    public override string Title => "Sales channel type";

    /// <inheritdoc />
    public override string Description =>
        "The type (online or retail) of the order's channel, from market_sales_channels. An order through a channel missing there has no type: it matches only not_equals.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        StringOperators.Parameters(ChannelTypes.All, [EqualTo, NotEqualTo]);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("channel")];

    /// <inheritdoc />
    public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => [MarketLookups.SalesChannels];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => StringOperators.Describe("sales channel type", arguments, ignoreCase: true);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        StringOperators.Emit(arguments, context, context.Expression($"{context.Lookup(MarketLookups.SalesChannels)}.TypeOf({Order(context)}?.Channel)"), ignoreCase: true, "ChannelType");
}
