using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// What a profile segment over orders loads: only the orders (and items) inside the creation-date window, only the
/// columns its checks read, and the items table only when a check reads items.
/// </summary>
public sealed class ProfileOrderDataPlanTests : IDisposable
{
    private const long Day = EvaluationClock.MillisecondsPerDay;

    private static readonly EvaluationClock Clock = new(Now.ToUnixTimeMilliseconds());

    private readonly MarketDatabase _db = new();

    private DataPlan PlanOf(string conditionType, string parameters, string id = "plan")
    {
        _db.Db.Engine.Save(Documents.Single(id, conditionType, Params(parameters)));
        return _db.Db.Engine.GetPlan(id);
    }

    private static TablePlan Table(DataPlan plan, string name) => Assert.Single(plan.Tables, t => t.Table.Name == name);

    [Fact]
    public void Plan_CreatedInLastDaysWithItemFilter_BoundsOrdersAndItemsToTheWindow()
    {
        var plan = PlanOf(Orders, """{"operator": "exists", "created_in_last_days": 30, "products": ["P-1"]}""");

        Assert.Equal(["market_order_items", "market_orders"], plan.Tables.Select(t => t.Table.Name));
        var expected = ((long?)Clock.NowUnixMilliseconds - 30 * Day, (long?)Clock.NowUnixMilliseconds);
        var orders = Table(plan, "market_orders");
        var items = Table(plan, "market_order_items");
        Assert.Equal("created_at", orders.WindowColumn);
        Assert.Equal("created_at", items.WindowColumn);
        Assert.Equal(expected, orders.Resolve(Clock));
        Assert.Equal(expected, items.Resolve(Clock));
        Assert.Contains("id", orders.Columns);
        Assert.Contains("created_at", orders.Columns);
        Assert.Contains("order_id", items.Columns);
        Assert.Contains("product_id", items.Columns);
    }

    [Fact]
    public void Plan_WindowMovesWithTheClock_ResolvesAgainstEachRun()
    {
        var plan = PlanOf(Orders, """{"operator": "exists", "created_in_last_days": 7}""");
        var later = new EvaluationClock(Clock.NowUnixMilliseconds + 3 * Day);

        var orders = Table(plan, "market_orders");

        Assert.Equal((later.NowUnixMilliseconds - 7 * Day, later.NowUnixMilliseconds), orders.Resolve(later));
    }

    [Fact]
    public void Plan_CreatedFromTo_BoundsOrdersAndItemsToTheWholeDays()
    {
        var plan = PlanOf(Orders, """{"operator": "exists", "created_from": "2026-06-01T15:00:00Z", "created_to": "2026-06-10", "categories": ["electronics"]}""");

        var expected = ((long?)Utc("2026-06-01T00:00:00Z").ToUnixTimeMilliseconds(), (long?)Utc("2026-06-10T23:59:59.999Z").ToUnixTimeMilliseconds());
        Assert.Equal(expected, Table(plan, "market_orders").Resolve(Clock));
        Assert.Equal(expected, Table(plan, "market_order_items").Resolve(Clock));
        Assert.Contains("category_id", Table(plan, "market_order_items").Columns);
        Assert.Contains(plan.Lookups, l => l.Lookup.Name == "market.categories");
    }

    [Fact]
    public void Plan_OnlyCreatedFrom_LeavesTheUpperEndOpen()
    {
        var plan = PlanOf(Orders, """{"operator": "exists", "created_from": "2026-06-01"}""");

        Assert.Equal(((long?)Utc("2026-06-01T00:00:00Z").ToUnixTimeMilliseconds(), (long?)null), Table(plan, "market_orders").Resolve(Clock));
    }

    [Theory]
    [InlineData(Orders, """{"operator": "exists", "statuses": ["paid"], "created_in_last_days": 14}""")]
    [InlineData(Orders, """{"operator": "not_exists", "channels": ["website"], "regions": ["Moscow"], "amount_operator": "greater", "amount_value": 10}""")]
    [InlineData(OrdersTotal, """{"operator": "greater", "value": 1000, "currency": "USD"}""")]
    [InlineData(OrdersTotal, """{"operator": "greater", "value": 1000, "created_from": "2026-06-01"}""")]
    public void Plan_NoItemFilter_DoesNotLoadOrderItems(string conditionType, string parameters)
    {
        var plan = PlanOf(conditionType, parameters);

        Assert.Equal(["market_orders"], plan.Tables.Select(t => t.Table.Name));
    }

