using static RulePlugins.Plugins.Market.Tests.OrderSegmentRules;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// "Order cost" (<c>order.cost</c>: seven comparisons, in list, not in list) and "Shipping cost"
/// (<c>order.shipping_cost</c>: seven comparisons), in RUB when <c>currency</c> is left out or in another currency.
/// Rates: USD 90 RUB, EUR 98 RUB; amounts convert exactly, never rounded before they are compared.
/// </summary>
public sealed class OrderSegmentCostTests(OrderSegmentFixture fixture) : IClassFixture<OrderSegmentFixture>
{
    // The shipping costs differ from the amounts, so reading the wrong column changes the answer.
    private static readonly Dictionary<string, string> CostOrders = new()
    {
        ["1000"] = """{"currency": "RUB", "channel": "website", "amount": 1000, "shipping_cost": 1500}""",
        ["1500"] = """{"currency": "RUB", "channel": "website", "amount": 1500, "shipping_cost": 2000}""",
        ["1500.01"] = """{"currency": "RUB", "channel": "website", "amount": 1500.01}""",
        ["2000"] = """{"currency": "RUB", "channel": "website", "amount": 2000, "shipping_cost": 1000}""",
    };

    // Shipping 0 (left out), 300 RUB, 450 RUB and 5 USD (= 450 RUB); the amounts are decoys.
    private static readonly Dictionary<string, string> ShippingOrders = new()
    {
        ["none"] = """{"currency": "RUB", "channel": "website", "amount": 300}""",
        ["300"] = """{"currency": "RUB", "channel": "website", "amount": 5000, "shipping_cost": 300}""",
        ["450"] = """{"currency": "RUB", "channel": "website", "amount": 100, "shipping_cost": 450}""",
        ["5usd"] = """{"currency": "USD", "channel": "website", "amount": 1, "shipping_cost": 5}""",
    };

    public static TheoryData<string, string[]> CostCases() => new()
    {
        { """{"operator": "equals", "value": 1500}""", ["1500"] },
        { """{"operator": "not_equals", "value": 1500}""", ["1000", "1500.01", "2000"] },
        { """{"operator": "greater", "value": 1500}""", ["1500.01", "2000"] },
        { """{"operator": "less", "value": 1500}""", ["1000"] },
        { """{"operator": "greater_or_equal", "value": 1500}""", ["1500", "1500.01", "2000"] },
        { """{"operator": "less_or_equal", "value": 1500}""", ["1000", "1500"] },
        { """{"operator": "in_range", "min": 1000, "max": 1500}""", ["1000", "1500"] },
        { """{"operator": "in_range", "min": 1500.01, "max": 2000}""", ["1500.01", "2000"] },
        { """{"operator": "in_list", "values": [1000, 1500.01]}""", ["1000", "1500.01"] },
        { """{"operator": "in_list", "values": [1500.00]}""", ["1500"] },
        { """{"operator": "not_in_list", "values": [1000, 1500.01]}""", ["1500", "2000"] },
        { """{"operator": "equals", "value": 1500, "currency": "RUB"}""", ["1500"] },
    };

    public static TheoryData<string, string[]> ShippingCases() => new()
    {
        { """{"operator": "equals", "value": 300}""", ["300"] },
        { """{"operator": "not_equals", "value": 300}""", ["none", "450", "5usd"] },
        { """{"operator": "greater", "value": 300}""", ["450", "5usd"] },
        { """{"operator": "less", "value": 300}""", ["none"] },
        { """{"operator": "greater_or_equal", "value": 300}""", ["300", "450", "5usd"] },
        { """{"operator": "less_or_equal", "value": 300}""", ["none", "300"] },
        { """{"operator": "in_range", "min": 300, "max": 450}""", ["300", "450", "5usd"] },
        { """{"operator": "equals", "value": 0}""", ["none"] },

        // In USD: 300 RUB = 3.333.. USD (above 3.33), 450 RUB = 5 USD exactly.
        { """{"operator": "equals", "value": 5, "currency": "USD"}""", ["450", "5usd"] },
        { """{"operator": "equals", "value": 3.33, "currency": "USD"}""", [] },
        { """{"operator": "not_equals", "value": 5, "currency": "USD"}""", ["none", "300"] },
        { """{"operator": "greater", "value": 3.33, "currency": "USD"}""", ["300", "450", "5usd"] },
        { """{"operator": "less", "value": 3.34, "currency": "USD"}""", ["none", "300"] },
        { """{"operator": "greater_or_equal", "value": 3.33, "currency": "USD"}""", ["300", "450", "5usd"] },
        { """{"operator": "less_or_equal", "value": 3.33, "currency": "USD"}""", ["none"] },
        { """{"operator": "in_range", "min": 3.33, "max": 5, "currency": "USD"}""", ["300", "450", "5usd"] },
    };

