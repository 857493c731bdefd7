using RulePlugins.Engine.Evaluation;
using static RulePlugins.Plugins.Market.Tests.OrderSegmentRules;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>Order segments with several conditions: AND, OR, nested groups, and the explanation of an answer.</summary>
public sealed class OrderSegmentTreeTests(OrderSegmentFixture fixture) : IClassFixture<OrderSegmentFixture>
{
    private static readonly object WebsiteCart = Condition("order.sales_channels", """{"operator": "in_list", "values": ["website/cart"]}""");

    private static readonly object ThreeDifferentProducts = Condition("order.goods_count", """{"method": "distinct_products", "operator": "greater_or_equal", "value": 3}""");

    private static readonly object CostAtLeast5000 = Condition("order.cost", """{"operator": "greater_or_equal", "value": 5000}""");

    private static readonly object RegionGiven = Condition("order.region", """{"operator": "is_not_empty"}""");

    // The seed's use case: a 10% discount for orders placed through the website cart only.
    [Theory]
    [InlineData("website", "cart", true)]
    [InlineData("Website", "Cart", true)]
    [InlineData("website", "one_click", false)]
    [InlineData("website", null, false)]
    [InlineData("mobile_app", "cart", false)]
    [InlineData("retail", "store_1", false)]
    [InlineData("phone", "call", false)]
    public void Evaluate_WebsiteCartDiscountSegment_MatchesOnlyWebsiteCartOrders(string channel, string? contactPoint, bool expected)
    {
        var segment = fixture.Save(And(WebsiteCart));
        var point = contactPoint is null ? string.Empty : $$""", "contact_point": "{{contactPoint}}" """;
        var order = $$"""{"currency": "RUB", "channel": "{{channel}}"{{point}}, "amount": 5000, "items": [{"product_id": "P-1", "quantity": 1, "price": 5000}]}""";

        Assert.Equal(expected, fixture.Matches(segment, order));
    }

    [Theory]
    [InlineData("website", "cart", """[{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 1}, {"product_id": "P-3", "quantity": 1}]""", true)]
    [InlineData("website", "cart", """[{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 1}, {"product_id": "P-3", "quantity": 1}, {"product_id": "P-4", "quantity": 9}]""", true)]
    [InlineData("website", "cart", """[{"product_id": "P-1", "quantity": 1}, {"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 5}]""", false)]
    [InlineData("website", "cart", """[]""", false)]
    [InlineData("website", "one_click", """[{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 1}, {"product_id": "P-3", "quantity": 1}]""", false)]
    [InlineData("retail", "store_1", """[{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 1}, {"product_id": "P-3", "quantity": 1}]""", false)]
    public void Evaluate_WebsiteCartWithThreeDifferentProducts_NeedsBoth(string channel, string contactPoint, string items, bool expected)
    {
        var segment = fixture.Save(And(WebsiteCart, ThreeDifferentProducts));
        var order = $$"""{"currency": "RUB", "channel": "{{channel}}", "contact_point": "{{contactPoint}}", "items": {{items}}}""";

        Assert.Equal(expected, fixture.Matches(segment, order));
    }

    [Theory]
    [InlineData("\"Moscow\"", "100", true)]
    [InlineData("\"Kazan\"", "6000", true)]
    [InlineData("null", "5000", true)]
    [InlineData("\"Moscow\"", "10000", true)]
    [InlineData("\"Kazan\"", "4999.99", false)]
    [InlineData("null", "100", false)]
    public void Evaluate_OrGroup_NeedsEither(string region, string amount, bool expected)
    {
        var segment = fixture.Save(Or(Condition("order.region", """{"operator": "in_list", "values": ["moscow"]}"""), CostAtLeast5000));
        var order = $$"""{"currency": "RUB", "channel": "website", "region": {{region}}, "amount": {{amount}}}""";

        Assert.Equal(expected, fixture.Matches(segment, order));
    }

