using RulePlugins.Testing;
using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// Text compared by the market conditions ignores surrounding white space (and case) on both sides, on the database
/// path (orders and reference data read in batches) as on the real-time path (one order document).
/// </summary>
public sealed class TrimmingTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    public TrimmingTests()
    {
        // Profile 1's order has text padded with white space in every compared column; profile 2's has none of them.
        _db.AddProfiles(2);
        _db.AddOrders(
            new TestOrder(1, 101)
            {
                Status = " paid ", Region = " Kazan", Channel = "website ", ContactPoint = " cart", Currency = "USD ",
                Items = [new TestItem(" P-1", Sku: "SKU-1\t", CategoryId: " smartphones ")],
            },
            new TestOrder(2, 201) { Status = "new", Region = "Perm", Channel = "retail", ContactPoint = "store_1", Items = [new TestItem("P-9")] });
        _db.Db.Execute("UPDATE market_categories SET parent_id = ' phones ' WHERE id = 'smartphones'");
    }

    [Theory]
    [InlineData("""{"operator": "exists", "statuses": ["paid"]}""")]
    [InlineData("""{"operator": "exists", "regions": ["kazan"]}""")]
    [InlineData("""{"operator": "exists", "regions": ["  Kazan  "]}""")]
    [InlineData("""{"operator": "exists", "channels": ["website"]}""")]
    [InlineData("""{"operator": "exists", "channels": [" website/cart "]}""")]
    [InlineData("""{"operator": "exists", "products": ["p-1"]}""")]
    [InlineData("""{"operator": "exists", "skus": [" SKU-1"]}""")]
    [InlineData("""{"operator": "exists", "categories": ["electronics"]}""")]
    [InlineData("""{"operator": "exists", "amount_operator": "equals", "amount_value": 1000, "amount_currency": "USD"}""")]
    public void Recalculate_PaddedOrderText_CountsAsTheTrimmedValue(string parameters)
    {
        Assert.Equal([1L], _db.MembersOf(Orders, Params(parameters)));
    }

    [Fact]
    public void Recalculate_TotalOfPaddedCurrency_ConvertsAtItsRate()
    {
        // 1000 USD at 90 RUB: a currency read with its padding would have no rate and fail the run.
        Assert.Equal([1L], _db.MembersOf(OrdersTotal, Params("""{"operator": "equals", "value": 90000, "currency": "RUB"}""")));
    }

    [Theory]
    [InlineData("order.region", """{"operator": "equals", "value": " kazan "}""")]
    [InlineData("order.region", """{"operator": "in_list", "values": ["KAZAN\t"]}""")]
    [InlineData("order.sales_channels", """{"operator": "in_list", "values": [" website/cart "]}""")]
    [InlineData("order.products", """{"operator": "in_list", "values": [" P-1 "]}""")]
    [InlineData("order.sales_channel_type", """{"operator": "equals", "value": "online"}""")]
    public void Evaluate_PaddedSegmentValue_MatchesTheOrderAsItIsMeant(string type, string parameters)
    {
        _db.Db.Execute("UPDATE market_sales_channels SET channel = ' website ', type = 'online ' WHERE channel = 'website'");
        var id = "trimmed-" + type.Replace('.', '-').Replace('_', '-');
        _db.Db.Engine.Save(Documents.Json(id, new { op = "and", items = new[] { new { type, @params = Params(parameters) } } }, subject: "order"));

        var order = """{"currency": "RUB", "channel": "website", "contact_point": "cart", "region": "Kazan", "items": [{"product_id": "p-1", "quantity": 1}]}""";

        Assert.True(_db.Db.Engine.Evaluate(id, order).Matched);
    }

    public void Dispose() => _db.Dispose();
}
