using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders with one of the statuses given.</summary>
internal sealed class StatusesFilter : Facet
{
    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("statuses", ParameterKind.StringList, "Orders with one of these statuses.") { Required = false, AllowedValues = OrderStatuses.All }];

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("status")];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"status is one of {string.Join(", ", arguments.GetStringList("statuses"))}";

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(nameof(OrderFilter.Statuses), MarketParameters.TextSetExpression(context, arguments.GetStringList("statuses")))];
}