    // Online, and (product P-1 or at least 100 USD), and not in Kazan.
    [Theory]
    [InlineData("website", "P-1", "RUB", "1000", "\"Moscow\"", true)]
    [InlineData("website", "P-2", "RUB", "9000", "\"Moscow\"", true)]
    [InlineData("website", "P-2", "RUB", "8999", "\"Moscow\"", false)]
    [InlineData("mobile_app", "P-2", "USD", "100", "null", true)]
    [InlineData("mobile_app", "p-1", "RUB", "1", "\"Omsk\"", true)]
    [InlineData("mobile_app", "P-1", "RUB", "1000", "\"KAZAN\"", false)]
    [InlineData("retail", "P-1", "RUB", "20000", "\"Moscow\"", false)]
    [InlineData("phone", "P-1", "RUB", "20000", "\"Moscow\"", false)]
    public void Evaluate_NestedOrInsideAnd_MatchesExpectedOrders(string channel, string product, string currency, string amount, string region, bool expected)
    {
        var segment = fixture.Save(And(
            Condition("order.sales_channel_type", """{"operator": "equals", "value": "online"}"""),
            Or(
                Condition("order.products", """{"operator": "in_list", "values": ["P-1"]}"""),
                Condition("order.cost", """{"operator": "greater_or_equal", "value": 100, "currency": "USD"}""")),
            Condition("order.region", """{"operator": "not_in_list", "values": ["Kazan"]}""")));
        var order = $$"""{"currency": "{{currency}}", "channel": "{{channel}}", "region": {{region}}, "amount": {{amount}}, "items": [{"product_id": "{{product}}", "quantity": 1}]}""";

        Assert.Equal(expected, fixture.Matches(segment, order));
    }

    // Website cart with at least 2 goods in total, or a retail order of at least 5000 RUB.
    [Theory]
    [InlineData("website", "cart", 3, "100", true)]
    [InlineData("website", "cart", 2, "100", true)]
    [InlineData("website", "cart", 1, "100000", false)]
    [InlineData("website", "one_click", 5, "100", false)]
    [InlineData("retail", "store_1", 1, "5000", true)]
    [InlineData("retail", "store_1", 9, "4999", false)]
    [InlineData("mobile_app", "app", 9, "9000", false)]
    public void Evaluate_AndGroupsInsideOr_MatchesExpectedOrders(string channel, string contactPoint, long quantity, string amount, bool expected)
    {
        var segment = fixture.Save(Or(
            And(WebsiteCart, Condition("order.goods_count", """{"method": "total", "operator": "greater_or_equal", "value": 2}""")),
            And(Condition("order.sales_channel_type", """{"operator": "equals", "value": "retail"}"""), CostAtLeast5000)));
        var order = $$"""{"currency": "RUB", "channel": "{{channel}}", "contact_point": "{{contactPoint}}", "amount": {{amount}}, "items": [{"product_id": "P-1", "quantity": {{quantity}}}]}""";

        Assert.Equal(expected, fixture.Matches(segment, order));
    }

