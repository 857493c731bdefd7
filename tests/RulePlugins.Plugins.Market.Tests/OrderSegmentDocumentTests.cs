using RulePlugins.Engine;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Market.Tests.OrderSegmentRules;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// The order document and the segment around it: a bad order is refused with the path of the bad field and never
/// answered; segments that cannot be evaluated from a document are refused.
/// </summary>
public sealed class OrderSegmentDocumentTests(OrderSegmentFixture fixture) : IClassFixture<OrderSegmentFixture>
{
    public static TheoryData<string, string> BadOrders() => new()
    {
        { """{"channel": "website"}""", "$.currency" },
        { """{"currency": null, "channel": "website"}""", "$.currency" },
        { """{"currency": "", "channel": "website"}""", "$.currency" },
        { """{"currency": "XYZ", "channel": "website"}""", "$.currency" },
        { """{"currency": 643, "channel": "website"}""", "$.currency" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": -1}]}""", "$.items[0].quantity" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": -3}]}""", "$.items[1].quantity" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 0}]}""", "$.items[0].quantity" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 1}, {"product_id": "P-3", "quantity": 0}]}""", "$.items[2].quantity" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1.5}]}""", "$.items[0].quantity" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": "2"}]}""", "$.items[0].quantity" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1"}]}""", "$.items[0].quantity" },
        { """{"currency": "RUB", "channel": "website", "amount": -1}""", "$.amount" },
        { """{"currency": "RUB", "channel": "website", "amount": -0.01}""", "$.amount" },
        { """{"currency": "RUB", "channel": "website", "amount": "100"}""", "$.amount" },
        { """{"currency": "RUB", "channel": "website", "shipping_cost": -300}""", "$.shipping_cost" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1, "price": -5}]}""", "$.items[0].price" },
        { """{"currency": "RUB"}""", "$.channel" },
        { """{"currency": "RUB", "channel": null}""", "$.channel" },
        { """{"currency": "RUB", "channel": "  "}""", "$.channel" },
        { """{"currency": "RUB", "channel": "website", "items": {"product_id": "P-1", "quantity": 1}}""", "$.items" },
        { """{"currency": "RUB", "channel": "website", "items": "P-1"}""", "$.items" },
        { """{"currency": "RUB", "channel": "website", "items": ["P-1"]}""", "$.items[0]" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1}, 7]}""", "$.items[1]" },
        { """{"currency": "RUB", "channel": "website", "items": [{"quantity": 1}]}""", "$.items[0].product_id" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1}, {"product_id": "", "quantity": 1}]}""", "$.items[1].product_id" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": 17, "quantity": 1}]}""", "$.items[0].product_id" },
        { """{"currency": "RUB", "channel": "website", "status": "shipped"}""", "$.status" },
        { """{"currency": "RUB", "channel": "website", "region": 77}""", "$.region" },
        { """{"currency": "RUB", "channel": "website", "created_at": "yesterday"}""", "$.created_at" },
        { """{"currency": "RUB", "channel": "website",""", "$" },
        { """{""", "$" },
        { "", "$" },
        { "not json", "$" },
        { """[{"currency": "RUB", "channel": "website"}]""", "$" },
        { "[]", "$" },
        { "null", "$" },
        { "\"order\"", "$" },
    };

    // A segment every well-formed order is in, so only the document decides the outcome.
    private string Everything => fixture.Save(Or(
        Condition("order.region", """{"operator": "is_empty"}"""),
        Condition("order.region", """{"operator": "is_not_empty"}""")));

    [Theory]
    [MemberData(nameof(BadOrders))]
    public void Evaluate_BadOrder_ThrowsWithPathOfTheField(string order, string path)
    {
        var error = Assert.Throws<SubjectFormatException>(() => fixture.Engine.Evaluate(Everything, order));

        Assert.Equal(path, error.Path);
        Assert.False(string.IsNullOrWhiteSpace(error.Problem));
    }

    [Theory]
    [MemberData(nameof(BadOrders))]
    public void Evaluate_BadOrderWithExplain_ThrowsWithPathOfTheField(string order, string path)
    {
        var error = Assert.Throws<SubjectFormatException>(() => fixture.Engine.Evaluate(Everything, order, explain: true));

        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("""{"currency": "RUB", "channel": "website", "amount": 1e300}""", "$.amount", "must be from 0 to 1000000000000, got 1e300")]
    [InlineData("""{"currency": "RUB", "channel": "website", "amount": "100"}""", "$.amount", "must be a number, got the string \"100\"")]
    public void Evaluate_AmountTooLargeOrNotANumber_SaysWhichWithTheRange(string order, string path, string problem)
    {
        var error = Assert.Throws<SubjectFormatException>(() => fixture.Engine.Evaluate(Everything, order));

        Assert.Equal((path, problem), (error.Path, error.Problem));
    }

    public static TheoryData<string, string> OrdersWithInvalidText() => new()
    {
        { """{"currency": "RUB", "channel": "website", "region": "a\ud800b"}""", "$.region" },
        { """{"currency": "RUB", "channel": "web\udc00site"}""", "$.channel" },
        { """{"currency": "R\ud800", "channel": "website"}""", "$.currency" },
        { """{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-\ud800", "quantity": 1}]}""", "$.items[0].product_id" },
        { """{"currency": "RUB", "channel": "website", "note": "\udfff"}""", "$.note" },
        { """{"currency": "RUB", "channel": "website", "\ud800": 1}""", "$" },
    };

    [Theory]
    [MemberData(nameof(OrdersWithInvalidText))]
    public void Evaluate_OrderWithUnpairedSurrogate_ThrowsWithPathOfTheField(string order, string path)
    {
        var exception = Record.Exception(() => fixture.Engine.Evaluate(Everything, order, explain: true));

        var error = Assert.IsType<SubjectFormatException>(exception);
        Assert.Equal(path, error.Path);
        Assert.Contains("not valid text", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OrdersWithInvalidText))]
    public void Read_OrderWithUnpairedSurrogate_TheReaderItselfThrowsWithPath(string order, string path)
    {
        // The plugin's reader refuses such text on its own, whatever host calls it.
        using var document = System.Text.Json.JsonDocument.Parse(order);

        var exception = Record.Exception(() => new Data.OrderSubject().Read(document.RootElement, new RowCollector()));

        Assert.Equal(path, Assert.IsType<SubjectFormatException>(exception).Path);
    }

    [Fact]
    public void Evaluate_OrderWithBytesThatAreNotUtf8_ThrowsWithPathOfTheField()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("""{"currency": "RUB", "channel": "website", "region": "Kazan"}""");
        bytes[Array.IndexOf(bytes, (byte)'z')] = 0xFF;
        using var document = System.Text.Json.JsonDocument.Parse(bytes);

        var exception = Record.Exception(() => fixture.Engine.Evaluate(Everything, document.RootElement));

        var error = Assert.IsType<SubjectFormatException>(exception);
        Assert.Equal("$.region", error.Path);
        Assert.Contains("not valid UTF-8", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OrderTextWithALoneSurrogateCharacter_ThrowsSubjectFormatException()
    {
        var order = "{\"currency\": \"RUB\", \"channel\": \"web\ud800site\"}";

        var exception = Record.Exception(() => fixture.Engine.Evaluate(Everything, order));

        var error = Assert.IsType<SubjectFormatException>(exception);
        Assert.Equal("$", error.Path);
        Assert.Contains("unpaired surrogate", error.Problem, StringComparison.Ordinal);
    }

    /// <summary>A reader host that keeps nothing and knows the test rates.</summary>
    private sealed class RowCollector : SubjectReader
    {
        public override void Add<TRow>(TableDefinition table, TRow row)
        {
        }

        public override TModel Lookup<TModel>(LookupDefinition lookup) =>
            (TModel)(object)new Reference.CurrencyRates([KeyValuePair.Create("USD", 90m)]);
    }

    [Theory]
    [InlineData("""{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1}, {"product_id": "P-2", "quantity": 0}]}""", "$.items[1].quantity")]
    [InlineData("""{"currency": "RUB", "channel": "website", "amount": -1, "items": [{"product_id": "P-1", "quantity": 1}]}""", "$.amount")]
    [InlineData("""{"currency": "XYZ", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1}]}""", "$.currency")]
    public void Evaluate_BadOrderForSegmentNotReadingTheField_StillThrows(string order, string path)
    {
        // The segment reads only the channel; the rest of the order must still be valid.
        var segment = fixture.SaveCondition("order.sales_channels", """{"operator": "in_list", "values": ["website"]}""");

        Assert.Equal(path, Assert.Throws<SubjectFormatException>(() => fixture.Engine.Evaluate(segment, order)).Path);
    }

    [Theory]
    [InlineData("""{"currency": "RUB", "channel": "website"}""")]
    [InlineData("""{"currency": "rub", "channel": "website", "status": "PAID"}""")]
    [InlineData("""{"currency": "EUR", "channel": "retail", "status": "partial_return", "items": null}""")]
    [InlineData("""{"currency": "USD", "channel": "phone", "status": "canceled", "id": 42, "created_at": "2026-06-01T10:00:00Z", "extra": {"any": [1, 2]}}""")]
    [InlineData("""{"currency": "RUB", "channel": "website", "items": [{"product_id": "P-1", "quantity": 1, "price": 0}], "amount": 0, "shipping_cost": 0}""")]
    public void Evaluate_WellFormedOrder_IsAnswered(string order)
    {
        Assert.True(fixture.Matches(Everything, order));
    }

    [Fact]
    public void Evaluate_ProfileSegment_IsRefused()
    {
        fixture.Engine.Save(Documents.Single("profile-city", "profile.city", new { @operator = "is_empty" }));

        Assert.Throws<InvalidOperationException>(() => fixture.Engine.Evaluate("profile-city", """{"currency": "RUB", "channel": "website"}"""));
    }

    [Fact]
    public void Evaluate_UnknownSegment_ThrowsSegmentNotFound()
    {
        var error = Assert.Throws<SegmentNotFoundException>(() => fixture.Engine.Evaluate("no-such-segment", """{"currency": "RUB", "channel": "website"}"""));

        Assert.Contains("no-such-segment", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order.shipping_cost", """{"operator": "in_list", "values": [300]}""")]
    [InlineData("order.shipping_cost", """{"operator": "not_in_list", "values": [300]}""")]
    [InlineData("order.cost", """{"operator": "equals", "value": -1}""")]
    [InlineData("order.cost", """{"operator": "equals", "value": 100, "currency": "DOLLARS"}""")]
    [InlineData("order.cost", """{"operator": "in_range", "min": 200, "max": 100}""")]
    [InlineData("order.goods_count", """{"method": "total", "operator": "equals", "value": 1.5}""")]
    [InlineData("order.goods_count", """{"method": "all", "operator": "equals", "value": 1}""")]
    [InlineData("order.goods_count", """{"method": "total", "operator": "in_list", "values": [1]}""")]
    [InlineData("order.region", """{"operator": "contains", "value": "Mos"}""")]
    [InlineData("order.region", """{"operator": "equals"}""")]
    [InlineData("order.sales_channels", """{"operator": "in_list", "values": ["website/cart/extra"]}""")]
    [InlineData("order.sales_channels", """{"operator": "equals", "values": ["website"]}""")]
    [InlineData("order.sales_channel_type", """{"operator": "equals", "value": "phone"}""")]
    [InlineData("order.sales_channel_type", """{"operator": "in_list", "values": ["online"]}""")]
    [InlineData("order.products", """{"operator": "equals", "values": ["P-1"]}""")]
    [InlineData("order.skus", """{"operator": "in_list"}""")]
    public void Save_ParametersOutsideTheSeed_AreRefusedAtTheCondition(string type, string parameters)
    {
        var json = Documents.Json("refused", And(Condition(type, parameters)), subject: "order");

        var error = Assert.Throws<SegmentValidationException>(() => fixture.Engine.Save(json));

        Assert.All(error.Errors, e => Assert.StartsWith("rules.items[0]", e.Path, StringComparison.Ordinal));
    }
}