    [Theory]
    [MemberData(nameof(CostCases))]
    public void Evaluate_OrderCostInRub_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.cost", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, CostOrders));
    }

    [Theory]
    [MemberData(nameof(ShippingCases))]
    public void Evaluate_ShippingCost_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.shipping_cost", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, ShippingOrders));
    }

    [Theory]
    // An order in USD compared in RUB: 100 USD = 9000 RUB.
    [InlineData("USD", "100", null, "equals", "9000", true)]
    [InlineData("USD", "100", null, "greater", "8999.99", true)]
    [InlineData("USD", "100", null, "greater", "9000", false)]
    [InlineData("USD", "100", null, "less", "9000.01", true)]
    [InlineData("USD", "100", "RUB", "equals", "9000", true)]
    [InlineData("USD", "0.01", null, "equals", "0.9", true)]
    // An order in RUB compared in USD, exactly: 9000 RUB = 100 USD; 8999.99 RUB = 99.99988.. USD; 1000 RUB = 11.111.. USD.
    [InlineData("RUB", "9000", "USD", "equals", "100", true)]
    [InlineData("RUB", "8999.99", "USD", "less", "100", true)]
    [InlineData("RUB", "8999.99", "USD", "greater_or_equal", "100", false)]
    [InlineData("RUB", "9000.01", "USD", "greater", "100", true)]
    [InlineData("RUB", "1000", "USD", "equals", "11.11", false)]
    [InlineData("RUB", "1000", "USD", "greater", "11.11", true)]
    [InlineData("RUB", "1000", "USD", "less", "11.12", true)]
    [InlineData("RUB", "1000", "USD", "less_or_equal", "11.11", false)]
    [InlineData("RUB", "0.45", "USD", "equals", "0.005", true)]
    [InlineData("RUB", "0.44", "USD", "greater", "0", true)]
    [InlineData("RUB", "1000", "usd", "greater", "11.11", true)]
    // Through the base currency: 10 EUR = 980 RUB = 10.888.. USD.
    [InlineData("EUR", "10", "USD", "equals", "10.89", false)]
    [InlineData("EUR", "10", "USD", "less", "10.89", true)]
    [InlineData("EUR", "10", "USD", "greater", "10.88", true)]
    [InlineData("EUR", "10", null, "equals", "980", true)]
    // The currency asked for is the order's: the amount is compared unchanged, not rounded.
    [InlineData("USD", "12.345", "USD", "equals", "12.345", true)]
    [InlineData("USD", "12.345", "USD", "equals", "12.35", false)]
    [InlineData("usd", "12.345", "USD", "equals", "12.345", true)]
    [InlineData("RUB", "0.005", null, "greater", "0", true)]
    public void Evaluate_OrderCostInAnotherCurrency_ConvertsExactly(string orderCurrency, string amount, string? currency, string op, string value, bool expected)
    {
        var currencyParameter = currency is null ? string.Empty : $$""", "currency": "{{currency}}" """;
        var segment = fixture.SaveCondition("order.cost", $$"""{"operator": "{{op}}", "value": {{value}}{{currencyParameter}}}""");

        Assert.Equal(expected, fixture.Matches(segment, $$"""{"currency": "{{orderCurrency}}", "channel": "website", "amount": {{amount}}}"""));
    }

    [Theory]
    [InlineData("""{"operator": "in_list", "values": [100, 200], "currency": "USD"}""", "9000", true)]
    [InlineData("""{"operator": "in_list", "values": [11.11], "currency": "USD"}""", "999.9", true)]
    [InlineData("""{"operator": "in_list", "values": [11.11], "currency": "USD"}""", "1000", false)]
    [InlineData("""{"operator": "not_in_list", "values": [100], "currency": "USD"}""", "9000", false)]
    [InlineData("""{"operator": "not_in_list", "values": [100], "currency": "USD"}""", "9090", true)]
    [InlineData("""{"operator": "in_range", "min": 100, "max": 101, "currency": "USD"}""", "9090", true)]
    [InlineData("""{"operator": "in_range", "min": 100, "max": 101, "currency": "USD"}""", "9090.01", false)]
    [InlineData("""{"operator": "in_range", "min": 100, "max": 200, "currency": "USD"}""", "8999.99", false)]
    [InlineData("""{"operator": "in_range", "min": 100, "max": 200, "currency": "USD"}""", "18000", true)]
    [InlineData("""{"operator": "in_range", "min": 100, "max": 200, "currency": "USD"}""", "18000.01", false)]
    public void Evaluate_OrderCostListsInUsd_CompareTheConvertedAmount(string parameters, string rubAmount, bool expected)
    {
        var segment = fixture.SaveCondition("order.cost", parameters);

        Assert.Equal(expected, fixture.Matches(segment, $$"""{"currency": "RUB", "channel": "website", "amount": {{rubAmount}}}"""));
    }

    [Theory]
    [InlineData("""{"currency": "USD", "channel": "website", "amount": 1000, "shipping_cost": 2}""", "equals", "180", null, true)]
    [InlineData("""{"currency": "RUB", "channel": "website", "amount": 1000, "shipping_cost": 100}""", "equals", "1.11", "USD", false)]
    [InlineData("""{"currency": "RUB", "channel": "website", "amount": 1000, "shipping_cost": 100}""", "greater", "1.11", "USD", true)]
    [InlineData("""{"currency": "EUR", "channel": "website", "amount": 1000, "shipping_cost": 4.5}""", "equals", "4.9", "USD", true)]
    [InlineData("""{"currency": "EUR", "channel": "website", "amount": 1000, "shipping_cost": 4.6}""", "equals", "5.01", "USD", false)]
    [InlineData("""{"currency": "EUR", "channel": "website", "amount": 1000, "shipping_cost": 4.5}""", "equals", "4.5", "EUR", true)]
    public void Evaluate_ShippingCostInAnotherCurrency_ConvertsExactly(string order, string op, string value, string? currency, bool expected)
    {
        var currencyParameter = currency is null ? string.Empty : $$""", "currency": "{{currency}}" """;
        var segment = fixture.SaveCondition("order.shipping_cost", $$"""{"operator": "{{op}}", "value": {{value}}{{currencyParameter}}}""");

        Assert.Equal(expected, fixture.Matches(segment, order));
    }

    [Theory]
    [InlineData("""[{"product_id": "P-1", "quantity": 2, "price": 1500}, {"product_id": "P-2", "quantity": 1, "price": 250.5}]""", "RUB", "3250.5", null)]
    [InlineData("""[{"product_id": "P-1", "quantity": 3, "price": 10}]""", "USD", "2700", null)]
    [InlineData("""[{"product_id": "P-1", "quantity": 3, "price": 10}]""", "USD", "30", "USD")]
    [InlineData("""[{"product_id": "P-1", "quantity": 3}]""", "RUB", "0", null)]
    [InlineData("""[]""", "RUB", "0", null)]
    public void Evaluate_AmountLeftOut_IsPriceTimesQuantityAddedUp(string items, string orderCurrency, string cost, string? currency)
    {
        var currencyParameter = currency is null ? string.Empty : $$""", "currency": "{{currency}}" """;
        var equal = fixture.SaveCondition("order.cost", $$"""{"operator": "equals", "value": {{cost}}{{currencyParameter}}}""");
        var order = $$"""{"currency": "{{orderCurrency}}", "channel": "website", "items": {{items}}}""";

        Assert.True(fixture.Matches(equal, order));
    }

    [Fact]
    public void Evaluate_AmountGiven_WinsOverTheItems()
    {
        var order = """{"currency": "RUB", "channel": "website", "amount": 100, "items": [{"product_id": "P-1", "quantity": 3, "price": 1000}]}""";

        Assert.True(fixture.Matches(fixture.SaveCondition("order.cost", """{"operator": "equals", "value": 100}"""), order));
        Assert.False(fixture.Matches(fixture.SaveCondition("order.cost", """{"operator": "equals", "value": 3000}"""), order));
    }
}
