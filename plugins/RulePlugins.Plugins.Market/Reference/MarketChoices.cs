using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Plugins.Market.Reference;

/// <summary>
/// The entities a market condition may name, read from the reference tables: products and SKUs from the catalogue,
/// categories from the tree, channels and contact points from the sales channels. A value no row has is refused at save
/// with the closest known ones, so a typo such as <c>electronix</c> never saves as a condition that matches nothing.
/// </summary>
public static class MarketChoices
{
    /// <summary>The product ids of <c>market_products</c>, with their names (lookup <c>market.products</c>).</summary>
    public static readonly DataChoices Products = DataChoices.FromRows<ProductRow>(
        "product", "market.products", MarketTables.Products, row => row.Id, row => row.Name);

    /// <summary>The SKUs of <c>market_products</c>, named by their product (lookup <c>market.skus</c>).</summary>
    public static readonly DataChoices Skus = DataChoices.FromRows<ProductRow>(
        "SKU", "market.skus", MarketTables.Products, row => row.Sku, row => row.Name);

    /// <summary>The category ids of <c>market_categories</c>, with their names (lookup <c>market.category_names</c>).</summary>
    public static readonly DataChoices Categories = DataChoices.FromRows<CategoryRow>(
        "category", "market.category_names", MarketTables.Categories, row => row.Id, row => row.Name);

    /// <summary>
    /// The channels of <c>market_sales_channels</c> (<c>website</c>: any of its contact points) and each channel with one
    /// of its contact points (<c>website/cart</c>), from the sales channel directory.
    /// </summary>
    public static readonly DataChoices Channels = DataChoices.Named("sales channel or contact point", MarketLookups.SalesChannels, channels => channels.Choices);
}
