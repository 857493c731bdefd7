using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders containing at least one of the SKUs given.</summary>
internal sealed class SkusFilter : ItemsFilter
{
    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("skus", ParameterKind.StringList, "Orders containing at least one of these SKUs.") { Required = false }];

    /// <inheritdoc />
    protected override IEnumerable<string> ItemColumns(ConditionArguments arguments) => ["sku"];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"contains one of the SKUs {MarketParameters.QuoteAll(arguments.GetStringList("skus"))}";

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(nameof(OrderFilter.Skus), MarketParameters.TextSetExpression(context, arguments.GetStringList("skus")))];
}
