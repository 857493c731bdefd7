using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>
/// A filter on an order's items: it reads the items table (with <c>order_id</c>, to find each order's items) and the
/// orders' <c>id</c>, so generated code passes the profile's items to the counting helper.
/// </summary>
internal abstract class ItemsFilter : Facet
{
    /// <summary>The item columns the check reads.</summary>
    protected abstract IEnumerable<string> ItemColumns(ConditionArguments arguments);

    /// <inheritdoc />
    public sealed override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        [MarketTables.Orders.Read("id"), MarketTables.OrderItems.Read(["order_id", .. ItemColumns(arguments)])];
}
