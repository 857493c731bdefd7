using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// <c>market.orders_total</c>: the total cost of the orders that pass the grouping conditions, in RUB or a chosen
/// currency (rates: USD 90, EUR 98), compared with every number operator. A profile without qualifying orders has
/// a total of 0.
/// </summary>
public sealed class OrdersTotalTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    // Totals in RUB:  1 -> 1000 + 500 = 1500; 2 -> 10 USD = 900; 3 -> 2000 paid + 5000 canceled = 7000;
    //                 4 -> 10 EUR = 980; 5 -> no orders = 0; 6 -> 100.50; 7 -> 150 (status new).
    // Totals in USD, exact: 1 -> 1500 / 90 = 16.666..; 2 -> 10 (unchanged); 3 -> 7000 / 90 = 77.777..;
    //                 4 -> 980 / 90 = 10.888..; 5 -> 0; 6 -> 100.50 / 90 = 1.11666..; 7 -> 150 / 90 = 1.666...
    // Profile 8 has three orders of 3000 RUB: exactly 100 USD, and 9 has one of 8999.99 RUB: 99.99988.. USD.
    public OrdersTotalTests()
    {
        _db.AddProfiles(9);
        _db.AddOrders(
            new TestOrder(1, 101) { Amount = 1000m },
            new TestOrder(1, 102) { Amount = 500m },
            new TestOrder(2, 201) { Amount = 10m, Currency = "USD" },
            new TestOrder(3, 301) { Amount = 2000m },
            new TestOrder(3, 302) { Amount = 5000m, Status = "canceled" },
            new TestOrder(4, 401) { Amount = 10m, Currency = "EUR" },
            new TestOrder(6, 601) { Amount = 100.50m },
            new TestOrder(7, 701) { Amount = 150m, Status = "new" },
            new TestOrder(8, 801) { Amount = 3000m },
            new TestOrder(8, 802) { Amount = 3000m },
            new TestOrder(8, 803) { Amount = 3000m },
            new TestOrder(9, 901) { Amount = 8999.99m });
    }

    public static TheoryData<string, long[]> Cases() => new()
    {
        // RUB, the currency left out.
        { """{"operator": "equals", "value": 1500}""", [1] },
        { """{"operator": "equals", "value": 900}""", [2] },
        { """{"operator": "equals", "value": 0}""", [5] },
        { """{"operator": "equals", "value": 100.5}""", [6] },
        { """{"operator": "not_equals", "value": 900}""", [1, 3, 4, 5, 6, 7, 8, 9] },
        { """{"operator": "greater", "value": 980}""", [1, 3, 8, 9] },
        { """{"operator": "less", "value": 100}""", [5] },
        { """{"operator": "less", "value": 980}""", [2, 5, 6, 7] },
        { """{"operator": "greater_or_equal", "value": 980}""", [1, 3, 4, 8, 9] },
        { """{"operator": "less_or_equal", "value": 900}""", [2, 5, 6, 7] },
        { """{"operator": "in_range", "min": 900, "max": 1500}""", [1, 2, 4] },
        { """{"operator": "in_range", "min": 100.5, "max": 900}""", [2, 6, 7] },
        { """{"operator": "in_range", "min": 0, "max": 0}""", [5] },
        { """{"operator": "equals", "value": 1500, "currency": "RUB"}""", [1] },

        // USD: converted exactly, never rounded before the comparison.
        { """{"operator": "equals", "value": 10, "currency": "USD"}""", [2] },
        { """{"operator": "equals", "value": 10.89, "currency": "USD"}""", [] },
        { """{"operator": "equals", "value": 100, "currency": "USD"}""", [8] },
        { """{"operator": "in_range", "min": 100, "max": 200, "currency": "USD"}""", [8] },
        { """{"operator": "in_range", "min": 10.88, "max": 10.89, "currency": "usd"}""", [4] },
        { """{"operator": "less", "value": 100, "currency": "USD"}""", [1, 2, 3, 4, 5, 6, 7, 9] },
        { """{"operator": "less", "value": 10, "currency": "USD"}""", [5, 6, 7] },
        { """{"operator": "greater_or_equal", "value": 16.67, "currency": "USD"}""", [3, 8, 9] },
        { """{"operator": "greater", "value": 16.66, "currency": "USD"}""", [1, 3, 8, 9] },
        { """{"operator": "less_or_equal", "value": 1.11, "currency": "USD"}""", [5] },
        { """{"operator": "in_range", "min": 10, "max": 10.88, "currency": "USD"}""", [2] },
        { """{"operator": "not_equals", "value": 0, "currency": "USD"}""", [1, 2, 3, 4, 6, 7, 8, 9] },

        // Only the orders that pass the grouping conditions are added up.
        { """{"operator": "equals", "value": 2000, "statuses": ["paid"]}""", [3] },
        { """{"operator": "equals", "value": 5000, "statuses": ["canceled"]}""", [3] },
        { """{"operator": "equals", "value": 7000, "statuses": ["paid", "canceled"]}""", [3] },
        { """{"operator": "equals", "value": 150, "statuses": ["new"]}""", [7] },
        { """{"operator": "equals", "value": 0, "statuses": ["canceled"]}""", [1, 2, 4, 5, 6, 7, 8, 9] },

        // A profile without qualifying orders has a total of 0, so "less 100" selects it.
        { """{"operator": "less", "value": 100, "statuses": ["new"]}""", [1, 2, 3, 4, 5, 6, 8, 9] },
        { """{"operator": "less", "value": 100, "statuses": ["delivered"]}""", [1, 2, 3, 4, 5, 6, 7, 8, 9] },
        { """{"operator": "greater", "value": 0, "statuses": ["delivered"]}""", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MembersOf_OrdersTotal_MatchesExpectedProfiles(string parameters, long[] expected)
    {
        var members = _db.MembersOf(OrdersTotal, Params(parameters));

        Assert.Equal(expected, members);
    }

    [Fact]
    public void MembersOf_TotalInEur_ConvertsThroughRubExactly()
    {
        // 10 USD = 900 RUB = 9.1836.. EUR, inside 9.18-9.19 and not equal to 9.18; 10 EUR is unchanged.
        var usdProfile = _db.Db.MembersOf(OrdersTotal, Params("""{"operator": "in_range", "min": 9.18, "max": 9.19, "currency": "EUR"}"""), "eur-usd");
        var rounded = _db.Db.MembersOf(OrdersTotal, Params("""{"operator": "equals", "value": 9.18, "currency": "EUR"}"""), "eur-rounded");
        var eurProfile = _db.Db.MembersOf(OrdersTotal, Params("""{"operator": "equals", "value": 10, "currency": "EUR"}"""), "eur-eur");

        Assert.Equal([2L], usdProfile);
        Assert.Empty(rounded);
        Assert.Equal([4L], eurProfile);
    }

    [Fact]
    public void Explain_TotalInRubAndInUsd_ShowsTheTotalComparedToSixPlaces()
    {
        long[] all = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        var rub = _db.Db.ExplainedValues(OrdersTotal, Params("""{"operator": "greater", "value": 980}"""), all, "explained-rub");
        var usd = _db.Db.ExplainedValues(OrdersTotal, Params("""{"operator": "greater", "value": 10, "currency": "USD"}"""), all, "explained-usd");

        Assert.Equal(["1500", "900", "7000", "980", "0", "100.5", "150", "9000", "8999.99"], rub);
        Assert.Equal(["16.666667", "10", "77.777778", "10.888889", "0", "1.116667", "1.666667", "100", "99.999889"], usd);
    }

    public void Dispose() => _db.Dispose();
}
