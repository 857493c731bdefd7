using RulePlugins.Engine.Validation;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// Currency parameters accept the currencies of market_currency_rates (and the base currency RUB) only: an unknown one
/// is refused at save with the known ones, instead of failing every recalculation and every order evaluation later.
/// </summary>
public sealed class CurrencyChoiceTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    public static TheoryData<string, string, string, string> UnknownCurrencies() => new()
    {
        { "order", "order.cost", """{"operator": "greater", "value": 10, "currency": "XYZ"}""", "currency" },
        { "order", "order.shipping_cost", """{"operator": "greater", "value": 10, "currency": "XYZ"}""", "currency" },
        { "profile", OrdersTotal, """{"operator": "greater", "value": 10, "currency": "XYZ"}""", "currency" },
        { "profile", OrdersTotal, """{"operator": "greater", "value": 10, "amount_operator": "greater", "amount_value": 1, "amount_currency": "XYZ"}""", "amount_currency" },
        { "profile", Orders, """{"operator": "exists", "amount_operator": "greater", "amount_value": 1, "amount_currency": "XYZ"}""", "amount_currency" },
    };

    [Theory]
    [MemberData(nameof(UnknownCurrencies))]
    public void Save_UnknownCurrency_IsRefusedWithThePathAndTheKnownCurrencies(string subject, string type, string parameters, string parameter)
    {
        var json = Documents.Json("unknown-currency", new { op = "and", items = new[] { new { type, @params = Params(parameters) } } }, subject);

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Db.Engine.Save(json)).Errors);

        Assert.Equal($"rules.items[0].params.{parameter}", error.Path);
        Assert.Equal("\"XYZ\" is not a known currency; known: EUR, RUB, USD", error.Message);
        Assert.Empty(_db.Db.Engine.Segments());
    }

    [Fact]
    public void Save_CurrencyWithTrailingNewline_IsTheCurrencyAndOrdersAreAnswered()
    {
        var json = Documents.Json("cost-usd", new { op = "and", items = new[] { new { type = "order.cost", @params = Params("""{"operator": "greater_or_equal", "value": 10, "currency": "usd\n"}""") } } }, "order");

        var saved = _db.Db.Engine.Save(json);

        Assert.Contains("\"USD\")", saved.Source.Text, StringComparison.Ordinal);
        Assert.True(_db.Db.Engine.Evaluate("cost-usd", """{"currency": "RUB", "channel": "website", "amount": 900}""").Matched);
        Assert.False(_db.Db.Engine.Evaluate("cost-usd", """{"currency": "RUB", "channel": "website", "amount": 899}""").Matched);
    }

    [Fact]
    public void Recalculate_TotalInCurrencyWithTrailingNewline_Succeeds()
    {
        _db.AddProfiles(2);
        _db.AddOrders(new TestOrder(1, 1) { Amount = 1800m }, new TestOrder(2, 2) { Amount = 900m });

        Assert.Equal([1L], _db.MembersOf(OrdersTotal, Params("""{"operator": "greater", "value": 10, "currency": "EUR\n"}""")));
    }

    [Fact]
    public void Save_CurrencyAddedToTheRatesAfterTheyWereRead_IsAccepted()
    {
        _db.Db.Engine.Save(Documents.Json("cost-rub", new { op = "and", items = new[] { new { type = "order.cost", @params = Params("""{"operator": "greater", "value": 1}""") } } }, "order"));
        Assert.True(_db.Db.Engine.Evaluate("cost-rub", """{"currency": "USD", "channel": "website", "amount": 1}""").Matched);
        _db.Db.Execute("INSERT INTO market_currency_rates (currency, rate) VALUES ('GBP', 115)");

        var saved = _db.Db.Engine.Save(Documents.Json("cost-gbp", new { op = "and", items = new[] { new { type = "order.cost", @params = Params("""{"operator": "greater", "value": 1, "currency": "GBP"}""") } } }, "order"));

        Assert.Equal(1, saved.Version);
    }

    public void Dispose() => _db.Dispose();
}
