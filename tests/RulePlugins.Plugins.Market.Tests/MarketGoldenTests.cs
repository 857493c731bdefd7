using System.Runtime.CompilerServices;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// The generated source of the market plugin's example segments, profile and order, compared byte for byte with
/// reviewed files in Golden/. After an intended change, run with UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class MarketGoldenTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    public static TheoryData<string> ExampleIds => ["recent-buyers", "website-big-spenders", "electronics-lovers", "website-cart-10-percent", "cart-three-products"];

    [Theory]
    [MemberData(nameof(ExampleIds))]
    public void Generate_MarketExampleSegment_MatchesGoldenFile(string id)
    {
        var document = _db.Db.Engine.ExampleSegments().Single(d => d.Contains($"\"id\": \"{id}\"", StringComparison.Ordinal));

        var source = _db.Db.Engine.Generate(document).Text;

        AssertGolden(id, source);
    }

    [Fact]
    public void Generate_OrderFilterWithEveryGroupingCondition_MatchesGoldenFile()
    {
        var document = RulePlugins.Testing.Documents.Single("every-filter", "market.orders", new
        {
            @operator = "exists",
            count = 2,
            statuses = new[] { "paid", "delivered" },
            channels = new[] { "website/cart", "retail" },
            regions = new[] { "Moscow", "\"Kazan\"); System.IO.File.Delete(\"x" },
            products = new[] { "P-1" },
            skus = new[] { "SKU-1" },
            categories = new[] { "electronics" },
            quantity_method = "every_item",
            quantity_operator = "in_range",
            quantity_min = 1,
            quantity_max = 3,
            created_from = "2026-01-01",
            created_to = "2026-03-31",
            amount_operator = "greater",
            amount_value = 5000.5m,
            amount_currency = "USD",
        });

        AssertGolden("every-filter", _db.Db.Engine.Save(document).Source.Text);
    }

    private static void AssertGolden(string name, string actual, [CallerFilePath] string thisFile = "") =>
        Assert.Equal(GoldenFiles.Expected(name, actual, thisFile), actual);

    public void Dispose() => _db.Dispose();
}
