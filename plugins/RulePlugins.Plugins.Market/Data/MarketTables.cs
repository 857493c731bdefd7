using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Market.Data;

/// <summary>One order: a row of <c>market_orders</c>, or the order a real-time document describes.</summary>
public sealed class OrderRow
{
    /// <summary>The order id.</summary>
    public long Id { get; set; }

    /// <summary>new, delivered, paid, canceled or partial_return (see <see cref="OrderStatuses"/>).</summary>
    public string? Status { get; set; }

    /// <summary>When the order was created, Unix milliseconds (UTC).</summary>
    public long CreatedAt { get; set; }

    /// <summary>The order cost in <see cref="Currency"/>.</summary>
    public decimal Amount { get; set; }

    /// <summary>The ISO 4217 code of the order's currency.</summary>
    public string? Currency { get; set; }

    /// <summary>The shipping cost in <see cref="Currency"/>.</summary>
    public decimal ShippingCost { get; set; }

    /// <summary>The delivery region, or null when none was given.</summary>
    public string? Region { get; set; }

    /// <summary>The sales channel code, e.g. <c>website</c>.</summary>
    public string? Channel { get; set; }

    /// <summary>The contact point of the channel, e.g. <c>cart</c>.</summary>
    public string? ContactPoint { get; set; }
}

/// <summary>One line item of an order.</summary>
public sealed class OrderItemRow
{
    /// <summary>The item id.</summary>
    public long Id { get; set; }

    /// <summary>The order the item belongs to.</summary>
    public long OrderId { get; set; }

    /// <summary>The order's creation time, repeated so the creation-date window also bounds the items loaded.</summary>
    public long CreatedAt { get; set; }

    /// <summary>The product id.</summary>
    public string? ProductId { get; set; }

    /// <summary>The stock-keeping unit.</summary>
    public string? Sku { get; set; }

    /// <summary>The product's category when the order was placed.</summary>
    public string? CategoryId { get; set; }

    /// <summary>How many units.</summary>
    public long Quantity { get; set; }

    /// <summary>The unit price in the order's currency.</summary>
    public decimal Price { get; set; }
}

/// <summary>A product of the catalogue.</summary>
public sealed class ProductRow
{
    /// <summary>The product id.</summary>
    public string? Id { get; set; }

    /// <summary>The stock-keeping unit.</summary>
    public string? Sku { get; set; }

    /// <summary>The product name.</summary>
    public string? Name { get; set; }

    /// <summary>The category the product belongs to.</summary>
    public string? CategoryId { get; set; }

    /// <summary>The list price in the base currency.</summary>
    public decimal Price { get; set; }
}

/// <summary>A product category; categories nest through <see cref="ParentId"/>.</summary>
public sealed class CategoryRow
{
    /// <summary>The category id.</summary>
    public string? Id { get; set; }

    /// <summary>The parent category, or null for a top-level one.</summary>
    public string? ParentId { get; set; }

    /// <summary>The category name.</summary>
    public string? Name { get; set; }
}

/// <summary>A contact point of a sales channel (the website's cart, a retail store).</summary>
public sealed class SalesChannelRow
{
    /// <summary>The channel code, e.g. <c>website</c>.</summary>
    public string? Channel { get; set; }

    /// <summary>The contact point code, e.g. <c>cart</c>.</summary>
    public string? ContactPoint { get; set; }

    /// <summary>online or retail.</summary>
    public string? Type { get; set; }

    /// <summary>A display name.</summary>
    public string? Name { get; set; }
}

/// <summary>The value of one unit of a currency in the base currency.</summary>
public sealed class CurrencyRateRow
{
    /// <summary>The ISO 4217 code.</summary>
    public string? Currency { get; set; }

    /// <summary>How many units of the base currency one unit is worth.</summary>
    public decimal Rate { get; set; }
}

/// <summary>The statuses an order can have.</summary>
public static class OrderStatuses
{
    /// <summary>Every status, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } = ["new", "delivered", "paid", "canceled", "partial_return"];
}

/// <summary>The two kinds of sales channel.</summary>
public static class ChannelTypes
{
    /// <summary>online and retail.</summary>
    public static IReadOnlyList<string> All { get; } = ["online", "retail"];
}

/// <summary>The market plugin's tables.</summary>
public static class MarketTables
{
    /// <summary>Orders, many per profile.</summary>
    public static readonly TableDefinition Orders = new(
        "market_orders",
        "profile_id",
        typeof(OrderRow),
        [
            new("id", ColumnType.Integer) { Nullable = false },
            new("status", ColumnType.Text) { Nullable = false },
            new("created_at", ColumnType.Timestamp) { Nullable = false },
            new("amount", ColumnType.Decimal) { Nullable = false },
            new("currency", ColumnType.Text) { Nullable = false },
            new("shipping_cost", ColumnType.Decimal) { Nullable = false },
            new("region", ColumnType.Text),
            new("channel", ColumnType.Text) { Nullable = false },
            new("contact_point", ColumnType.Text),
        ])
    {
        RowKeyColumn = "id",
        Indexes = [new IndexDefinition("ix_market_orders_profile_created", ["profile_id", "created_at"])],
    };

    /// <summary>Order line items, keyed by profile too so a batch loads them with one query.</summary>
    public static readonly TableDefinition OrderItems = new(
        "market_order_items",
        "profile_id",
        typeof(OrderItemRow),
        [
            new("id", ColumnType.Integer) { Nullable = false },
            new("order_id", ColumnType.Integer) { Nullable = false },
            new("created_at", ColumnType.Timestamp) { Nullable = false },
            new("product_id", ColumnType.Text) { Nullable = false },
            new("sku", ColumnType.Text),
            new("category_id", ColumnType.Text),
            new("quantity", ColumnType.Integer) { Nullable = false },
            new("price", ColumnType.Decimal) { Nullable = false },
        ])
    {
        RowKeyColumn = "id",
        Indexes = [new IndexDefinition("ix_market_order_items_profile_created", ["profile_id", "created_at"])],
    };

    /// <summary>The product catalogue (reference data).</summary>
    public static readonly TableDefinition Products = TableDefinition.Reference(
        "market_products",
        typeof(ProductRow),
        [
            new("id", ColumnType.Text) { Nullable = false },
            new("sku", ColumnType.Text),
            new("name", ColumnType.Text),
            new("category_id", ColumnType.Text),
            new("price", ColumnType.Decimal),
        ]) with { RowKeyColumn = "id" };

    /// <summary>The category tree (reference data).</summary>
    public static readonly TableDefinition Categories = TableDefinition.Reference(
        "market_categories",
        typeof(CategoryRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("parent_id", ColumnType.Text), new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>Sales channels and their contact points (reference data).</summary>
    public static readonly TableDefinition SalesChannels = TableDefinition.Reference(
        "market_sales_channels",
        typeof(SalesChannelRow),
        [
            new("channel", ColumnType.Text) { Nullable = false },
            new("contact_point", ColumnType.Text),
            new("type", ColumnType.Text) { Nullable = false },
            new("name", ColumnType.Text),
        ]);

    /// <summary>Currency rates against the base currency (reference data).</summary>
    public static readonly TableDefinition CurrencyRates = TableDefinition.Reference(
        "market_currency_rates",
        typeof(CurrencyRateRow),
        [new("currency", ColumnType.Text) { Nullable = false }, new("rate", ColumnType.Decimal) { Nullable = false }]) with { RowKeyColumn = "currency" };
}
