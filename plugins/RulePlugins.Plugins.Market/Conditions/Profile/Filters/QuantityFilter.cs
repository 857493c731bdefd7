using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders whose goods, counted by <c>quantity_method</c>, satisfy the <c>quantity_</c> comparison.</summary>
internal sealed class QuantityFilter : ItemsFilter
{
    private const string Prefix = "quantity_";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Choice("quantity_method", "How goods are counted: any_item (in any of the items), total (summed across items), every_item (in each of the items; an order without items does not count), distinct_products (different products in the order).", MarketParameters.GoodsMethods)
            with { RequiredWhen = new(Prefix + "operator", NumberOperators.Comparisons) },
        .. NumberOperators.Parameters(Prefix, NumberOperators.Comparisons, integer: true, minimum: 0, maximum: null, required: false),
    ];

    /// <inheritdoc />
    public override bool IsGiven(ConditionArguments arguments) => arguments.Has(Prefix + "operator");

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => NumberOperators.Validate(arguments, Prefix);

    /// <inheritdoc />
    protected override IEnumerable<string> ItemColumns(ConditionArguments arguments) =>
        arguments.GetString("quantity_method") == "distinct_products" ? ["product_id", "quantity"] : ["quantity"];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        NumberOperators.Describe(MarketParameters.DescribeGoods(arguments.GetString("quantity_method")), arguments, string.Empty, Prefix, valueMayBeUnknown: false);

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context)
    {
        var method = MarketParameters.GoodsMethod(arguments.GetString("quantity_method"));
        yield return new(nameof(OrderFilter.GoodsMethod), context.Expression($"{context.TypeName(typeof(GoodsMethod))}.{context.Identifier(method.ToString())}"));
        yield return new(nameof(OrderFilter.Goods), context.Expression($"static quantity => {NumberOperators.Emit(arguments, context, context.Identifier("quantity"), integer: true, "Quantity", Prefix)}"));
    }
}
