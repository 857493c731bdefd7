using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders delivered to one of the regions given (ignoring case).</summary>
internal sealed class RegionsFilter : Facet
{
    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("regions", ParameterKind.StringList, "Orders delivered to one of these regions (ignoring case).") { Required = false }];

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("region")];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"region is one of {MarketParameters.QuoteAll(arguments.GetStringList("regions"))} (ignoring case)";

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(nameof(OrderFilter.Regions), MarketParameters.TextSetExpression(context, arguments.GetStringList("regions")))];
}
