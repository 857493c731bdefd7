using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders containing at least one item whose product id (<see cref="Products"/>) or SKU (<see cref="Skus"/>) is one of those given.</summary>
internal sealed class ContainsFilter(string parameter, string description, string column, string property, string words, DataChoices choices) : ItemsFilter
{
    /// <summary>Orders containing one of the products given.</summary>
    public static ContainsFilter Products() =>
        new("products", "Orders containing at least one of these products (ids of market_products).", "product_id", nameof(OrderFilter.Products), "the products", MarketChoices.Products);

    /// <summary>Orders containing one of the SKUs given.</summary>
    public static ContainsFilter Skus() =>
        new("skus", "Orders containing at least one of these SKUs (of market_products).", "sku", nameof(OrderFilter.Skus), "the SKUs", MarketChoices.Skus);

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [new(parameter, ParameterKind.StringList, description) { Required = false, ChoicesFrom = choices, MatchesColumn = column }];

    /// <inheritdoc />
    protected override IEnumerable<string> ItemColumns(ConditionArguments arguments) => [column];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"contains one of {words} {MarketParameters.QuoteAll(arguments.GetStringList(parameter))}";

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(property, MarketParameters.TextSetExpression(context, arguments.GetStringList(parameter)))];
}
