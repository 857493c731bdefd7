using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// Each sub-condition (facet) of <c>goals.complex</c> alone, on four profiles with one achievement each (a full one, one
/// with other values in another case and with spaces and wrong pixel_data kinds, an empty one, one with broken
/// pixel_data) and one without achievements; then sub-conditions combined, which must hold on the same achievement.
/// Every check also runs the kit's column check (every column loaded must give the same answer).
/// </summary>
public sealed class FacetTests : IDisposable
{
    private static readonly DateTimeOffset TrialEnds = new(2026, 6, 13, 10, 0, 0, TimeSpan.Zero);
    private readonly PluginTestBed _bed = Create();

    public FacetTests()
    {
        var now = _bed.NowMs();
        _bed.AddProfiles(1, 2, 3, 4, 5);
        _bed.Achieve(1, new GoalAchievementRow
        {
            GoalId = "signup", PixelId = "site-main", AchievedAt = now - Day, Cost = 100, Referrer = "https://www.Google.com/search?q=shoes",
            Origin = "https://shop.example.com", UtmSource = "email", UtmMedium = "newsletter", UtmCampaign = "spring_sale", UtmTerm = "shoes",
            UtmContent = "banner_a", Browser = "Chrome", Os = "Android", DeviceType = "mobile", Country = "Russia", City = "Moscow",
            MessageId = "msg-1", PromoCode = "SPRING10", OrderId = "ORD-1", OrderAmount = 5000,
            PixelData = """{"plan": "gold", "seats": 5, "trial_ends": "2026-06-13T10:00:00Z", "newsletter": true}""",
        });
        _bed.Achieve(2, new GoalAchievementRow
        {
            GoalId = "purchase", PixelId = "landing", AchievedAt = now - 2 * Day, Referrer = "https://vk.com/feed", Origin = "https://landing.example.com",
            UtmSource = " EMAIL ", UtmMedium = "cpc", UtmCampaign = "black_friday", Browser = "safari", Os = "iOS", DeviceType = "tablet",
            Country = "Kazakhstan", City = "Almaty",
            PixelData = """{"plan": "silver", "seats": "5", "trial_ends": "soon", "newsletter": "yes"}""",
        });
        _bed.Achieve(3, new GoalAchievementRow { GoalId = "login", AchievedAt = now - 3 * Day });
        _bed.Achieve(4, new GoalAchievementRow { GoalId = "signup", AchievedAt = now - 4 * Day, Cost = 300, PixelData = """{"plan": "gold", "seats": 5""" });
    }

    private static Params Data(string kind, string key, string op, string? valueName = null, object? value = null)
    {
        var parameters = Meets().With("data1_kind", kind).With("data1_key", key).With($"data1_{kind}_operator", op);
        return valueName is null ? parameters : parameters.With($"data1_{kind}_{valueName}", value);
    }

    public static TheoryData<string, string, long[]> Facets() => new()
    {
        { "goal", """{"goal":"signup"}""", [1, 4] },
        { "goal in another case", """{"goal":" SIGNUP "}""", [1, 4] },
        { "pixel", """{"pixel":"landing"}""", [2] },
        { "referrer_contains", """{"referrer_contains":"google.com"}""", [1] },
        { "origin", """{"origin":["https://SHOP.example.com"]}""", [1] },
        { "cost greater", """{"cost_operator":"greater","cost_value":150}""", [4] },
        { "cost not_equals (unknown matches)", """{"cost_operator":"not_equals","cost_value":100}""", [2, 3, 4] },
        { "utm_source", """{"utm_source":["email"]}""", [1, 2] },
        { "utm_medium", """{"utm_medium":["cpc","ppc"]}""", [2] },
        { "utm_campaign", """{"utm_campaign":["BLACK_FRIDAY"]}""", [2] },
        { "utm_term", """{"utm_term":["shoes"]}""", [1] },
        { "utm_content", """{"utm_content":["banner_a"]}""", [1] },
        { "browser", """{"browser":["Safari"]}""", [2] },
        { "os", """{"os":["android","windows"]}""", [1] },
        { "device_type", """{"device_type":["tablet"]}""", [2] },
        { "country", """{"country":["russia"]}""", [1] },
        { "city", """{"city":["almaty"]}""", [2] },
        { "message_id", """{"message_id":["msg-1"]}""", [1] },
        { "promo_code", """{"promo_code":["spring10"]}""", [1] },
        { "order_id", """{"order_id":["ord-1","ORD-2"]}""", [1] },
        { "has_order true", """{"has_order":true}""", [1] },
        { "has_order false", """{"has_order":false}""", [2, 3, 4] },
        { "order_amount", """{"order_amount_operator":"greater_or_equal","order_amount_value":5000}""", [1] },
        { "order_amount not_equals (unknown matches)", """{"order_amount_operator":"not_equals","order_amount_value":5000}""", [2, 3, 4] },
    };

