using RulePlugins.Engine.Insight.Lint;
using RulePlugins.Engine.Validation;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// Categories, products, SKUs, channels and contact points name entities of the market reference tables: the catalogue
/// lists them with their names, a value no row has is refused at save at its path with the closest known ones (a typo
/// such as "electronix" no longer saves as a condition that matches nothing), and a value in another case binds as the
/// data spells it. Regions are free text: lint names a region no order has.
/// </summary>
public sealed class MarketChoiceTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    public static TheoryData<string, string, string, string, string> Typos() => new()
    {
        { "profile", Orders, """{"operator": "exists", "categories": ["electronics", "electronix"]}""", "categories[1]", "\"electronix\" is not a known category" },
        { "profile", Orders, """{"operator": "exists", "products": ["P-10"]}""", "products[0]", "\"P-10\" is not a known product" },
        { "profile", OrdersTotal, """{"operator": "greater", "value": 1, "skus": ["S-01"]}""", "skus[0]", "\"S-01\" is not a known SKU" },
        { "profile", Orders, """{"operator": "exists", "channels": ["websit"]}""", "channels[0]", "\"websit\" is not a known sales channel or contact point" },
        { "profile", Orders, """{"operator": "exists", "channels": ["cart"]}""", "channels[0]", "\"cart\" is not a known sales channel or contact point" },
        { "profile", Orders, """{"operator": "exists", "channels": ["mobile_app/cart"]}""", "channels[0]", "\"mobile_app/cart\" is not a known sales channel or contact point" },
        { "order", "order.products", """{"operator": "in_list", "values": ["P-1", "P-1O"]}""", "values[1]", "\"P-1O\" is not a known product" },
        { "order", "order.skus", """{"operator": "not_in_list", "values": ["S-1O"]}""", "values[0]", "\"S-1O\" is not a known SKU" },
        { "order", "order.sales_channels", """{"operator": "in_list", "values": ["phone"]}""", "values[0]", "\"phone\" is not a known sales channel or contact point" },
    };

    [Theory]
    [MemberData(nameof(Typos))]
    public void Save_UnknownMarketReference_IsRefusedAtItsPathAndSavesNothing(string subject, string type, string parameters, string parameter, string message)
    {
        var json = Documents.Json("typo", new { op = "and", items = new[] { new { type, @params = Params(parameters) } } }, subject);

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Db.Engine.Save(json)).Errors);

        Assert.Equal($"rules.items[0].params.{parameter}", error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(_db.Db.Engine.Segments());
    }

    [Fact]
    public void Save_MistypedCategory_ListsTheKnownOnes()
    {
        var json = Documents.Single("typo", Orders, Params("""{"operator": "exists", "categories": ["electronix"]}"""));

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Db.Engine.Save(json)).Errors);

        Assert.Equal("\"electronix\" is not a known category; known: electronics, gadgets, home, kitchen, phones, smartphones, toys", error.Message);
    }

    [Fact]
    public void Save_MistypedProduct_SuggestsTheClosestOfTheCatalogue()
    {
        var json = Documents.Single("typo", Orders, Params("""{"operator": "exists", "products": ["P-40"]}"""));

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Db.Engine.Save(json)).Errors);

        Assert.StartsWith("\"P-40\" is not a known product; the closest: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("P-404 (Product P-404)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"({MarketDatabase.Catalogue.Count} known)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ReferencesInAnotherCase_BindAsTheDataSpellsThem()
    {
        var saved = _db.Db.Engine.Save(Documents.Single("cased", Orders, Params("""{"operator": "exists", "categories": ["KITCHEN"], "channels": ["Website/Cart"], "products": ["p-1"]}""")));

        Assert.Contains("\"kitchen\"", saved.Source.Text, StringComparison.Ordinal);
        Assert.Contains("\"website/cart\"", saved.Source.Text, StringComparison.Ordinal);
        Assert.Contains("\"P-1\"", saved.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_MarketReferences_ListTheRowsWithTheirNames()
    {
        var categories = _db.Db.Engine.FindChoices(Orders, "categories", limit: 100);
        var channels = _db.Db.Engine.FindChoices(Orders, "channels", limit: 100);
        var skus = _db.Db.Engine.FindChoices("order.skus", "values", search: "SKU-", limit: 100);

        Assert.Equal("category", categories.Noun);
        Assert.Contains(categories.Values, c => c is { Value: "smartphones", Name: "Smartphones" });
        Assert.Equal(7, categories.Total);
        Assert.Equal(
            ["mobile_app", "mobile_app/app", "retail", "retail/store_1", "retail/store_2", "website", "website/cart", "website/one_click"],
            channels.Values.Select(c => c.Value).Order(StringComparer.Ordinal));
        Assert.Contains(channels.Values, c => c is { Value: "website/cart", Name: "Website cart" });
        Assert.Equal("SKU-1", Assert.Single(skus.Values).Value);
    }

    [Fact]
    public void Lint_RegionNoOrderHas_NamesIt()
    {
        _db.AddProfiles(1);
        _db.AddOrders(new TestOrder(1, 101) { Region = "Moscow" });

        var warning = Assert.Single(_db.Db.Engine.Lint(Documents.Single("regions", Orders, Params("""{"operator": "exists", "regions": ["MOSCOW", "Mosow"]}"""))));

        Assert.Equal(LintRules.ValueWithoutData, warning.Rule);
        Assert.Equal("rules.items[0]", warning.Path);
        Assert.EndsWith(": no row of market_orders has region \"Mosow\" (ignoring case), so that value of regions matches nothing; check its spelling.", warning.Message);
    }

    [Fact]
    public void Lint_ProductInTheCatalogueNeverOrdered_WarnsThatItMatchesNothing()
    {
        _db.AddProfiles(1);
        _db.AddOrders(new TestOrder(1, 101) { Items = [new TestItem("P-1")] });

        var warning = Assert.Single(_db.Db.Engine.Lint(Documents.Single("products", Orders, Params("""{"operator": "exists", "products": ["P-1", "P-404"]}"""))));

        Assert.Equal(LintRules.EntityWithoutData, warning.Rule);
        Assert.EndsWith(": product \"P-404\" has no rows in market_order_items at all, so that value of products matches nothing.", warning.Message);
    }

    public void Dispose() => _db.Dispose();
}
