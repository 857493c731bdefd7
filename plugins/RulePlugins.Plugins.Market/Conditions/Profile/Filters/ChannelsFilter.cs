using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders placed through one of the sales channels (<c>website</c>) or contact points (<c>website/cart</c>) given.</summary>
internal sealed class ChannelsFilter : Facet
{
    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("channels", ParameterKind.StringList, "Orders placed through one of these sales channels (\"website\") or contact points (\"website/cart\") of market_sales_channels.") { Required = false, ChoicesFrom = MarketChoices.Channels }];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => MarketParameters.ValidateChannels(arguments, "channels");

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("channel", "contact_point")];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"placed through {MarketParameters.QuoteAll(arguments.GetStringList("channels"))}";

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(nameof(OrderFilter.Channels), MarketParameters.ChannelsExpression(context, arguments.GetStringList("channels")))];
}
