using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>What the generated source says about market conditions: counts and costs are never unknown.</summary>
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

    public void Dispose() => _db.Dispose();
}
