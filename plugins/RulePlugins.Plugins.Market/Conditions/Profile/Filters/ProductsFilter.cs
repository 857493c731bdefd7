using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders containing at least one of the products given.</summary>
internal sealed class ProductsFilter : ItemsFilter
{
    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("products", ParameterKind.StringList, "Orders containing at least one of these products (ids).") { Required = false }];

    /// <inheritdoc />
    protected override IEnumerable<string> ItemColumns(ConditionArguments arguments) => ["product_id"];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"contains one of the products {MarketParameters.QuoteAll(arguments.GetStringList("products"))}";

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(nameof(OrderFilter.Products), MarketParameters.TextSetExpression(context, arguments.GetStringList("products")))];
}
