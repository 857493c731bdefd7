using RulePlugins.Plugins.Market.Tests.Lookalikes;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// How the generated source of market segments reads: helper types through <c>using</c> aliases that never collide,
/// the sentence for each subject kind and its lookups, and lines a reviewer can read without scrolling.
/// </summary>
public sealed class GeneratedSourceTests : IDisposable
{
    private static readonly Dictionary<string, string> Orders = new()
    {
        ["website/cart"] = """{"currency": "RUB", "channel": "website", "contact_point": "cart"}""",
        ["website/one_click"] = """{"currency": "RUB", "channel": "website", "contact_point": "one_click"}""",
        ["mobile_app/cart"] = """{"currency": "RUB", "channel": "mobile_app", "contact_point": "cart"}""",
        ["retail/store_1"] = """{"currency": "RUB", "channel": "retail", "contact_point": "store_1"}""",
    };

    private readonly MarketDatabase _db = new(new LookalikePlugin());

    private static object SalesChannels => new { type = "order.sales_channels", @params = new { @operator = "in_list", values = new[] { "website/cart" } } };

    private static object Lookalike => new { type = LookalikePlugin.WebsiteCart };

    [Fact]
    public void Save_TwoPluginsWithAChannelSet_EachGetsItsOwnAliasAndTheSegmentAnswersRight()
    {
        var source = _db.Db.Engine.Save(Documents.Json("market-first", new { op = "and", items = new[] { SalesChannels, Lookalike } }, subject: "order")).Source.Text;

        Assert.Contains("using ChannelSet = global::RulePlugins.Plugins.Market.Runtime.ChannelSet;\n", source, StringComparison.Ordinal);
        Assert.Contains("using LookalikesChannelSet = global::RulePlugins.Plugins.Market.Tests.Lookalikes.ChannelSet;\n", source, StringComparison.Ordinal);
        Assert.Contains("LookalikesChannelSet.IsWebsite(", source, StringComparison.Ordinal);
        Assert.Contains("ChannelSet.Of(\"website/cart\")", source, StringComparison.Ordinal);
        Assert.Equal(["website/cart"], Matching("market-first"));
    }

    [Fact]
    public void Save_LookalikeConditionFirst_TakesTheSimpleNameAndTheMarketTypeIsPrefixed()
    {
        var source = _db.Db.Engine.Save(Documents.Json("lookalike-first", new { op = "or", items = new[] { Lookalike, SalesChannels } }, subject: "order")).Source.Text;

        Assert.Contains("using ChannelSet = global::RulePlugins.Plugins.Market.Tests.Lookalikes.ChannelSet;\n", source, StringComparison.Ordinal);
        Assert.Contains("using RuntimeChannelSet = global::RulePlugins.Plugins.Market.Runtime.ChannelSet;\n", source, StringComparison.Ordinal);
        Assert.Equal(["website/cart"], Matching("lookalike-first"));
    }

    [Fact]
    public void Save_HelperTypesNamedLikeSdkTypesOrGeneratedNames_NeverTakeThoseNames()
    {
        var source = _db.Db.Engine.Save(Documents.Json("reserved", new
        {
            op = "and",
            items = new[] { Lookalike, new { type = "order.region", @params = (object)new { @operator = "in_list", values = new[] { "Moscow", "Kazan" } } } },
        }, subject: "order")).Source.Text;

        // Text is the SDK's (the region condition calls Text.In), Slots the generated class's, and ...Segment a generated class name.
        Assert.Contains("using LookalikesText = global::RulePlugins.Plugins.Market.Tests.Lookalikes.Text;\n", source, StringComparison.Ordinal);
        Assert.Contains("using LookalikesSlots = global::RulePlugins.Plugins.Market.Tests.Lookalikes.Slots;\n", source, StringComparison.Ordinal);
        Assert.Contains("using WebsiteSegment2 = global::RulePlugins.Plugins.Market.Tests.Lookalikes.WebsiteSegment;\n", source, StringComparison.Ordinal);
        Assert.Contains("Text.In(", source, StringComparison.Ordinal);
        Assert.DoesNotContain("using Text =", source, StringComparison.Ordinal);
        Assert.DoesNotContain("using Slots =", source, StringComparison.Ordinal);
        Assert.True(_db.Db.Engine.Evaluate("reserved", """{"currency": "RUB", "channel": "website", "contact_point": "cart", "region": "Kazan"}""").Matched);
        Assert.False(_db.Db.Engine.Evaluate("reserved", """{"currency": "RUB", "channel": "website", "contact_point": "cart", "region": "Omsk"}""").Matched);
    }

    [Fact]
    public void Generate_SameTreeWithCollidingTypesTwice_GivesTheSameAliases()
    {
        var document = Documents.Json("twice", new { op = "or", items = new[] { Lookalike, SalesChannels, Lookalike } }, subject: "order");

        Assert.Equal(_db.Db.Engine.Generate(document).Text, _db.Db.NewEngine().Generate(document).Text);
    }

    [Theory]
    [InlineData("profile", "market.orders_total", "// A profile is a member when", "// Lookups, read whole once per recalculation run:")]
    [InlineData("order", "order.cost", "// An order is a member when", "// Lookups, read whole on first use and cached until the reference data is refreshed:")]
    public void Generate_EachSubjectKind_NamesItWithItsArticleAndSaysWhenLookupsAreRead(string subject, string type, string sentence, string lookups)
    {
        var document = Documents.Json("costs", new { op = "and", items = new[] { new { type, @params = new { @operator = "greater", value = 1000 } } } }, subject: subject);

        var source = _db.Db.Engine.Generate(document).Text;

        Assert.Contains(sentence, source, StringComparison.Ordinal);
        Assert.Contains(lookups + "\n//   market.currency_rates (slot 0): market_currency_rates\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ShippedExampleSegments_KeepEveryLineWithin120Columns()
    {
        var examples = _db.Db.Engine.ExampleSegments().ToList();

        var tooLong = examples
            .Select(document => _db.Db.Engine.Generate(document))
            .SelectMany(source => source.Text.Split('\n').Select((line, i) => (source.SegmentId, Line: i + 1, line.Length)))
            .Where(line => line.Length > 120)
            .ToList();

        Assert.True(examples.Count >= 8, $"expected the shipped examples of both plugins, got {examples.Count}");
        Assert.Empty(tooLong);
    }

    private string[] Matching(string segmentId) =>
        [.. Orders.Where(o => _db.Db.Engine.Evaluate(segmentId, o.Value).Matched).Select(o => o.Key).Order(StringComparer.Ordinal)];

    public void Dispose() => _db.Dispose();
}
