using static RulePlugins.Plugins.Market.Tests.OrderSegmentRules;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// Where an order was placed: "Order region" (<c>order.region</c>), "Sales channels" (<c>order.sales_channels</c>)
/// and "Sales channel type" (<c>order.sales_channel_type</c>). The reference data knows website (cart, one_click),
/// mobile_app (app) as online and retail (store_1) as retail.
/// </summary>
public sealed class OrderSegmentPlacementTests(OrderSegmentFixture fixture) : IClassFixture<OrderSegmentFixture>
{
    private static readonly Dictionary<string, string> RegionOrders = new()
    {
        ["Moscow"] = """{"currency": "RUB", "channel": "website", "region": "Moscow"}""",
        ["MOSCOW"] = """{"currency": "RUB", "channel": "website", "region": "MOSCOW"}""",
        ["moscow oblast"] = """{"currency": "RUB", "channel": "website", "region": "moscow oblast"}""",
        ["Kazan"] = """{"currency": "RUB", "channel": "website", "region": "Kazan"}""",
        ["Москва"] = """{"currency": "RUB", "channel": "website", "region": "Москва"}""",
        ["absent"] = """{"currency": "RUB", "channel": "website"}""",
        ["null"] = """{"currency": "RUB", "channel": "website", "region": null}""",
        ["empty"] = """{"currency": "RUB", "channel": "website", "region": ""}""",
        ["blank"] = """{"currency": "RUB", "channel": "website", "region": "   "}""",
    };

    private static readonly string[] NoRegion = ["absent", "null", "empty", "blank"];

    // The contact point "cart" also exists on mobile_app here, so "website/cart" must check the channel too.
    private static readonly Dictionary<string, string> ChannelOrders = new()
    {
        ["website/cart"] = """{"currency": "RUB", "channel": "website", "contact_point": "cart"}""",
        ["WEBSITE/CART"] = """{"currency": "RUB", "channel": "WEBSITE", "contact_point": "CART"}""",
        ["website/one_click"] = """{"currency": "RUB", "channel": "website", "contact_point": "one_click"}""",
        ["website"] = """{"currency": "RUB", "channel": "website"}""",
        ["mobile_app/app"] = """{"currency": "RUB", "channel": "mobile_app", "contact_point": "app"}""",
        ["mobile_app/cart"] = """{"currency": "RUB", "channel": "mobile_app", "contact_point": "cart"}""",
        ["retail/store_1"] = """{"currency": "RUB", "channel": "retail", "contact_point": "store_1"}""",
        ["phone/call"] = """{"currency": "RUB", "channel": "phone", "contact_point": "call"}""",
    };

    // "phone" is not in market_sales_channels: it has no type.
    private static readonly Dictionary<string, string> TypeOrders = new()
    {
        ["website/cart"] = """{"currency": "RUB", "channel": "website", "contact_point": "cart"}""",
        ["website"] = """{"currency": "RUB", "channel": "website"}""",
        ["mobile_app/app"] = """{"currency": "RUB", "channel": "mobile_app", "contact_point": "app"}""",
        ["retail/store_1"] = """{"currency": "RUB", "channel": "retail", "contact_point": "store_1"}""",
        ["RETAIL"] = """{"currency": "RUB", "channel": "RETAIL"}""",
        ["phone/call"] = """{"currency": "RUB", "channel": "phone", "contact_point": "call"}""",
    };

    public static TheoryData<string, string[]> RegionCases() => new()
    {
        { """{"operator": "is_empty"}""", NoRegion },
        { """{"operator": "is_not_empty"}""", ["Moscow", "MOSCOW", "moscow oblast", "Kazan", "Москва"] },
        { """{"operator": "equals", "value": "moscow"}""", ["Moscow", "MOSCOW"] },
        { """{"operator": "equals", "value": "москва"}""", ["Москва"] },
        { """{"operator": "equals", "value": "Paris"}""", [] },
        { """{"operator": "not_equals", "value": "moscow"}""", ["moscow oblast", "Kazan", "Москва", .. NoRegion] },
        { """{"operator": "in_list", "values": ["MOSCOW", "kazan"]}""", ["Moscow", "MOSCOW", "Kazan"] },
        { """{"operator": "not_in_list", "values": ["MOSCOW", "kazan"]}""", ["moscow oblast", "Москва", .. NoRegion] },
        { """{"operator": "not_in_list", "values": ["Paris"]}""", [.. RegionOrders.Keys] },
    };

    public static TheoryData<string, string[]> ChannelCases() => new()
    {
        { """{"operator": "in_list", "values": ["website"]}""", ["website/cart", "WEBSITE/CART", "website/one_click", "website"] },
        { """{"operator": "not_in_list", "values": ["website"]}""", ["mobile_app/app", "mobile_app/cart", "retail/store_1", "phone/call"] },
        { """{"operator": "in_list", "values": ["website/cart"]}""", ["website/cart", "WEBSITE/CART"] },
        { """{"operator": "not_in_list", "values": ["website/cart"]}""", ["website/one_click", "website", "mobile_app/app", "mobile_app/cart", "retail/store_1", "phone/call"] },
        { """{"operator": "in_list", "values": ["Website/Cart", "retail"]}""", ["website/cart", "WEBSITE/CART", "retail/store_1"] },
        { """{"operator": "not_in_list", "values": ["website/cart", "retail"]}""", ["website/one_click", "website", "mobile_app/app", "mobile_app/cart", "phone/call"] },
        { """{"operator": "in_list", "values": ["website/cart", "website/one_click"]}""", ["website/cart", "WEBSITE/CART", "website/one_click"] },
        { """{"operator": "in_list", "values": ["website/cart", "website"]}""", ["website/cart", "WEBSITE/CART", "website/one_click", "website"] },
    };

    public static TheoryData<string, string[]> TypeCases() => new()
    {
        { """{"operator": "equals", "value": "online"}""", ["website/cart", "website", "mobile_app/app"] },
        { """{"operator": "equals", "value": "retail"}""", ["retail/store_1", "RETAIL"] },
        { """{"operator": "not_equals", "value": "online"}""", ["retail/store_1", "RETAIL", "phone/call"] },
        { """{"operator": "not_equals", "value": "retail"}""", ["website/cart", "website", "mobile_app/app", "phone/call"] },
    };

    [Theory]
    [MemberData(nameof(RegionCases))]
    public void Evaluate_Region_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.region", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, RegionOrders));
    }

    [Theory]
    [MemberData(nameof(ChannelCases))]
    public void Evaluate_SalesChannels_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.sales_channels", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, ChannelOrders));
    }

    [Theory]
    [MemberData(nameof(TypeCases))]
    public void Evaluate_SalesChannelType_MatchesExpectedOrders(string parameters, string[] expected)
    {
        var segment = fixture.SaveCondition("order.sales_channel_type", parameters);

        Assert.Equal(Sorted(expected), fixture.Matching(segment, TypeOrders));
    }
}
