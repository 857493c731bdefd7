using Dapper;
using RulePlugins.Plugins.Market;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>An order to insert for a profile, with its items; amounts are in <see cref="Currency"/>.</summary>
public sealed record TestOrder(long ProfileId, long Id)
{
    public string Status { get; init; } = "paid";

    public DateTimeOffset CreatedAt { get; init; } = TestDatabase.DefaultNow.AddDays(-1);

    public decimal Amount { get; init; } = 1000m;

    public string Currency { get; init; } = "RUB";

    public decimal ShippingCost { get; init; }

    public string? Region { get; init; } = "Moscow";

    public string Channel { get; init; } = "website";

    public string? ContactPoint { get; init; } = "cart";

    public IReadOnlyList<TestItem> Items { get; init; } = [];
}

/// <summary>A line item of a <see cref="TestOrder"/>.</summary>
public sealed record TestItem(string ProductId, long Quantity = 1, decimal Price = 100m, string? Sku = null, string? CategoryId = null);

/// <summary>
/// A throw-away database with the market and profile-field plugins, the reference data of the market plugin
/// (rates: USD 90, EUR 98 RUB; a small category tree; the demo's sales channels), and helpers to add orders.
/// </summary>
public sealed class MarketDatabase : IDisposable
{
    private long _nextItemId;

    public MarketDatabase(params IRulePlugin[] morePlugins)
    {
        Db = new TestDatabase([new ProfileFieldsPlugin(), new MarketPlugin(), .. morePlugins]);
        Db.Execute("INSERT INTO market_currency_rates (currency, rate) VALUES ('RUB', 1), ('USD', 90), ('EUR', 98)");
        Db.Execute(
            """
            INSERT INTO market_categories (id, parent_id, name) VALUES
              ('electronics', NULL, 'Electronics'), ('phones', 'electronics', 'Phones'), ('smartphones', 'phones', 'Smartphones'),
              ('home', NULL, 'Home'), ('kitchen', 'home', 'Kitchen'), ('gadgets', NULL, 'Gadgets'), ('toys', NULL, 'Toys')
            """);
        Db.Execute(
            """
            INSERT INTO market_sales_channels (channel, contact_point, type, name) VALUES
              ('website', 'cart', 'online', 'Website cart'), ('website', 'one_click', 'online', 'One click'),
              ('mobile_app', 'app', 'online', 'App'), ('retail', 'store_1', 'retail', 'Store 1'), ('retail', 'store_2', 'retail', 'Store 2')
            """);

        // The catalogue the tests' conditions name: P-1..P-9 with SKUs S-1..S-9, P-404 (listed, never ordered), Z-9, and
        // a product "S-1" whose SKU is "P-1" (ids and SKUs crossed), and the random tests' P1..P9 with S1..S9.
        Db.Execute(
            $"INSERT INTO market_products (id, sku, name, category_id, price) VALUES {string.Join(", ", Catalogue.Select(p => $"('{p.Id}', '{p.Sku}', 'Product {p.Id}', NULL, 100)"))}");
    }

    /// <summary>The products of <c>market_products</c>: (id, SKU).</summary>
    public static IReadOnlyList<(string Id, string Sku)> Catalogue { get; } =
    [
        .. Enumerable.Range(1, 9).Select(i => ($"P-{i}", $"S-{i}")),
        ("P-404", "S-404"), ("Z-9", "Z-9"), ("SKU-PRODUCT", "SKU-1"), ("S-1", "P-1"),
        .. Enumerable.Range(1, 9).Select(i => ($"P{i}", $"S{i}")),
    ];

    /// <summary>The database and its engine (clock fixed at <see cref="TestDatabase.DefaultNow"/>).</summary>
    public TestDatabase Db { get; }

    /// <summary>Adds profiles 1..<paramref name="count"/> without fields.</summary>
    public void AddProfiles(long count) => Db.AddProfiles(Enumerable.Range(1, (int)count).Select(i => (long)i));

    /// <summary>Inserts orders and their items.</summary>
    public void AddOrders(params TestOrder[] orders)
    {
        using var connection = Db.Database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var order in orders)
        {
            connection.Execute(
                """
                INSERT INTO market_orders (profile_id, id, status, created_at, amount, currency, shipping_cost, region, channel, contact_point)
                VALUES (@ProfileId, @Id, @Status, @CreatedAt, @Amount, @Currency, @ShippingCost, @Region, @Channel, @ContactPoint)
                """,
                new
                {
                    order.ProfileId, order.Id, order.Status, CreatedAt = order.CreatedAt.ToUnixTimeMilliseconds(), order.Amount, order.Currency,
                    order.ShippingCost, order.Region, order.Channel, order.ContactPoint,
                },
                transaction);
            foreach (var item in order.Items)
            {
                connection.Execute(
                    """
                    INSERT INTO market_order_items (profile_id, id, order_id, created_at, product_id, sku, category_id, quantity, price)
                    VALUES (@ProfileId, @Id, @OrderId, @CreatedAt, @ProductId, @Sku, @CategoryId, @Quantity, @Price)
                    """,
                    new
                    {
                        order.ProfileId, Id = ++_nextItemId, OrderId = order.Id, CreatedAt = order.CreatedAt.ToUnixTimeMilliseconds(),
                        item.ProductId, item.Sku, item.CategoryId, item.Quantity, item.Price,
                    },
                    transaction);
            }
        }

        transaction.Commit();
    }

    /// <summary>Saves a one-condition profile segment and returns its members after a recalculation.</summary>
    public IReadOnlyList<long> MembersOf(string conditionType, object parameters) => Db.MembersOf(conditionType, parameters);

    public void Dispose() => Db.Dispose();
}
