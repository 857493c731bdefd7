using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Plugins.Goals.Runtime;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// The parsed view of pixel_data: each kind read as itself and unknown as any other, keys exactly as sent, malformed
/// text giving no key without throwing, and the row parsing once when its property is set.
/// </summary>
public sealed class PixelDataTests
{
    private const string Full = """{"plan": "gold", "seats": 5, "price": 12.5, "trial_ends": "2026-03-01T10:00:00+03:00", "newsletter": true, "nested": {"a": 1}, "list": [1, 2], "nothing": null, "huge": 1e400, "five": "5"}""";

    [Fact]
    public void Parse_EveryKind_ReadsEachAsItselfAndUnknownAsAnotherKind()
    {
        var data = PixelData.Parse(Full);

        Assert.Equal("gold", data.String("plan"));
        Assert.Null(data.Number("plan"));
        Assert.Null(data.Date("plan"));
        Assert.Null(data.Boolean("plan"));
        Assert.Equal(5m, data.Number("seats"));
        Assert.Null(data.String("seats"));
        Assert.Equal(12.5m, data.Number("price"));
        Assert.True(data.Boolean("newsletter"));
        Assert.Null(data.String("newsletter"));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), data.Date("trial_ends"));
        Assert.Equal("2026-03-01T10:00:00+03:00", data.String("trial_ends"));
        Assert.Equal("5", data.String("five"));
        Assert.Null(data.Number("five"));
    }

    [Fact]
    public void Parse_ObjectArrayNullOrOutOfRangeValue_HasNoValue()
    {
        var data = PixelData.Parse(Full);

        foreach (var key in new[] { "nested", "list", "nothing", "huge", "a", "missing" })
        {
            Assert.Null(data.KindOf(key));
            Assert.Null(data.String(key));
            Assert.Null(data.Number(key));
        }

        Assert.Equal(["plan", "seats", "price", "trial_ends", "newsletter", "five"], data.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"plan\": \"gold\"")]
    [InlineData("{\"plan\": \"gold\",}")]
    [InlineData("{\"plan\": \"gold\"} trailing")]
    [InlineData("{\"plan\": \"gold\"} {\"seats\": 1}")]
    [InlineData("[\"gold\", 5]")]
    [InlineData("\"gold\"")]
    [InlineData("null")]
    [InlineData("5")]
    [InlineData("{plan: 'gold'}")]
    [InlineData("{\"plan\": \"gold\" /* comment */}")]
    public void Parse_NotAJsonObject_HasNoKeysAndDoesNotThrow(string? text)
    {
        var data = PixelData.Parse(text);

        Assert.Equal(0, data.Count);
        Assert.Null(data.String("plan"));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01T00:00:00Z")]
    [InlineData("2026-03-01T10:30:00Z", "2026-03-01T10:30:00Z")]
    [InlineData("2026-03-01T10:30:00.250Z", "2026-03-01T10:30:00.25Z")]
    [InlineData("2026-03-01T10:30:00", "2026-03-01T10:30:00Z")]
    [InlineData("2026-03-01T10:30", "2026-03-01T10:30:00Z")]
    public void Date_Iso8601DateOrDateTime_IsAnInstantInUtc(string text, string expected)
    {
        var data = PixelData.Parse($$"""{"d": "{{text}}"}""");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), data.Date("d"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("2026-02-30")]
    [InlineData("01.03.2026")]
    [InlineData("2026-03-01 10:00")]
    [InlineData(" 2026-03-01")]
    public void Date_StringThatIsNotIso8601_IsUnknownButStillAString(string text)
    {
        var data = PixelData.Parse($$"""{"d": "{{text}}"}""");

        Assert.Null(data.Date("d"));
        Assert.Equal(text, data.String("d"));
    }

    [Fact]
    public void Parse_KeysDifferingInCaseOrRepeated_MatchExactlyAndTheFirstCounts()
    {
        var data = PixelData.Parse("""{"Plan": "gold", "plan": "free", "plan": "silver"}""");

        Assert.Equal("gold", data.String("Plan"));
        Assert.Equal("free", data.String("plan"));
        Assert.Null(data.String("PLAN"));
    }

    [Fact]
    public void Parse_ManyDifferentKeysAcrossRows_EachRowReadsItsOwnKeys()
    {
        // More distinct keys than the parser remembers between rows, in and out of order.
        var rows = Enumerable.Range(0, 40).Select(i => PixelData.Parse($$"""{"k{{i}}": {{i}}, "k{{(i + 7) % 40}}": "v{{i}}", "plan": "p{{i}}"}""")).ToList();

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(i, rows[i].Number($"k{i}"));
            Assert.Equal($"v{i}", rows[i].String($"k{(i + 7) % 40}"));
            Assert.Equal($"p{i}", rows[i].String("plan"));
            Assert.Null(rows[i].Number($"k{(i + 1) % 40}"));
            Assert.Equal(3, rows[i].Count);
        }
    }

    [Fact]
    public void PixelDataProperty_Set_ParsesOnceIntoTheTypedViewAndKeepsTheText()
    {
        var row = new GoalAchievementRow();
        Assert.Equal(0, row.Data.Count);

        row.PixelData = """{"seats": 3}""";

        Assert.Equal(3m, row.Data.Number("seats"));
        Assert.Equal("""{"seats": 3}""", row.PixelData);
        Assert.Same(row.Data, row.Data);
        row.PixelData = "{broken";
        Assert.Equal(0, row.Data.Count);
    }
}
