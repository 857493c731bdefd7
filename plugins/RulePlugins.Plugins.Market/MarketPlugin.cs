using RulePlugins.Plugins.Market.Conditions.Order;
using RulePlugins.Plugins.Market.Conditions.Profile;
using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.DemoData;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Sdk;

namespace RulePlugins.Plugins.Market;

/// <summary>
/// The market family. For profile segments: how many of a profile's orders, or what total cost of them, pass
/// grouping conditions (channel, status, region, products, categories, quantities, dates, cost). For order
/// segments: conditions on one order evaluated in real time when a promotion applies its benefits.
/// </summary>
public sealed class MarketPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(MarketTables.Orders)
        .AddTable(MarketTables.OrderItems)
        .AddTable(MarketTables.Products)
        .AddTable(MarketTables.Categories)
        .AddTable(MarketTables.SalesChannels)
        .AddTable(MarketTables.CurrencyRates)
        .AddLookup(MarketLookups.CurrencyRates)
        .AddLookup(MarketLookups.Categories)
        .AddLookup(MarketLookups.SalesChannels)
        .AddLookup(MarketChoices.Products.Lookup)
        .AddLookup(MarketChoices.Skus.Lookup)
        .AddLookup(MarketChoices.Categories.Lookup)
        .AddSubject(new OrderSubject())
        .AddConditionType(new OrdersExistCondition())
        .AddConditionType(new OrdersTotalCondition())
        .AddConditionType(ContainsCondition.Products())
        .AddConditionType(ContainsCondition.Skus())
        .AddConditionType(new GoodsCountCondition())
        .AddConditionType(CostCondition.OrderCost())
        .AddConditionType(CostCondition.ShippingCost())
        .AddConditionType(new RegionCondition())
        .AddConditionType(new SalesChannelsCondition())
        .AddConditionType(new SalesChannelTypeCondition())
        .AddDemoData(new MarketDemoData());
}
