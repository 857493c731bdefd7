using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Market.Reference;

/// <summary>The market plugin's lookups over its reference tables.</summary>
public static class MarketLookups
{
    /// <summary>Currency rates, for amounts compared in a chosen currency.</summary>
    public static readonly LookupDefinition<CurrencyRateRow, CurrencyRates> CurrencyRates =
        new("market.currency_rates", MarketTables.CurrencyRates, Reference.CurrencyRates.FromRows);

    /// <summary>The category tree, for conditions on a category and its descendants.</summary>
    public static readonly LookupDefinition<CategoryRow, CategoryTree> Categories =
        new("market.categories", MarketTables.Categories, CategoryTree.FromRows);

    /// <summary>Sales channel types.</summary>
    public static readonly LookupDefinition<SalesChannelRow, SalesChannels> SalesChannels =
        new("market.sales_channels", MarketTables.SalesChannels, Reference.SalesChannels.FromRows);
}