    [Fact]
    public void Plan_TotalWithWindowAndStatus_ReadsCostStatusAndWindowColumnsAndTheRates()
    {
        var plan = PlanOf(OrdersTotal, """{"operator": "greater", "value": 1000, "statuses": ["paid"], "created_in_last_days": 14}""");

        var orders = Table(plan, "market_orders");
        Assert.Equal(["amount", "created_at", "currency", "status"], orders.Columns);
        Assert.Equal(((long?)Clock.NowUnixMilliseconds - 14 * Day, (long?)Clock.NowUnixMilliseconds), orders.Resolve(Clock));
        Assert.Contains(plan.Lookups, l => l.Lookup.Name == "market.currency_rates");
    }

    [Fact]
    public void Plan_NoDateFilter_LoadsEveryOrder()
    {
        var plan = PlanOf(Orders, """{"operator": "exists", "statuses": ["paid"], "skus": ["S-1"]}""");

        Assert.All(plan.Tables, t => Assert.Empty(t.Windows));
        Assert.All(plan.Tables, t => Assert.Equal(((long?)null, (long?)null), t.Resolve(Clock)));
    }

    [Fact]
    public void Plan_WindowedAndUnwindowedConditionInOneTree_LoadsEveryOrder()
    {
        var rules = new
        {
            op = "or",
            items = new object[]
            {
                new { type = Orders, @params = Params("""{"operator": "exists", "created_in_last_days": 7}""") },
                new { type = OrdersTotal, @params = Params("""{"operator": "greater", "value": 1000}""") },
            },
        };
        _db.Db.Engine.Save(Documents.Json("tree", rules));

        var orders = Table(_db.Db.Engine.GetPlan("tree"), "market_orders");

        Assert.Empty(orders.Windows);
        Assert.Equal(((long?)null, (long?)null), orders.Resolve(Clock));
    }

    [Fact]
    public void Plan_TwoWindowsInOneTree_LoadsTheirUnion()
    {
        var rules = new
        {
            op = "and",
            items = new object[]
            {
                new { type = Orders, @params = Params("""{"operator": "exists", "created_in_last_days": 7}""") },
                new { type = OrdersTotal, @params = Params("""{"operator": "greater", "value": 1000, "created_in_last_days": 30}""") },
            },
        };
        _db.Db.Engine.Save(Documents.Json("tree", rules));

        var orders = Table(_db.Db.Engine.GetPlan("tree"), "market_orders");

        Assert.Equal(((long?)Clock.NowUnixMilliseconds - 30 * Day, (long?)Clock.NowUnixMilliseconds), orders.Resolve(Clock));
    }

    [Fact]
    public void MembersOf_WindowedCondition_SeesOrdersAtTheWindowEdgesOnly()
    {
        // The window is pushed into the query; orders exactly at its ends must still be loaded, and items with them.
        _db.AddProfiles(4);
        _db.AddOrders(
            new TestOrder(1, 101) { CreatedAt = Now.AddDays(-30), Items = [new("P-1", 2)] },
            new TestOrder(2, 201) { CreatedAt = Now, Items = [new("P-1", 2)] },
            new TestOrder(3, 301) { CreatedAt = Now.AddDays(-30).AddMilliseconds(-1), Items = [new("P-1", 2)] },
            new TestOrder(4, 401) { CreatedAt = Now.AddDays(-10), Items = [new("P-2", 2)] });

        var members = _db.MembersOf(Orders, Params("""{"operator": "exists", "created_in_last_days": 30, "products": ["P-1"], "quantity_method": "total", "quantity_operator": "equals", "quantity_value": 2}"""));

        Assert.Equal([1L, 2], members);
    }

    public void Dispose() => _db.Dispose();
}
