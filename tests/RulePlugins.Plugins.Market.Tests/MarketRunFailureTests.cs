using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>Inputs the schema cannot refuse on its own: parameters that would be ignored, a currency whose rate is deleted after the save.</summary>
public sealed class MarketRunFailureTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    [Theory]
    [InlineData("quantity_value", "quantity_operator")]
    [InlineData("quantity_method", "quantity_operator")]
    [InlineData("amount_value", "amount_operator")]
    public void Save_ComparisonValueWithoutItsOperator_IsRefusedNotIgnored(string parameter, string controller)
    {
        var parameters = new Dictionary<string, object> { ["operator"] = "exists", [parameter] = parameter == "quantity_method" ? "total" : 3 };

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Db.Engine.Save(Documents.Single("ignored", "market.orders", parameters))).Errors);

        Assert.Equal($"rules.items[0].params.{parameter}", error.Path);
        Assert.Contains($"is not used without {controller}", error.Message);
        Assert.Empty(_db.Db.Engine.Segments());
    }

    [Fact]
    public void Recalculate_CurrencyWhoseRateWasDeletedAfterTheSave_FailsWithTheCurrencyAndKeepsMembership()
    {
        _db.AddProfiles(2);
        _db.AddOrders(new TestOrder(1, 1) { Amount = 100m }, new TestOrder(2, 2) { Amount = 50m });
        _db.Db.Engine.Save(Documents.Single("total", "market.orders_total", new { @operator = "greater", value = 60, currency = "RUB" }));
        _db.Db.Engine.Recalculate("total");
        Assert.Equal([1L], _db.Db.Engine.Members("total"));

        _db.Db.Engine.Save(Documents.Single("total", "market.orders_total", new { @operator = "greater", value = 1, currency = "USD" }));
        _db.Db.Execute("DELETE FROM market_currency_rates WHERE currency = 'USD'");
        var error = Assert.Throws<InvalidOperationException>(() => _db.Db.Engine.Recalculate("total"));

        Assert.Contains("Currency 'USD' has no rate", error.Message);
        Assert.Equal([1L], _db.Db.Engine.Members("total"));
        Assert.Equal("failed", _db.Db.Engine.Runs("total")[0].Status);
    }

    [Theory]
    [InlineData("""{"currency": "RUB", "channel": "website", "items": [{"product_id": "P", "quantity": 9223372036854775807}, {"product_id": "Q", "quantity": 9223372036854775807}]}""", "$.items[0].quantity")]
    [InlineData("""{"currency": "RUB", "channel": "website", "amount": 79228162514264337593543950335}""", "$.amount")]
    [InlineData("""{"currency": "RUB", "channel": "website", "items": [{"product_id": "P", "quantity": 1000000, "price": 1000000000001}]}""", "$.items[0].price")]
    public void Evaluate_AbsurdQuantityOrMoney_IsRefusedWithPathBeforeAnySumOverflows(string order, string path)
    {
        _db.Db.Engine.Save(Documents.Json("total-goods", new { op = "and", items = new[] { new { type = "order.goods_count", @params = (object)new { method = "total", @operator = "greater", value = 1 } } } }, subject: "order"));

        var error = Assert.Throws<RulePlugins.Sdk.Data.SubjectFormatException>(() => _db.Db.Engine.Evaluate("total-goods", order));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Evaluate_TextOrderId_IsAccepted()
    {
        _db.Db.Engine.Save(Documents.Json("web", new { op = "and", items = new[] { new { type = "order.sales_channels", @params = (object)new { @operator = "in_list", values = new[] { "website" } } } } }, subject: "order"));

        Assert.True(_db.Db.Engine.Evaluate("web", """{"id": "ORD-1", "currency": "RUB", "channel": "website"}""").Matched);
    }

    public void Dispose() => _db.Dispose();
}
