using RulePlugins.Plugins.Goals.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>How goal conditions read in the generated source's header, for a few combinations, and what the catalogue says of the types.</summary>
public sealed class DescriptionTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    private string Words(string type, Params parameters)
    {
        var source = _bed.Engine.Generate(Documents.Single("words", type, parameters.ToObject())).Text;
        const string marker = "//   rules.items[0]: ";
        var start = source.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "the source has no description header");
        // The header wraps long words onto lines indented further ("//     "), breaking at a space.
        var lines = source[(start + marker.Length)..].Split('\n');
        return string.Join(' ', lines.Take(1).Concat(lines.Skip(1).TakeWhile(l => l.StartsWith("//     ", StringComparison.Ordinal)).Select(l => l.TrimStart('/', ' '))));
    }

    public static TheoryData<string, string, string> Cases() => new()
    {
        {
            Achieved,
            """{"operator":"at_least","times":3,"goal":"login","utm_source":["email"],"data1_kind":"string","data1_key":"plan","data1_string_operator":"equals","data1_string_value":"gold"}""",
            "goals achieved with goal equals \"login\" (ignoring case) and utm_source is one of \"email\" (ignoring case) and pixel_data \"plan\" (string) equals \"gold\" (ignoring case) at least 3 times"
        },
        {
            Achieved,
            """{"operator":"average","goal_cost_operator":"greater","goal_cost_value":1000,"last_days":30}""",
            "average goal cost of goals achieved in the last 30 days is greater than 1000"
        },
        {
            Achieved,
            """{"operator":"not_once","pixel":"landing","from":"2026-06-01","to":"2026-06-10"}""",
            "goals achieved with pixel equals \"landing\" (ignoring case) not once between 2026-06-01 and 2026-06-10 (both included)"
        },
        {
            Complex,
            """{"operator":"meets","last_days":90,"device_type":["mobile"],"has_order":true,"order_amount_operator":"greater","order_amount_value":5000}""",
            "some goal achievement in the last 90 days where device type is one of \"mobile\" (ignoring case) and order id is not empty and order amount is greater than 5000 RUB"
        },
        {
            Complex,
            """{"operator":"does_not_meet","cost_operator":"not_equals","cost_value":0,"data2_kind":"date","data2_key":"trial_ends","data2_date_operator":"in_last_days","data2_date_days":7}""",
            "no goal achievement where goal value does not equal 0 RUB or is unknown and pixel_data \"trial_ends\" (date) is in the last 7 days"
        },
        {
            Complex,
            """{"operator":"meets","referrer_contains":"google","data3_kind":"number","data3_key":"seats","data3_number_operator":"in_range","data3_number_min":2,"data3_number_max":10}""",
            "some goal achievement where referrer contains \"google\" (ignoring case) and pixel_data \"seats\" (number) is between 2 and 10 (inclusive)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Describe_Combination_SaysItInWords(string type, string parameters, string expected) =>
        Assert.Equal(expected, Words(type, Params.Json(parameters)));

    [Fact]
    public void Description_ConditionTypes_StateTheCurrencyAndTheUnknownValueRule()
    {
        foreach (var description in new[] { new GoalAchievedCondition().Description, new GoalComplexCondition().Description })
        {
            Assert.Contains("RUB", description, StringComparison.Ordinal);
            Assert.Contains("a missing key, a key of another kind", description, StringComparison.Ordinal);
            Assert.Contains("ignoring case", description, StringComparison.Ordinal);
        }

        Assert.Contains("all on that same achievement", new GoalComplexCondition().Description, StringComparison.Ordinal);
        Assert.Contains("The total of no achievement is 0", new GoalAchievedCondition().Description, StringComparison.Ordinal);
    }

    public void Dispose() => _bed.Dispose();
}
