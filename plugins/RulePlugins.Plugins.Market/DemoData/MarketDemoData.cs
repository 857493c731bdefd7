using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.DemoData;

/// <summary>
/// A small shop: a category tree, 200 products, four sales channels with their contact points, five currencies,
/// and orders with a realistic skew: about half the profiles never ordered, most others a few times, a few
/// dozens of times (5 orders per profile on average, 2 items per order). Deterministic for a seed.
/// </summary>
public sealed class MarketDemoData : IDemoDataGenerator
{
    /// <summary>The rates written to <c>market_currency_rates</c>: RUB per unit.</summary>
    public static readonly IReadOnlyList<(string Currency, decimal Rate)> Rates =
        [("RUB", 1m), ("USD", 90m), ("EUR", 98m), ("KZT", 0.18m), ("CNY", 12.5m)];

    /// <summary>The category tree: (id, parent, name).</summary>
    public static readonly IReadOnlyList<(string Id, string? Parent, string Name)> CategoryTree =
    [
        ("electronics", null, "Electronics"),
        ("phones", "electronics", "Phones"),
        ("smartphones", "phones", "Smartphones"),
        ("laptops", "electronics", "Laptops"),
        ("audio", "electronics", "Audio"),
        ("home", null, "Home"),
        ("kitchen", "home", "Kitchen"),
        ("furniture", "home", "Furniture"),
        ("clothing", null, "Clothing"),
        ("women", "clothing", "Women"),
        ("men", "clothing", "Men"),
        ("books", null, "Books"),
    ];

    /// <summary>Sales channels: (channel, contact point, type, name).</summary>
    public static readonly IReadOnlyList<(string Channel, string ContactPoint, string Type, string Name)> Channels =
    [
        ("website", "cart", "online", "Website cart"),
        ("website", "one_click", "online", "Website one-click order"),
        ("mobile_app", "app", "online", "Mobile app"),
        ("marketplace", "ozon", "online", "Marketplace"),
        ("retail", "store_moscow_1", "retail", "Moscow store"),
        ("retail", "store_spb_1", "retail", "Saint Petersburg store"),
    ];

    private static readonly string[] Regions = ["Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg", "Samara"];

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        var random = new Random(context.Seed + 7);
        using (var rates = context.OpenWriter(MarketTables.CurrencyRates, ["currency", "rate"]))
        {
            foreach (var (currency, rate) in Rates)
            {
                rates.Add(currency, rate);
            }
        }

        using (var categories = context.OpenWriter(MarketTables.Categories, ["id", "parent_id", "name"]))
        {
            foreach (var (id, parent, name) in CategoryTree)
            {
                categories.Add(id, parent, name);
            }
        }

        using (var channels = context.OpenWriter(MarketTables.SalesChannels, ["channel", "contact_point", "type", "name"]))
        {
            foreach (var (channel, point, type, name) in Channels)
            {
                channels.Add(channel, point, type, name);
            }
        }

        var leaves = CategoryTree.Where(c => !CategoryTree.Any(other => other.Parent == c.Id)).Select(c => c.Id).ToArray();
        var products = Enumerable.Range(1, 200).Select(i => (
            Id: $"P-{i:D4}",
            Sku: $"SKU-{i:D4}",
            Category: leaves[i % leaves.Length],
            Price: (decimal)(300 + random.Next(0, 500) * 100))).ToArray();
        using (var writer = context.OpenWriter(MarketTables.Products, ["id", "sku", "name", "category_id", "price"]))
        {
            foreach (var p in products)
            {
                writer.Add(p.Id, p.Sku, $"Product {p.Id}", p.Category, p.Price);
            }
        }