    [Theory]
    [MemberData(nameof(Facets))]
    public void Members_OneFacet_SelectsTheAchievementsItDescribes(string facet, string parameters, long[] expected)
    {
        Assert.NotEmpty(facet);
        _bed.AssertMembers(Complex, Params.Json(parameters).With("operator", "meets"), expected);
    }

    [Theory]
    [MemberData(nameof(Facets))]
    public void Members_OneFacetDoesNotMeet_SelectsEveryOtherProfile(string facet, string parameters, long[] expected)
    {
        Assert.NotEmpty(facet);
        _bed.AssertMembers(Complex, Params.Json(parameters).With("operator", "does_not_meet"), [.. new long[] { 1, 2, 3, 4, 5 }.Except(expected)]);
    }

    [Fact]
    public void Members_PixelDataString_UnknownForMissingKeyWrongKindOrBrokenJson()
    {
        _bed.AssertMembers(Complex, Data("string", "plan", "equals", "value", "GOLD"), 1);
        // Profile 4's pixel_data is broken JSON: it has no keys, so its plan is unknown (empty).
        _bed.AssertMembers(Complex, Data("string", "plan", "not_equals", "value", "gold"), 2, 3, 4);
        _bed.AssertMembers(Complex, Data("string", "plan", "is_empty"), 3, 4);
        _bed.AssertMembers(Complex, Data("string", "plan", "in_list", "values", new[] { "silver", "platinum" }), 2);
        // A number is not a string: seats is 5 for profile 1, "5" (a string) for profile 2.
        _bed.AssertMembers(Complex, Data("string", "seats", "equals", "value", "5"), 2);
    }

    [Fact]
    public void Members_PixelDataNumber_AStringFiveIsNotANumber()
    {
        _bed.AssertMembers(Complex, Data("number", "seats", "equals", "value", 5), 1);
        _bed.AssertMembers(Complex, Data("number", "seats", "not_equals", "value", 5), 2, 3, 4);
        _bed.AssertMembers(Complex, Data("number", "plan", "greater", "value", 0));
        _bed.AssertMembers(Complex, Data("number", "seats", "in_range").With("data1_number_min", 1).With("data1_number_max", 9), 1);
    }

    [Fact]
    public void Members_PixelDataDate_ComparesByUtcDayAndAgainstNow()
    {
        _bed.AssertMembers(Complex, Data("date", "trial_ends", "equals", "value", "2026-06-13"), 1);
        _bed.AssertMembers(Complex, Data("date", "trial_ends", "not_equals", "value", "2026-06-13"), 2, 3, 4);
        // Two days and two hours before the bed's now: in the last 3 days, not in the last 2, more than 2 days ago.
        _bed.AssertMembers(Complex, Data("date", "trial_ends", "in_last_days", "days", 3), 1);
        _bed.AssertMembers(Complex, Data("date", "trial_ends", "in_last_days", "days", 2));
        _bed.AssertMembers(Complex, Data("date", "trial_ends", "more_than_days_ago", "days", 2), 1);
        // "soon" is a string, not a date; and a date is also a string.
        _bed.AssertMembers(Complex, Data("date", "trial_ends", "less", "value", "2100-01-01"), 1);
        _bed.AssertMembers(Complex, Data("string", "trial_ends", "starts_with", "value", "2026-06-13T"), 1);
        Assert.Equal(TrialEnds.ToUnixTimeMilliseconds(), _bed.NowMs() - 2 * Day - 2 * 3_600_000);
    }

    [Fact]
    public void Members_PixelDataBoolean_AStringYesIsNotABoolean()
    {
        _bed.AssertMembers(Complex, Data("boolean", "newsletter", "equals", "value", true), 1);
        _bed.AssertMembers(Complex, Data("boolean", "newsletter", "equals", "value", false));
        _bed.AssertMembers(Complex, Data("boolean", "newsletter", "not_equals", "value", true), 2, 3, 4);
    }

    [Fact]
    public void Members_ThreePixelDataSlots_AllHoldOnTheAchievement()
    {
        var parameters = Data("string", "plan", "equals", "value", "gold")
            .With("data2_kind", "number").With("data2_key", "seats").With("data2_number_operator", "greater").With("data2_number_value", 4)
            .With("data3_kind", "boolean").With("data3_key", "newsletter").With("data3_boolean_operator", "equals").With("data3_boolean_value", true);

        _bed.AssertMembers(Complex, parameters, 1);
        _bed.AssertMembers(Complex, parameters.With("data3_boolean_value", false));
    }

    [Fact]
    public void Members_MalformedPixelData_RecalculatesWithoutErrors()
    {
        var saved = _bed.Engine.Save(Documents.Single("malformed", Complex, Data("number", "seats", "not_equals", "value", 5).ToObject()));
        _bed.Engine.Recalculate(saved.Id);

        Assert.Equal("ready", _bed.Engine.Find(saved.Id)!.Status);
        Assert.Equal([2L, 3L, 4L], _bed.Engine.Members(saved.Id));
    }

    public void Dispose() => _bed.Dispose();
}
