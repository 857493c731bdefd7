using static RulePlugins.Plugins.Market.Tests.OrderSegmentRules;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// Order segments on the items of an order: "Contains products" (<c>order.products</c>), "Contains SKU"
/// (<c>order.skus</c>) and "Number of goods in order" (<c>order.goods_count</c>) with every method and comparison.
/// </summary>
public sealed class OrderSegmentItemsTests(OrderSegmentFixture fixture) : IClassFixture<OrderSegmentFixture>
{
    // Product ids and SKUs cross each other (a product "S-1", a SKU "P-1"), so reading the wrong column changes the answer.
    private static readonly Dictionary<string, string> ContentOrders = new()
    {
        ["p1"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "sku": "X-1", "quantity": 1}]}""",
        ["p2-lower"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-3", "sku": "X-3", "quantity": 1}, {"product_id": "p-2", "sku": "X-2", "quantity": 1}]}""",
        ["p3"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-3", "sku": "X-3", "quantity": 2}]}""",
        ["s1"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "Y-1", "sku": "S-1", "quantity": 1}]}""",
        ["s2-lower"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "Y-3", "sku": "s-2", "quantity": 1}]}""",
        ["crossed"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "S-1", "sku": "P-1", "quantity": 1}]}""",
        ["no-sku"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "Y-4", "quantity": 1}]}""",
        ["empty-items"] = """{"currency": "RUB", "channel": "website", "items": []}""",
        ["no-items"] = """{"currency": "RUB", "channel": "website"}""",
    };

    // Quantities per order; the answers below follow from them:
    //   mixed   P-1 x1, P-2 x3, P-3 x5   any/every {1, 3, 5}  total 9   distinct 3
    //   twin    P-1 x2, P-1 x2           any/every {2}        total 4   distinct 1 (one product on two lines)
    //   single  P-7 x3                   any/every {3}        total 3   distinct 1
    //   pair    P-1 x3, P-2 x3           any/every {3}        total 6   distinct 2
    //   big     P-4 x4, P-5 x6           any/every {4, 6}     total 10  distinct 2
    //   empty   no items                 none                 total 0   distinct 0
    private static readonly Dictionary<string, string> GoodsOrders = new()
    {
        ["mixed"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 3}, {"product_id": "P-3", "quantity": 5}]}""",
        ["twin"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "sku": "A", "quantity": 2}, {"product_id": "P-1", "sku": "B", "quantity": 2}]}""",
        ["single"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-7", "quantity": 3}]}""",
        ["pair"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 3}, {"product_id": "P-2", "quantity": 3}]}""",
        ["big"] = """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-4", "quantity": 4}, {"product_id": "P-5", "quantity": 6}]}""",
        ["empty"] = """{"currency": "RUB", "channel": "website", "items": []}""",
    };

    public static TheoryData<string, string[]> ProductCases() => new()
    {
        { """{"operator": "in_list", "values": ["P-1", "P-2"]}""", ["p1", "p2-lower"] },
        { """{"operator": "in_list", "values": ["p-1"]}""", ["p1"] },
        { """{"operator": "in_list", "values": ["Z-9"]}""", [] },
        { """{"operator": "not_in_list", "values": ["P-1", "P-2"]}""", ["p3", "s1", "s2-lower", "crossed", "no-sku", "empty-items", "no-items"] },
        { """{"operator": "not_in_list", "values": ["Z-9"]}""", [.. ContentOrders.Keys] },
    };

    public static TheoryData<string, string[]> SkuCases() => new()
    {
        { """{"operator": "in_list", "values": ["S-1", "S-2"]}""", ["s1", "s2-lower"] },
        { """{"operator": "in_list", "values": ["p-1"]}""", ["crossed"] },
        { """{"operator": "in_list", "values": ["Z-9"]}""", [] },
        { """{"operator": "not_in_list", "values": ["S-1", "S-2"]}""", ["p1", "p2-lower", "p3", "crossed", "no-sku", "empty-items", "no-items"] },
        { """{"operator": "not_in_list", "values": ["Z-9"]}""", [.. ContentOrders.Keys] },
    };

    public static TheoryData<string, string[]> GoodsCases() => new()
    {
        // In any position: at least one line item satisfies the comparison with 3 (range 3..4).
        { """{"method": "any_item", "operator": "equals", "value": 3}""", ["mixed", "single", "pair"] },
        { """{"method": "any_item", "operator": "not_equals", "value": 3}""", ["mixed", "twin", "big"] },
        { """{"method": "any_item", "operator": "greater", "value": 3}""", ["mixed", "big"] },
        { """{"method": "any_item", "operator": "less", "value": 3}""", ["mixed", "twin"] },
        { """{"method": "any_item", "operator": "greater_or_equal", "value": 3}""", ["mixed", "single", "pair", "big"] },
        { """{"method": "any_item", "operator": "less_or_equal", "value": 3}""", ["mixed", "twin", "single", "pair"] },
        { """{"method": "any_item", "operator": "in_range", "min": 3, "max": 4}""", ["mixed", "single", "pair", "big"] },
        { """{"method": "any_item", "operator": "in_range", "min": 5, "max": 6}""", ["mixed", "big"] },

        // Total positions: the quantities added up (mixed 9, twin 4, single 3, pair 6, big 10, empty 0).
        { """{"method": "total", "operator": "equals", "value": 3}""", ["single"] },
        { """{"method": "total", "operator": "not_equals", "value": 3}""", ["mixed", "twin", "pair", "big", "empty"] },
        { """{"method": "total", "operator": "greater", "value": 3}""", ["mixed", "twin", "pair", "big"] },
        { """{"method": "total", "operator": "less", "value": 3}""", ["empty"] },
        { """{"method": "total", "operator": "greater_or_equal", "value": 3}""", ["mixed", "twin", "single", "pair", "big"] },
        { """{"method": "total", "operator": "less_or_equal", "value": 3}""", ["single", "empty"] },
        { """{"method": "total", "operator": "in_range", "min": 3, "max": 4}""", ["twin", "single"] },
        { """{"method": "total", "operator": "in_range", "min": 6, "max": 9}""", ["mixed", "pair"] },
        { """{"method": "total", "operator": "equals", "value": 0}""", ["empty"] },

        // In every position: each line item satisfies it; an order without items never does.
        { """{"method": "every_item", "operator": "equals", "value": 3}""", ["single", "pair"] },
        { """{"method": "every_item", "operator": "not_equals", "value": 3}""", ["twin", "big"] },
        { """{"method": "every_item", "operator": "greater", "value": 3}""", ["big"] },
        { """{"method": "every_item", "operator": "less", "value": 3}""", ["twin"] },
        { """{"method": "every_item", "operator": "greater_or_equal", "value": 3}""", ["single", "pair", "big"] },
        { """{"method": "every_item", "operator": "less_or_equal", "value": 3}""", ["twin", "single", "pair"] },
        { """{"method": "every_item", "operator": "in_range", "min": 3, "max": 4}""", ["single", "pair"] },
        { """{"method": "every_item", "operator": "in_range", "min": 1, "max": 5}""", ["mixed", "twin", "single", "pair"] },
        { """{"method": "every_item", "operator": "greater_or_equal", "value": 0}""", ["mixed", "twin", "single", "pair", "big"] },

        // Different items in order: distinct products (mixed 3, twin 1, single 1, pair 2, big 2, empty 0).
        { """{"method": "distinct_products", "operator": "equals", "value": 2}""", ["pair", "big"] },
        { """{"method": "distinct_products", "operator": "not_equals", "value": 2}""", ["mixed", "twin", "single", "empty"] },
        { """{"method": "distinct_products", "operator": "greater", "value": 2}""", ["mixed"] },
        { """{"method": "distinct_products", "operator": "less", "value": 2}""", ["twin", "single", "empty"] },
        { """{"method": "distinct_products", "operator": "greater_or_equal", "value": 2}""", ["mixed", "pair", "big"] },
        { """{"method": "distinct_products", "operator": "less_or_equal", "value": 2}""", ["twin", "single", "pair", "big", "empty"] },
        { """{"method": "distinct_products", "operator": "in_range", "min": 2, "max": 3}""", ["mixed", "pair", "big"] },
        { """{"method": "distinct_products", "operator": "equals", "value": 1}""", ["twin", "single"] },
    };

    [Theory]
    [MemberData(nameof(ProductCases))]
    public void Evaluate_ContainsProducts_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.products", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, ContentOrders));
    }

    [Theory]
    [MemberData(nameof(SkuCases))]
    public void Evaluate_ContainsSku_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.skus", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, ContentOrders));
    }

    [Theory]
    [MemberData(nameof(GoodsCases))]
    public void Evaluate_GoodsCount_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.goods_count", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, GoodsOrders));
    }

    [Theory]
    [InlineData("""[{"product_id": "P-1", "quantity": 1}, {"product_id": "P-1", "quantity": 5}]""", 1)]
    [InlineData("""[{"product_id": "P-1", "quantity": 1}, {"product_id": "p-1", "quantity": 1}]""", 1)]
    [InlineData("""[{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 1}, {"product_id": "P-1", "quantity": 2}]""", 2)]
    [InlineData("""[{"product_id": "P-1", "sku": "S-1", "quantity": 1}, {"product_id": "P-1", "sku": "S-2", "quantity": 1}]""", 1)]
    public void Evaluate_DistinctProducts_CountsAProductOnSeveralLinesOnce(string items, long distinct)
    {
        var order = $$"""{"currency": "RUB", "channel": "website", "items": {{items}}}""";
        var equal = fixture.SaveCondition("order.goods_count", $$"""{"method": "distinct_products", "operator": "equals", "value": {{distinct}}}""");
        var above = fixture.SaveCondition("order.goods_count", $$"""{"method": "distinct_products", "operator": "greater", "value": {{distinct}}}""");

        Assert.True(fixture.Matches(equal, order));
        Assert.False(fixture.Matches(above, order));
    }

    [Theory]
    [InlineData("""{"currency": "RUB", "channel": "website", "items": []}""")]
    [InlineData("""{"currency": "RUB", "channel": "website"}""")]
    [InlineData("""{"currency": "RUB", "channel": "website", "items": null}""")]
    public void Evaluate_EveryItemOnOrderWithoutItems_DoesNotMatch(string order)
    {
        // Every comparison a vacuous "all of none" would satisfy.
        foreach (var parameters in new[]
        {
            """{"method": "every_item", "operator": "greater_or_equal", "value": 0}""",
            """{"method": "every_item", "operator": "less_or_equal", "value": 1000}""",
            """{"method": "every_item", "operator": "not_equals", "value": 1}""",
            """{"method": "every_item", "operator": "in_range", "min": 0, "max": 1000}""",
        })
        {
            Assert.False(fixture.Matches(fixture.SaveCondition("order.goods_count", parameters), order), parameters);
        }
    }

    [Theory]
    [InlineData("""{"method": "any_item", "operator": "greater_or_equal", "value": 0}""")]
    [InlineData("""{"method": "any_item", "operator": "not_equals", "value": 1}""")]
    public void Evaluate_AnyItemOnOrderWithoutItems_DoesNotMatch(string parameters)
    {
        Assert.False(fixture.Matches(fixture.SaveCondition("order.goods_count", parameters), """{"currency": "RUB", "channel": "website", "items": []}"""));
    }
}
