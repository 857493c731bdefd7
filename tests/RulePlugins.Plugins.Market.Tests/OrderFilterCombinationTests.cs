using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// Several grouping conditions at once: all must hold for the same order. A profile whose orders each pass only
/// some of them does not match.
/// </summary>
public sealed class OrderFilterCombinationTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    // Orders are paid, 1000 RUB, website/cart, Moscow, created a day ago, unless said otherwise.
    // 1: one order created 2 days ago with P-1 (smartphones) x1.
    // 2: paid from retail/store_1; canceled from website/cart.
    // 3: paid from website/one_click in Kazan, 5000 RUB.
    // 4: no orders.
    // 5: canceled from website/cart with P-1 x5; paid from mobile_app/app with P-1 x1.
    // 6: two orders: P-1 (smartphones) x1; P-3 (kitchen) x5.
    // 7: 5000 RUB created 40 days ago; 100 RUB created a day ago.
    private void AddOrders()
    {
        _db.AddProfiles(7);
        _db.AddOrders(
            new TestOrder(1, 101) { CreatedAt = Now.AddDays(-2), Items = [new("P-1", 1, CategoryId: "smartphones")] },
            new TestOrder(2, 201) { Channel = "retail", ContactPoint = "store_1" },
            new TestOrder(2, 202) { Status = "canceled" },
            new TestOrder(3, 301) { ContactPoint = "one_click", Region = "Kazan", Amount = 5000m },
            new TestOrder(5, 501) { Status = "canceled", Items = [new("P-1", 5, CategoryId: "smartphones")] },
            new TestOrder(5, 502) { Channel = "mobile_app", ContactPoint = "app", Items = [new("P-1", 1, CategoryId: "smartphones")] },
            new TestOrder(6, 601) { Items = [new("P-1", 1, CategoryId: "smartphones")] },
            new TestOrder(6, 602) { Items = [new("P-3", 5, CategoryId: "kitchen")] },
            new TestOrder(7, 701) { Amount = 5000m, CreatedAt = Now.AddDays(-40) },
            new TestOrder(7, 702) { Amount = 100m });
    }

    public static TheoryData<string, string, long[]> Cases() => new()
    {
        // Profile 2 has a paid order and a website order, but not one paid website order; likewise profile 5.
        { Orders, """{"operator": "exists", "statuses": ["paid"], "channels": ["website"]}""", [1, 3, 6, 7] },
        { Orders, """{"operator": "not_exists", "statuses": ["paid"], "channels": ["website"]}""", [2, 4, 5] },
        { Orders, """{"operator": "exists", "statuses": ["paid"], "channels": ["website"], "regions": ["moscow"]}""", [1, 6, 7] },
        { Orders, """{"operator": "exists", "statuses": ["paid"], "channels": ["website/cart"]}""", [1, 6, 7] },
        { Orders, """{"operator": "exists", "count": 2, "statuses": ["paid"], "channels": ["website"]}""", [6, 7] },

        // Profile 6 has an electronics order and an order with 5 goods of one item, but they are different orders.
        { Orders, """{"operator": "exists", "categories": ["electronics"], "quantity_method": "any_item", "quantity_operator": "greater_or_equal", "quantity_value": 5}""", [5] },
        { Orders, """{"operator": "exists", "categories": ["electronics"], "quantity_method": "any_item", "quantity_operator": "greater_or_equal", "quantity_value": 5, "statuses": ["paid"]}""", [] },
        { Orders, """{"operator": "exists", "products": ["P-1"], "statuses": ["paid"]}""", [1, 5, 6] },
        { Orders, """{"operator": "exists", "products": ["P-1"], "statuses": ["paid"], "channels": ["website"]}""", [1, 6] },

        // Profile 7's 5000 RUB order is older than the window, and its recent order is too cheap.
        { Orders, """{"operator": "exists", "created_in_last_days": 30, "amount_operator": "greater_or_equal", "amount_value": 5000}""", [3] },
        { Orders, """{"operator": "not_exists", "created_in_last_days": 30, "amount_operator": "greater_or_equal", "amount_value": 5000}""", [1, 2, 4, 5, 6, 7] },
        { Orders, """{"operator": "exists", "created_in_last_days": 1, "products": ["P-1"]}""", [5, 6] },

        // Totals of the orders that pass every condition.
        { OrdersTotal, """{"operator": "equals", "value": 100, "statuses": ["paid"], "channels": ["website"], "created_in_last_days": 30}""", [7] },
        { OrdersTotal, """{"operator": "less", "value": 1000, "statuses": ["paid"], "channels": ["website"]}""", [2, 4, 5] },
        { OrdersTotal, """{"operator": "equals", "value": 5100, "statuses": ["paid"], "channels": ["website"]}""", [7] },
        { OrdersTotal, """{"operator": "greater_or_equal", "value": 5000, "statuses": ["paid"], "created_in_last_days": 30}""", [3] },
        { OrdersTotal, """{"operator": "equals", "value": 1000, "products": ["P-1"], "statuses": ["paid"], "channels": ["website"]}""", [1, 6] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MembersOf_SeveralGroupingConditions_AllHoldForTheSameOrder(string conditionType, string parameters, long[] expected)
    {
        AddOrders();

        Assert.Equal(expected, _db.MembersOf(conditionType, Params(parameters)));
    }

    [Fact]
    public void MembersOf_PaidRetailOrderAndCanceledWebsiteOrder_DoesNotMatchPaidWebsite()
    {
        _db.AddProfiles(2);
        _db.AddOrders(
            new TestOrder(1, 101) { Status = "paid", Channel = "retail", ContactPoint = "store_1" },
            new TestOrder(1, 102) { Status = "canceled", Channel = "website", ContactPoint = "cart" },
            new TestOrder(2, 201) { Status = "paid", Channel = "website", ContactPoint = "cart" });

        var paidWebsite = _db.Db.MembersOf(Orders, Params("""{"operator": "exists", "statuses": ["paid"], "channels": ["website"]}"""), "paid-website");
        var paid = _db.Db.MembersOf(Orders, Params("""{"operator": "exists", "statuses": ["paid"]}"""), "paid");
        var website = _db.Db.MembersOf(Orders, Params("""{"operator": "exists", "channels": ["website"]}"""), "website");

        Assert.Equal([2L], paidWebsite);
        Assert.Equal([1L, 2], paid);
        Assert.Equal([1L, 2], website);
    }

    public void Dispose() => _db.Dispose();
}
