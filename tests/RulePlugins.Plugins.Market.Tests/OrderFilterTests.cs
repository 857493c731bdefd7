using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// The grouping conditions of the profile order conditions, each alone on its own small data set through
/// <c>market.orders</c> (exists / not_exists): statuses, channels, regions, products, SKUs, categories, the quantity of
/// goods by every method, the creation date (last N days and a day range) and the order cost. Every data set has a
/// profile without orders.
/// </summary>
public sealed class OrderFilterTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    // ---- Statuses -------------------------------------------------------------------------------------------------

    // 1 new, 2 delivered, 3 paid, 4 canceled, 5 partial_return, 6 no orders, 7 paid stored as "Paid".
    private void AddStatusOrders()
    {
        _db.AddProfiles(7);
        _db.AddOrders(
            new TestOrder(1, 101) { Status = "new" },
            new TestOrder(2, 201) { Status = "delivered" },
            new TestOrder(3, 301) { Status = "paid" },
            new TestOrder(4, 401) { Status = "canceled" },
            new TestOrder(5, 501) { Status = "partial_return" },
            new TestOrder(7, 701) { Status = "Paid" });
    }

    public static TheoryData<string, long[]> StatusCases() => new()
    {
        { """{"operator": "exists", "statuses": ["new"]}""", [1] },
        { """{"operator": "exists", "statuses": ["delivered"]}""", [2] },
        { """{"operator": "exists", "statuses": ["paid"]}""", [3, 7] },
        { """{"operator": "exists", "statuses": ["canceled"]}""", [4] },
        { """{"operator": "exists", "statuses": ["partial_return"]}""", [5] },
        { """{"operator": "exists", "statuses": ["paid", "canceled"]}""", [3, 4, 7] },
        { """{"operator": "exists", "statuses": ["new", "delivered", "paid", "canceled", "partial_return"]}""", [1, 2, 3, 4, 5, 7] },
        { """{"operator": "not_exists", "statuses": ["paid"]}""", [1, 2, 4, 5, 6] },
        // Statuses compare ignoring case and surrounding spaces in the document too, as in the data.
        { """{"operator": "exists", "statuses": ["PAID"]}""", [3, 7] },
        { """{"operator": "exists", "statuses": [" New ", "Canceled"]}""", [1, 4] },
    };

    [Fact]
    public void Check_StatusInAnyCase_BindsAsListedAndAnUnknownOneIsRefusedWithTheList()
    {
        var json = Testing.Documents.Single("statuses", Orders, Params("""{"operator": "exists", "statuses": ["NEW", "shipped"]}"""));

        var error = Assert.Single(_db.Db.Engine.Check(json));

        Assert.Equal("rules.items[0].params.statuses[1]", error.Path);
        Assert.Equal("\"shipped\" is not allowed; allowed values: new, delivered, paid, canceled, partial_return (in any case)", error.Message);
    }

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void MembersOf_Statuses_SelectOrdersWithOneOfTheStatuses(string parameters, long[] expected)
    {
        AddStatusOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    // ---- Channels -------------------------------------------------------------------------------------------------

    // 1 website/cart, 2 website/one_click, 3 retail/store_1, 4 mobile_app/app, 5 website without contact point,
    // 6 no orders, 7 "WEBSITE"/"Cart".
    private void AddChannelOrders()
    {
        _db.AddProfiles(7);
        _db.AddOrders(
            new TestOrder(1, 101) { Channel = "website", ContactPoint = "cart" },
            new TestOrder(2, 201) { Channel = "website", ContactPoint = "one_click" },
            new TestOrder(3, 301) { Channel = "retail", ContactPoint = "store_1" },
            new TestOrder(4, 401) { Channel = "mobile_app", ContactPoint = "app" },
            new TestOrder(5, 501) { Channel = "website", ContactPoint = null },
            new TestOrder(7, 701) { Channel = "WEBSITE", ContactPoint = "Cart" });
    }

    public static TheoryData<string, long[]> ChannelCases() => new()
    {
        // A channel selects every contact point of it, also an order without one.
        { """{"operator": "exists", "channels": ["website"]}""", [1, 2, 5, 7] },
        { """{"operator": "exists", "channels": ["Website"]}""", [1, 2, 5, 7] },
        { """{"operator": "exists", "channels": ["retail"]}""", [3] },

        // A channel and contact point selects that point only.
        { """{"operator": "exists", "channels": ["website/cart"]}""", [1, 7] },
        { """{"operator": "exists", "channels": ["WEBSITE/CART"]}""", [1, 7] },
        { """{"operator": "exists", "channels": ["website/one_click"]}""", [2] },
        { """{"operator": "exists", "channels": ["retail/store_2"]}""", [] }, // listed in market_sales_channels, never used


        // Several entries: any of them.
        { """{"operator": "exists", "channels": ["website/cart", "retail"]}""", [1, 3, 7] },
        { """{"operator": "exists", "channels": ["mobile_app/app", "website/one_click"]}""", [2, 4] },
        { """{"operator": "not_exists", "channels": ["website"]}""", [3, 4, 6] },
    };

    [Theory]
    [MemberData(nameof(ChannelCases))]
    public void MembersOf_Channels_SelectChannelsAndContactPoints(string parameters, long[] expected)
    {
        AddChannelOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    // ---- Regions --------------------------------------------------------------------------------------------------

    // 1 Moscow, 2 moscow, 3 Saint Petersburg, 4 no region, 5 no orders, 6 Moscow Oblast.
    private void AddRegionOrders()
    {
        _db.AddProfiles(6);
        _db.AddOrders(
            new TestOrder(1, 101) { Region = "Moscow" },
            new TestOrder(2, 201) { Region = "moscow" },
            new TestOrder(3, 301) { Region = "Saint Petersburg" },
            new TestOrder(4, 401) { Region = null },
            new TestOrder(6, 601) { Region = "Moscow Oblast" });
    }

    public static TheoryData<string, long[]> RegionCases() => new()
    {
        { """{"operator": "exists", "regions": ["Moscow"]}""", [1, 2] },
        { """{"operator": "exists", "regions": ["MOSCOW"]}""", [1, 2] },
        { """{"operator": "exists", "regions": ["saint petersburg", "moscow"]}""", [1, 2, 3] },
        { """{"operator": "exists", "regions": ["moscow oblast"]}""", [6] },
        { """{"operator": "exists", "regions": ["Kazan"]}""", [] },

        // An order without a region matches no region, so "no order in Moscow" holds for it.
        { """{"operator": "not_exists", "regions": ["Moscow"]}""", [3, 4, 5, 6] },
    };

    [Theory]
    [MemberData(nameof(RegionCases))]
    public void MembersOf_Regions_SelectOrdersInOneOfTheRegionsIgnoringCase(string parameters, long[] expected)
    {
        AddRegionOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    // ---- Products, SKUs, categories -------------------------------------------------------------------------------

    // 1: P-1/S-1 in smartphones; 2: P-2/S-2 in phones; 3: P-3/S-3 in kitchen; 4: an order without items;
    // 5: no orders; 6: one order with P-4/S-4 in electronics and P-3/S-3 in kitchen;
    // 7: two orders, P-9 in an unknown category "gadgets", and P-5 without SKU or category.
    private void AddItemOrders()
    {
        _db.AddProfiles(7);
        _db.AddOrders(
            new TestOrder(1, 101) { Items = [new("P-1", Sku: "S-1", CategoryId: "smartphones")] },
            new TestOrder(2, 201) { Items = [new("P-2", Sku: "S-2", CategoryId: "phones")] },
            new TestOrder(3, 301) { Items = [new("P-3", Sku: "S-3", CategoryId: "kitchen")] },
            new TestOrder(4, 401),
            new TestOrder(6, 601) { Items = [new("P-4", Sku: "S-4", CategoryId: "electronics"), new("P-3", Sku: "S-3", CategoryId: "kitchen")] },
            new TestOrder(7, 701) { Items = [new("P-9", Sku: "S-9", CategoryId: "gadgets")] },
            new TestOrder(7, 702) { Items = [new("P-5")] });
    }

    public static TheoryData<string, long[]> ItemCases() => new()
    {
        // Products.
        { """{"operator": "exists", "products": ["P-1"]}""", [1] },
        { """{"operator": "exists", "products": ["p-1"]}""", [1] },
        { """{"operator": "exists", "products": ["P-3"]}""", [3, 6] },
        { """{"operator": "exists", "products": ["P-1", "P-2"]}""", [1, 2] },
        { """{"operator": "exists", "products": ["P-5"]}""", [7] },
        { """{"operator": "exists", "products": ["P-404"]}""", [] }, // in the catalogue, never ordered
        { """{"operator": "not_exists", "products": ["P-3"]}""", [1, 2, 4, 5, 7] },

        // SKUs.
        { """{"operator": "exists", "skus": ["S-2"]}""", [2] },
        { """{"operator": "exists", "skus": ["s-3"]}""", [3, 6] },
        { """{"operator": "exists", "skus": ["S-1", "S-4"]}""", [1, 6] },
        { """{"operator": "exists", "skus": ["S-404"]}""", [] },

        // Categories include their descendants: electronics > phones > smartphones, home > kitchen.
        { """{"operator": "exists", "categories": ["electronics"]}""", [1, 2, 6] },
        { """{"operator": "exists", "categories": ["phones"]}""", [1, 2] },
        { """{"operator": "exists", "categories": ["smartphones"]}""", [1] },
        { """{"operator": "exists", "categories": ["home"]}""", [3, 6] },
        { """{"operator": "exists", "categories": ["KITCHEN"]}""", [3, 6] },
        { """{"operator": "exists", "categories": ["electronics", "home"]}""", [1, 2, 3, 6] },
        { """{"operator": "exists", "categories": ["gadgets"]}""", [7] },
        { """{"operator": "not_exists", "categories": ["electronics"]}""", [3, 4, 5, 7] },
    };

    [Theory]
    [MemberData(nameof(ItemCases))]
    public void MembersOf_ProductsSkusCategories_SelectOrdersWithAMatchingItem(string parameters, long[] expected)
    {
        AddItemOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    // ---- Quantity of goods ----------------------------------------------------------------------------------------

    // One order each. Quantities per item (product), total, distinct products:
    // 1: [1] (P-1)                  total 1, distinct 1
    // 2: [2 (P-1), 3 (P-2)]         total 5, distinct 2
    // 3: [5] (P-1)                  total 5, distinct 1
    // 4: [1 (P-1), 1 (P-1), 1 (P-2)] total 3, distinct 2
    // 5: an order without items     total 0, distinct 0
    // 6: no orders
    // 7: [2 (P-1), 2 (P-2)]         total 4, distinct 2
    private void AddQuantityOrders()
    {
        _db.AddProfiles(7);
        _db.AddOrders(
            new TestOrder(1, 101) { Items = [new("P-1", 1)] },
            new TestOrder(2, 201) { Items = [new("P-1", 2), new("P-2", 3)] },
            new TestOrder(3, 301) { Items = [new("P-1", 5)] },
            new TestOrder(4, 401) { Items = [new("P-1", 1), new("P-1", 1), new("P-2", 1)] },
            new TestOrder(5, 501),
            new TestOrder(7, 701) { Items = [new("P-1", 2), new("P-2", 2)] });
    }

    public static TheoryData<string, long[]> QuantityCases() => new()
    {
        // any_item: some item has the quantity.
        { """{"operator": "exists", "quantity_method": "any_item", "quantity_operator": "equals", "quantity_value": 3}""", [2] },
        { """{"operator": "exists", "quantity_method": "any_item", "quantity_operator": "greater", "quantity_value": 2}""", [2, 3] },
        { """{"operator": "exists", "quantity_method": "any_item", "quantity_operator": "less", "quantity_value": 2}""", [1, 4] },
        { """{"operator": "exists", "quantity_method": "any_item", "quantity_operator": "in_range", "quantity_min": 2, "quantity_max": 3}""", [2, 7] },

        // total: the quantities added up (an order without items has 0).
        { """{"operator": "exists", "quantity_method": "total", "quantity_operator": "equals", "quantity_value": 5}""", [2, 3] },
        { """{"operator": "exists", "quantity_method": "total", "quantity_operator": "not_equals", "quantity_value": 5}""", [1, 4, 5, 7] },
        { """{"operator": "exists", "quantity_method": "total", "quantity_operator": "greater_or_equal", "quantity_value": 4}""", [2, 3, 7] },
        { """{"operator": "exists", "quantity_method": "total", "quantity_operator": "less_or_equal", "quantity_value": 3}""", [1, 4, 5] },
        { """{"operator": "exists", "quantity_method": "total", "quantity_operator": "in_range", "quantity_min": 3, "quantity_max": 4}""", [4, 7] },

        // every_item: every item has the quantity; an order without items never counts.
        { """{"operator": "exists", "quantity_method": "every_item", "quantity_operator": "equals", "quantity_value": 1}""", [1, 4] },
        { """{"operator": "exists", "quantity_method": "every_item", "quantity_operator": "not_equals", "quantity_value": 2}""", [1, 3, 4] },
        { """{"operator": "exists", "quantity_method": "every_item", "quantity_operator": "greater_or_equal", "quantity_value": 2}""", [2, 3, 7] },
        { """{"operator": "exists", "quantity_method": "every_item", "quantity_operator": "less", "quantity_value": 3}""", [1, 4, 7] },
        { """{"operator": "exists", "quantity_method": "every_item", "quantity_operator": "less_or_equal", "quantity_value": 5}""", [1, 2, 3, 4, 7] },
        { """{"operator": "exists", "quantity_method": "every_item", "quantity_operator": "greater", "quantity_value": 0}""", [1, 2, 3, 4, 7] },

        // distinct_products: the number of different products.
        { """{"operator": "exists", "quantity_method": "distinct_products", "quantity_operator": "equals", "quantity_value": 2}""", [2, 4, 7] },
        { """{"operator": "exists", "quantity_method": "distinct_products", "quantity_operator": "equals", "quantity_value": 0}""", [5] },
        { """{"operator": "exists", "quantity_method": "distinct_products", "quantity_operator": "greater", "quantity_value": 1}""", [2, 4, 7] },
        { """{"operator": "exists", "quantity_method": "distinct_products", "quantity_operator": "in_range", "quantity_min": 1, "quantity_max": 1}""", [1, 3] },
        { """{"operator": "exists", "quantity_method": "distinct_products", "quantity_operator": "not_equals", "quantity_value": 3}""", [1, 2, 3, 4, 5, 7] },

        { """{"operator": "not_exists", "quantity_method": "every_item", "quantity_operator": "greater", "quantity_value": 0}""", [5, 6] },
    };

    [Theory]
    [MemberData(nameof(QuantityCases))]
    public void MembersOf_Quantity_CountsGoodsByMethod(string parameters, long[] expected)
    {
        AddQuantityOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    [Fact]
    public void MembersOf_DistinctProducts_ProductIdsDifferingInCaseAreOneProduct()
    {
        _db.AddProfiles(2);
        _db.AddOrders(
            new TestOrder(1, 101) { Items = [new("P-1", 1), new("p-1", 1), new("P-2", 1)] },
            new TestOrder(2, 201) { Items = [new("P-1", 1), new("P-3", 1), new("P-2", 1)] });

        var members = _db.MembersOf(Orders, Params("""{"operator": "exists", "quantity_method": "distinct_products", "quantity_operator": "equals", "quantity_value": 2}"""));

        Assert.Equal([1L], members);
    }

    // ---- Created in the last N days -------------------------------------------------------------------------------

    // Now is 2026-06-15T12:00Z. 1: exactly 7 days ago; 2: 7 days and 1 ms ago; 3: now; 4: a day ahead of now;
    // 5: no orders; 6: exactly 30 days ago; 7: 30 days and 1 ms ago.
    private void AddRecentOrders()
    {
        _db.AddProfiles(7);
        _db.AddOrders(
            new TestOrder(1, 101) { CreatedAt = Now.AddDays(-7) },
            new TestOrder(2, 201) { CreatedAt = Now.AddDays(-7).AddMilliseconds(-1) },
            new TestOrder(3, 301) { CreatedAt = Now },
            new TestOrder(4, 401) { CreatedAt = Now.AddDays(1) },
            new TestOrder(6, 601) { CreatedAt = Now.AddDays(-30) },
            new TestOrder(7, 701) { CreatedAt = Now.AddDays(-30).AddMilliseconds(-1) });
    }

    public static TheoryData<string, long[]> RecentCases() => new()
    {
        { """{"operator": "exists", "created_in_last_days": 7}""", [1, 3] },
        { """{"operator": "exists", "created_in_last_days": 8}""", [1, 2, 3] },
        { """{"operator": "exists", "created_in_last_days": 30}""", [1, 2, 3, 6] },
        { """{"operator": "exists", "created_in_last_days": 1}""", [3] },
        { """{"operator": "not_exists", "created_in_last_days": 7}""", [2, 4, 5, 6, 7] },
    };

    [Theory]
    [MemberData(nameof(RecentCases))]
    public void MembersOf_CreatedInLastDays_IncludesExactlyNDaysAgoUpToNow(string parameters, long[] expected)
    {
        AddRecentOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    // ---- Created from / to ----------------------------------------------------------------------------------------

    // 1: 2026-06-01T00:00Z; 2: 2026-05-31T23:59:59.999Z; 3: 2026-06-10T23:59:59.999Z; 4: 2026-06-11T00:00Z;
    // 5: no orders; 6: 2026-06-05T12:00Z.
    private void AddDatedOrders()
    {
        _db.AddProfiles(6);
        _db.AddOrders(
            new TestOrder(1, 101) { CreatedAt = Utc("2026-06-01T00:00:00.000Z") },
            new TestOrder(2, 201) { CreatedAt = Utc("2026-05-31T23:59:59.999Z") },
            new TestOrder(3, 301) { CreatedAt = Utc("2026-06-10T23:59:59.999Z") },
            new TestOrder(4, 401) { CreatedAt = Utc("2026-06-11T00:00:00.000Z") },
            new TestOrder(6, 601) { CreatedAt = Utc("2026-06-05T12:00:00.000Z") });
    }

    public static TheoryData<string, long[]> DateCases() => new()
    {
        { """{"operator": "exists", "created_from": "2026-06-01", "created_to": "2026-06-10"}""", [1, 3, 6] },
        { """{"operator": "exists", "created_from": "2026-06-01"}""", [1, 3, 4, 6] },
        { """{"operator": "exists", "created_to": "2026-06-10"}""", [1, 2, 3, 6] },
        { """{"operator": "exists", "created_from": "2026-06-05", "created_to": "2026-06-05"}""", [6] },
        { """{"operator": "exists", "created_from": "2026-06-11", "created_to": "2026-06-11"}""", [4] },
        { """{"operator": "exists", "created_from": "2026-05-31", "created_to": "2026-05-31"}""", [2] },

        // Whole UTC days: the time of day given is ignored.
        { """{"operator": "exists", "created_from": "2026-06-01T15:30:00Z", "created_to": "2026-06-10T01:00:00Z"}""", [1, 3, 6] },

        // 02:00 at +03:00 is 23:00 UTC of the day before, so that whole UTC day is included.
        { """{"operator": "exists", "created_from": "2026-06-01T02:00:00+03:00"}""", [1, 2, 3, 4, 6] },
        { """{"operator": "not_exists", "created_from": "2026-06-01", "created_to": "2026-06-10"}""", [2, 4, 5] },
    };

    [Theory]
    [MemberData(nameof(DateCases))]
    public void MembersOf_CreatedFromTo_IncludesBothWholeUtcDays(string parameters, long[] expected)
    {
        AddDatedOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    // ---- Order cost -----------------------------------------------------------------------------------------------

    // 1: 1000 RUB; 2: 900 RUB; 3: 10 USD (= 900 RUB); 4: 10 EUR (= 980 RUB); 5: no orders; 6: 899.99 RUB.
    // In USD, exactly: 1 -> 11.111..; 2 -> 10; 3 -> 10 (unchanged); 4 -> 10.888..; 6 -> 9.99988.., below 10.
    private void AddCostOrders()
    {
        _db.AddProfiles(6);
        _db.AddOrders(
            new TestOrder(1, 101) { Amount = 1000m },
            new TestOrder(2, 201) { Amount = 900m },
            new TestOrder(3, 301) { Amount = 10m, Currency = "USD" },
            new TestOrder(4, 401) { Amount = 10m, Currency = "EUR" },
            new TestOrder(6, 601) { Amount = 899.99m });
    }

    public static TheoryData<string, long[]> CostCases() => new()
    {
        { """{"operator": "exists", "amount_operator": "equals", "amount_value": 900}""", [2, 3] },
        { """{"operator": "exists", "amount_operator": "not_equals", "amount_value": 900}""", [1, 4, 6] },
        { """{"operator": "exists", "amount_operator": "greater", "amount_value": 980}""", [1] },
        { """{"operator": "exists", "amount_operator": "less", "amount_value": 900}""", [6] },
        { """{"operator": "exists", "amount_operator": "greater_or_equal", "amount_value": 980}""", [1, 4] },
        { """{"operator": "exists", "amount_operator": "less_or_equal", "amount_value": 900}""", [2, 3, 6] },
        { """{"operator": "exists", "amount_operator": "in_range", "amount_min": 900, "amount_max": 980}""", [2, 3, 4] },
        { """{"operator": "exists", "amount_operator": "in_range", "amount_min": 899.99, "amount_max": 899.99}""", [6] },
        { """{"operator": "exists", "amount_operator": "equals", "amount_value": 900, "amount_currency": "RUB"}""", [2, 3] },

        { """{"operator": "exists", "amount_operator": "equals", "amount_value": 10, "amount_currency": "USD"}""", [2, 3] },
        { """{"operator": "exists", "amount_operator": "equals", "amount_value": 10, "amount_currency": "usd"}""", [2, 3] },
        { """{"operator": "exists", "amount_operator": "less", "amount_value": 10, "amount_currency": "USD"}""", [6] },
        { """{"operator": "exists", "amount_operator": "in_range", "amount_min": 10, "amount_max": 11, "amount_currency": "USD"}""", [2, 3, 4] },
        { """{"operator": "exists", "amount_operator": "greater", "amount_value": 10.89, "amount_currency": "USD"}""", [1] },
        { """{"operator": "exists", "amount_operator": "in_range", "amount_min": 10.89, "amount_max": 11.11, "amount_currency": "USD"}""", [] },
        { """{"operator": "exists", "amount_operator": "in_range", "amount_min": 10.88, "amount_max": 11.12, "amount_currency": "USD"}""", [1, 4] },
        { """{"operator": "exists", "amount_operator": "less", "amount_value": 10.89, "amount_currency": "USD"}""", [2, 3, 4, 6] },
        { """{"operator": "not_exists", "amount_operator": "greater", "amount_value": 950}""", [2, 3, 5, 6] },
    };

    [Theory]
    [MemberData(nameof(CostCases))]
    public void MembersOf_Amount_ComparesOrderCostInCurrency(string parameters, long[] expected)
    {
        AddCostOrders();

        Assert.Equal(expected, _db.MembersOf(Orders, Params(parameters)));
    }

    [Fact]
    public void MembersOf_AmountFilterInOrdersTotal_AddsUpOnlyOrdersInTheCostRange()
    {
        _db.AddProfiles(3);
        _db.AddOrders(
            new TestOrder(1, 101) { Amount = 1000m },
            new TestOrder(1, 102) { Amount = 200m },
            new TestOrder(2, 201) { Amount = 10m, Currency = "USD" },
            new TestOrder(2, 202) { Amount = 5000m });

        // Orders of at least 500 RUB: profile 1 -> 1000, profile 2 -> 900 + 5000, profile 3 -> nothing.
        var members = _db.MembersOf(OrdersTotal, Params("""{"operator": "equals", "value": 1000, "amount_operator": "greater_or_equal", "amount_value": 500}"""));

        Assert.Equal([1L], members);
        Assert.Equal([2L], _db.Db.MembersOf(OrdersTotal, Params("""{"operator": "equals", "value": 5900, "amount_operator": "greater_or_equal", "amount_value": 500}"""), "big"));
        Assert.Equal([3L], _db.Db.MembersOf(OrdersTotal, Params("""{"operator": "equals", "value": 0, "amount_operator": "greater_or_equal", "amount_value": 500}"""), "none"));
    }

    public void Dispose() => _db.Dispose();
}