        WriteOrders(context, random, products);
    }

    private static void WriteOrders(DemoDataContext context, Random random, (string Id, string Sku, string Category, decimal Price)[] products)
    {
        const long days = 730;
        long orderId = 0;
        long itemId = 0;
        using var orders = context.OpenWriter(MarketTables.Orders, ["profile_id", "id", "status", "created_at", "amount", "currency", "shipping_cost", "region", "channel", "contact_point"]);
        using var items = context.OpenWriter(MarketTables.OrderItems, ["profile_id", "id", "order_id", "created_at", "product_id", "sku", "category_id", "quantity", "price"]);
        foreach (var profile in context.Profiles("market orders"))
        {
            // u^5 * 30: half the profiles have no order, the mean is 5, a few have up to 30.
            var orderCount = (int)(Math.Pow(random.NextDouble(), 5) * 31);
            var homeRegion = random.NextDouble() < 0.05 ? null : Regions[(int)(Math.Pow(random.NextDouble(), 2) * Regions.Length)];
            for (var o = 0; o < orderCount; o++)
            {
                orderId++;
                var createdAt = context.NowUnixMilliseconds - (long)(random.NextDouble() * days * EvaluationClock.MillisecondsPerDay);
                var (currency, rate) = random.NextDouble() switch { < 0.85 => Rates[0], < 0.95 => Rates[1], _ => Rates[2] };
                var channel = Channels[(int)(Math.Pow(random.NextDouble(), 1.5) * Channels.Count)];
                var status = random.Next(100) switch { < 45 => "paid", < 75 => "delivered", < 85 => "new", < 95 => "canceled", _ => "partial_return" };
                var lineCount = 1 + (int)(Math.Pow(random.NextDouble(), 3) * 5);
                var amount = 0m;
                for (var l = 0; l < lineCount; l++)
                {
                    var product = products[(int)(Math.Pow(random.NextDouble(), 2) * products.Length)];
                    var quantity = 1 + (int)(Math.Pow(random.NextDouble(), 4) * 6);
                    var price = Math.Round(product.Price / rate, 2);
                    amount += price * quantity;
                    items.Add(profile, ++itemId, orderId, createdAt, product.Id, product.Sku, product.Category, (long)quantity, price);
                }

                var shipping = random.NextDouble() < 0.5 ? 0m : Math.Round((200 + random.Next(0, 6) * 100) / rate, 2);
                var region = random.NextDouble() < 0.85 ? homeRegion : Regions[random.Next(Regions.Length)];
                orders.Add(profile, orderId, status, createdAt, amount, currency, shipping, region, channel.Channel, channel.ContactPoint);
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        """
        {
          "schemaVersion": 1,
          "id": "recent-buyers",
          "name": "Made a purchase in the last 2 weeks",
          "description": "Profiles with at least one paid or delivered order created in the last 14 days.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "market.orders", "params": { "operator": "exists", "count": 1, "statuses": ["paid", "delivered"], "created_in_last_days": 14 } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "website-big-spenders",
          "name": "Two big paid website orders in the last 14 days",
          "description": "At least 2 paid orders from the website in the last 14 days, each worth over 5,000 RUB.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              {
                "type": "market.orders",
                "params": {
                  "operator": "exists", "count": 2, "statuses": ["paid"], "channels": ["website"], "created_in_last_days": 14,
                  "amount_operator": "greater", "amount_value": 5000, "amount_currency": "RUB"
                }
              }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "electronics-lovers",
          "name": "Spent 50,000 RUB or more on electronics this year, never cancelled",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              {
                "type": "market.orders_total",
                "params": { "operator": "greater_or_equal", "value": 50000, "currency": "RUB", "statuses": ["paid", "delivered"], "categories": ["electronics"], "created_in_last_days": 365 }
              },
              { "type": "market.orders", "params": { "operator": "not_exists", "statuses": ["canceled"], "created_in_last_days": 365 } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "website-cart-10-percent",
          "name": "10% discount: orders from the website cart",
          "description": "Order segment of the discount promotion: only orders placed through the website cart get the discount.",
          "subject": "order",
          "rules": {
            "op": "and",
            "items": [
              { "type": "order.sales_channels", "params": { "operator": "in_list", "values": ["website/cart"] } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "cart-three-products",
          "name": "Website cart orders with at least 3 different products",
          "subject": "order",
          "rules": {
            "op": "and",
            "items": [
              { "type": "order.sales_channels", "params": { "operator": "in_list", "values": ["website/cart"] } },
              { "type": "order.goods_count", "params": { "method": "distinct_products", "operator": "greater_or_equal", "value": 3 } },
              {
                "op": "or",
                "items": [
                  { "type": "order.cost", "params": { "operator": "greater_or_equal", "value": 3000, "currency": "RUB" } },
                  { "type": "order.region", "params": { "operator": "in_list", "values": ["Moscow", "Saint Petersburg"] } }
                ]
              }
            ]
          }
        }
        """,
    ];

    /// <inheritdoc />
    public IEnumerable<ExampleDocument> ExampleDocuments =>
    [
        new(MarketSubjects.Order, "website cart, 3 products, 39 USD, Kazan", CartOrder),
        new(MarketSubjects.Order, "Moscow store, 1 product, 12,000 RUB", StoreOrder),
    ];

    private const string StoreOrder = """
        {
          "id": 900002,
          "currency": "RUB",
          "channel": "retail",
          "contact_point": "store_moscow_1",
          "region": "Moscow",
          "items": [ { "product_id": "P-0100", "sku": "SKU-0100", "quantity": 1, "price": 12000 } ]
        }
        """;

    private const string CartOrder = """
        {
          "id": 900001,
          "currency": "USD",
          "channel": "website",
          "contact_point": "cart",
          "region": "Kazan",
          "shipping_cost": 5,
          "items": [
            { "product_id": "P-0001", "sku": "SKU-0001", "quantity": 1, "price": 20 },
            { "product_id": "P-0002", "sku": "SKU-0002", "quantity": 2, "price": 7.5 },
            { "product_id": "P-0003", "sku": "SKU-0003", "quantity": 1, "price": 4 }
          ]
        }
        """;
}