    [Fact]
    public void Evaluate_WithExplainOnMatchingOrder_ReportsEveryNode()
    {
        var segment = fixture.Save(And(WebsiteCart, Or(ThreeDifferentProducts, CostAtLeast5000), RegionGiven));
        const string order = """{"currency": "RUB", "channel": "website", "contact_point": "cart", "region": "Moscow", "amount": 6000, "items": [{"product_id": "P-1", "quantity": 1}]}""";

        var result = fixture.Engine.Evaluate(segment, order, explain: true);

        Assert.True(result.Matched);
        var root = Assert.IsType<NodeOutcome>(result.Explanation);
        Assert.Equal(
            [
                ("rules", true),
                ("rules.items[0]", true),
                ("rules.items[1]", true),
                ("rules.items[1].items[0]", false),
                ("rules.items[1].items[1]", true),
                ("rules.items[2]", true),
            ],
            Flatten(root));
        var text = result.Describe();
        Assert.StartsWith("MATCHED", text, StringComparison.Ordinal);
        Assert.Contains("[held]     rules.items[0]: the order was placed through one of \"website/cart\"", text, StringComparison.Ordinal);
        Assert.Contains("[not held] rules.items[1].items[0]: the number of different products is at least 3", text, StringComparison.Ordinal);
        Assert.Contains("[held]     rules.items[1].items[1]: order cost is at least 5000 RUB", text, StringComparison.Ordinal);
        Assert.Contains("[held]     rules.items[2]: region is not empty", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WithExplainOnFailingOrder_EvaluatesConditionsAfterTheFirstFailure()
    {
        var segment = fixture.Save(And(WebsiteCart, Or(ThreeDifferentProducts, CostAtLeast5000), RegionGiven));
        const string order = """{"currency": "RUB", "channel": "retail", "contact_point": "store_1", "amount": 6000, "items": [{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 1}, {"product_id": "P-3", "quantity": 1}]}""";

        var result = fixture.Engine.Evaluate(segment, order, explain: true);

        Assert.False(result.Matched);
        Assert.Equal(
            [
                ("rules", false),
                ("rules.items[0]", false),
                ("rules.items[1]", true),
                ("rules.items[1].items[0]", true),
                ("rules.items[1].items[1]", true),
                ("rules.items[2]", false),
            ],
            Flatten(result.Explanation!));
        var text = result.Describe();
        Assert.StartsWith("NOT MATCHED", text, StringComparison.Ordinal);
        foreach (var path in new[] { "rules.items[0]:", "rules.items[1]:", "rules.items[1].items[0]:", "rules.items[1].items[1]:", "rules.items[2]:" })
        {
            Assert.Contains(path, text, StringComparison.Ordinal);
        }

        Assert.Contains("[not held] rules.items[0]:", text, StringComparison.Ordinal);
        Assert.Contains("[held]     rules.items[1].items[0]: the number of different products is at least 3", text, StringComparison.Ordinal);
        Assert.Contains("[not held] rules.items[2]: region is not empty", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"currency": "RUB", "channel": "website", "contact_point": "cart", "region": "Moscow", "amount": 6000, "items": []}""")]
    [InlineData("""{"currency": "RUB", "channel": "website", "contact_point": "cart", "amount": 6000, "items": []}""")]
    [InlineData("""{"currency": "USD", "channel": "website", "contact_point": "cart", "region": "Omsk", "amount": 10, "items": [{"product_id": "A", "quantity": 1}, {"product_id": "B", "quantity": 1}, {"product_id": "C", "quantity": 1}]}""")]
    [InlineData("""{"currency": "RUB", "channel": "mobile_app", "region": "Moscow", "amount": 1}""")]
    public void Evaluate_WithAndWithoutExplain_GiveTheSameAnswer(string order)
    {
        var segment = fixture.Save(And(WebsiteCart, Or(ThreeDifferentProducts, CostAtLeast5000), RegionGiven));

        var plain = fixture.Engine.Evaluate(segment, order);
        var explained = fixture.Engine.Evaluate(segment, order, explain: true);

        Assert.Null(plain.Explanation);
        Assert.Equal(plain.Matched, explained.Matched);
        Assert.Equal(explained.Matched, explained.Explanation!.Held);
    }

    [Fact]
    public void Evaluate_WithExplainOnOneCondition_DescribesTheComparison()
    {
        var segment = fixture.Save(And(
            Condition("order.shipping_cost", """{"operator": "in_range", "min": 1, "max": 5, "currency": "USD"}"""),
            Condition("order.goods_count", """{"method": "every_item", "operator": "less", "value": 10}""")));
        const string order = """{"currency": "RUB", "channel": "website", "shipping_cost": 450, "items": [{"product_id": "P-1", "quantity": 12}]}""";

        var result = fixture.Engine.Evaluate(segment, order, explain: true);

        Assert.False(result.Matched);
        Assert.Equal([true, false], result.Explanation!.Items.Select(i => i.Held));
        Assert.Contains("[held]     rules.items[0]: shipping cost is between 1 USD and 5 USD (inclusive)", result.Describe(), StringComparison.Ordinal);
        Assert.Contains("[not held] rules.items[1]: ", result.Describe(), StringComparison.Ordinal);
    }

    private static List<(string Path, bool Held)> Flatten(NodeOutcome node)
    {
        var list = new List<(string, bool)> { (node.Path, node.Held) };
        foreach (var item in node.Items)
        {
            list.AddRange(Flatten(item));
        }

        return list;
    }
}
