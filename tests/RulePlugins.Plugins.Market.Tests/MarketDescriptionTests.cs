using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>What the generated source and the catalogue say about market conditions: counts and costs are never unknown, and the meanings are stated.</summary>
public sealed class MarketDescriptionTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    [Fact]
    public void Generate_NegativeComparisonsOnCountsAndCosts_DoNotSayOrIsUnknown()
    {
        var profile = Unwrapped(_db.Db.Engine.Generate(Documents.Single("costs", "market.orders_total", new
        {
            @operator = "not_equals", value = 0,
            quantity_method = "total", quantity_operator = "not_equals", quantity_value = 2,
            amount_operator = "not_equals", amount_value = 5000,
        })).Text);
        var order = _db.Db.Engine.Generate(Documents.Json("cost", new { op = "and", items = new[] { new { type = "order.cost", @params = (object)new { @operator = "not_in_list", values = new[] { 10, 20 } } } } }, subject: "order")).Text;

        Assert.DoesNotContain("unknown", profile, StringComparison.Ordinal);
        Assert.Contains("the total quantity of goods does not equal 2; cost does not equal 5000 RUB] does not equal 0 RUB", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown", order, StringComparison.Ordinal);
        Assert.Contains("order cost is none of 10, 20 RUB", order, StringComparison.Ordinal);
    }

    // A long description is continued on further comment lines, broken at a space: join them to read it whole.
    private static string Unwrapped(string source) =>
        System.Text.RegularExpressions.Regex.Replace(source, @"\n[ ]*//[ ]{2,}(?=\S)", " ");

    public static TheoryData<string, string> Meanings() => new()
    {
        { "order.cost", "without shipping" },
        { "order.cost", "exactly, without rounding" },
        { ProfileOrderParams.Orders, "An order's cost is its amount, without shipping." },
        { ProfileOrderParams.Orders, "The quantity of goods counts every item of an order, also when product, SKU or category conditions are given" },
        { ProfileOrderParams.Orders, "Different products are distinct product ids, ignoring case, not lines." },
        { ProfileOrderParams.OrdersTotal, "without shipping" },
        { ProfileOrderParams.OrdersTotal, "converted exactly, without rounding" },
        { "order.goods_count", "distinct_products: the number of different product ids, ignoring case" },
    };

    /// <summary>The choices made on ambiguous points are stated where a rule author reads them: the catalogue's descriptions.</summary>
    [Theory]
    [MemberData(nameof(Meanings))]
    public void Catalogue_MarketDescriptions_StateTheirMeanings(string conditionType, string meaning)
    {
        var type = _db.Db.Engine.Catalog.ConditionTypes.Single(r => r.Type.Id == conditionType).Type;

        Assert.Contains(meaning, type.Description, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
