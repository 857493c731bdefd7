using RulePlugins.Plugins.Weblayers.Conditions;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>How popup and form conditions read in words and in the generated source, and what the catalogue says of the types.</summary>
public sealed class DescriptionTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    private static ConditionArguments Arguments(Params parameters) =>
        new(parameters.ToObject().ToDictionary(p => p.Key, p => p.Value switch
        {
            string s when DateOnly.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var day) => (object)new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            int i => (long)i,
            var v => v!,
        }));

    public static TheoryData<string, string> PopupWords() => new()
    {
        { """{"popup":"spin-wheel","event":"opened","operator":"exists"}""", "popup \"spin-wheel\" opened at least once" },
        { """{"popup":"spin-wheel","event":"filled","operator":"not_once"}""", "popup \"spin-wheel\" filled not once" },
        { """{"popup":"spin-wheel","event":"target","operator":"at_least","times":3,"last_days":14}""", "popup \"spin-wheel\" target at least 3 times in the last 14 days" },
        { """{"popup":"exit-intent","event":"element_click","element":"coupon-copy","operator":"at_least","times":2,"from":"2026-01-01","to":"2026-01-31"}""", "click on element \"coupon-copy\" of popup \"exit-intent\" at least 2 times between 2026-01-01 and 2026-01-31 (both included)" },
        { """{"popup":"spin-wheel","event":"custom_event","event_name":"wheel-spin","operator":"not_once","last_days":7}""", "custom event \"wheel-spin\" of popup \"spin-wheel\" not once in the last 7 days" },
    };

    [Theory]
    [MemberData(nameof(PopupWords))]
    public void Describe_PopupCondition_SaysItInWords(string json, string expected) =>
        Assert.Equal(expected, new PopupCondition().Describe(Arguments(Params.Json(json).Plain())));

    public static TheoryData<string, string> FormWords() => new()
    {
        { """{"form":"newsletter","operator":"exists"}""", "filled form \"newsletter\" at least once" },
        { """{"form":"newsletter","operator":"not_once","from":"2026-03-01","to":"2026-03-31"}""", "filled form \"newsletter\" not once between 2026-03-01 and 2026-03-31 (both included)" },
        { """{"form":"contact-us","operator":"exists","last_days":30}""", "filled form \"contact-us\" at least once in the last 30 days" },
    };

    [Theory]
    [MemberData(nameof(FormWords))]
    public void Describe_FormCondition_SaysItInWords(string json, string expected) =>
        Assert.Equal(expected, new FormCondition().Describe(Arguments(Params.Json(json).Plain())));

    [Fact]
    public void Generate_PopupAndFormConditions_PutTheirWordsInTheSourceHeader()
    {
        var source = _bed.Engine.Generate(Documents.Json("words", new
        {
            op = "and",
            items = new object[]
            {
                new { type = Popup, @params = OfPopup("newsletter-popup", PopupEvents.Filled, "exists").With("last_days", 7).ToObject() },
                new { type = Form, @params = OfForm("newsletter", "not_once").ToObject() },
            },
        })).Text;

        Assert.Contains("//   rules.items[0]: popup \"newsletter-popup\" filled at least once in the last 7 days\n", source, StringComparison.Ordinal);
        Assert.Contains("//   rules.items[1]: filled form \"newsletter\" not once\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_PopupCondition_StatesTheSeedMappingTheEdgesAndTheNameRule()
    {
        var description = new PopupCondition().Description;

        foreach (var ev in PopupEvents.All)
        {
            Assert.Contains(ev, description, StringComparison.Ordinal);
        }

        Assert.Contains("exists = operator exists", description, StringComparison.Ordinal);
        Assert.Contains("not once in the last X days = not_once with last_days X", description, StringComparison.Ordinal);
        Assert.Contains("at least N times in period = at_least with times N and from/to", description, StringComparison.Ordinal);
        Assert.Contains("Events dated after now are not counted", description, StringComparison.Ordinal);
        Assert.Contains("element is required for element_click and refused for every other event", description, StringComparison.Ordinal);
        Assert.Contains("case matters", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_FormCondition_StatesTheSeedMapping()
    {
        var description = new FormCondition().Description;

        Assert.Contains("filled = operator exists", description, StringComparison.Ordinal);
        Assert.Contains("did not fill in selected period = not_once with from/to", description, StringComparison.Ordinal);
        Assert.Contains("filled in the last X days = exists with last_days X", description, StringComparison.Ordinal);
        Assert.Contains("Fills dated after now are not counted", description, StringComparison.Ordinal);
    }

    public void Dispose() => _bed.Dispose();
}
