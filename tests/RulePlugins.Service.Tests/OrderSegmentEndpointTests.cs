using System.Net;
using System.Text.Json;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class OrderSegmentEndpointTests(ServiceFixture fixture)
{
    private readonly ServiceInstance _service = fixture.Service;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task SaveAsync(string id, string document) =>
        Assert.True((await _service.Client.PutAsync($"/segments/{id}", Json(document), _ct)).IsSuccessStatusCode);

    [Theory]
    [InlineData(SegmentDocuments.CartOrder, true)]
    [InlineData(SegmentDocuments.StoreOrder, false)]
    public async Task Evaluate_Order_AnswersWhetherItMatches(string order, bool matched)
    {
        await SaveAsync("ord-cart", SegmentDocuments.WebsiteCart("ord-cart"));

        var response = await _service.Client.PostAsync("/order-segments/ord-cart/evaluate", Json(order), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await JsonAsync(response);
        Assert.Equal(matched, answer.GetProperty("matched").GetBoolean());
        Assert.Equal("ord-cart", answer.GetProperty("segmentId").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("explanation").ValueKind);
    }

    [Fact]
    public async Task Evaluate_Explain_SaysWhichConditionsHeld()
    {
        await SaveAsync("ord-explain", SegmentDocuments.WebsiteCart("ord-explain"));
        var order = SegmentDocuments.CartOrder.Replace("\"product_id\": \"P-3\"", "\"product_id\": \"P-1\"");

        var answer = await JsonAsync(await _service.Client.PostAsync("/order-segments/ord-explain/evaluate?explain=true", Json(order), _ct));

        Assert.False(answer.GetProperty("matched").GetBoolean());
        var items = answer.GetProperty("explanation").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["rules.items[0]", "rules.items[1]"], items.Select(i => i.GetProperty("path").GetString()));
        Assert.Equal([true, false], items.Select(i => i.GetProperty("held").GetBoolean()));
        Assert.Contains("3", items[1].GetProperty("description").GetString());
    }

    [Fact]
    public async Task GetOrderSegments_ListsOrderSegmentsOnly()
    {
        await SaveAsync("ord-listed", SegmentDocuments.WebsiteCart("ord-listed"));
        await SaveAsync("ord-profile-listed", SegmentDocuments.City("ord-profile-listed"));

        var list = await JsonAsync(await _service.Client.GetAsync("/order-segments", _ct));

        var ids = list.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Contains("ord-listed", ids);
        Assert.DoesNotContain("ord-profile-listed", ids);
    }

    [Theory]
    [InlineData("""{ "currency": "RUB", "channel": "website", "items": [ { "product_id": "P-1", "quantity": -2, "price": 10 } ] }""", "$.items[0].quantity")]
    [InlineData("""{ "currency": "RUB", "channel": "website", "items": [ { "product_id": "P-1", "quantity": "two", "price": 10 } ] }""", "$.items[0].quantity")]
    [InlineData("""{ "channel": "website", "items": [] }""", "$.currency")]
    public async Task Evaluate_BadOrder_Returns400WithJsonPath(string order, string path)
    {
        await SaveAsync("ord-bad", SegmentDocuments.WebsiteCart("ord-bad"));

        var response = await _service.Client.PostAsync("/order-segments/ord-bad/evaluate", Json(order), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(path, (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Evaluate_MalformedJson_Returns400()
    {
        await SaveAsync("ord-malformed", SegmentDocuments.WebsiteCart("ord-malformed"));

        var response = await _service.Client.PostAsync("/order-segments/ord-malformed/evaluate", Json("{ \"currency\": "), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Evaluate_OrderOverLimit_Returns413()
    {
        await SaveAsync("ord-big", SegmentDocuments.WebsiteCart("ord-big"));
        var items = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $$"""{ "product_id": "P-{{i}}", "sku": "S-{{i}}", "quantity": 1, "price": 10 }"""));

        var response = await _service.Client.PostAsync("/order-segments/ord-big/evaluate", Json($$"""{ "currency": "RUB", "channel": "website", "items": [ {{items}} ] }"""), _ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_ChunkedBodyGrowingPastLimit_Returns413()
    {
        await SaveAsync("ord-chunked", SegmentDocuments.WebsiteCart("ord-chunked"));
        var body = System.Text.Encoding.UTF8.GetBytes("{ \"currency\": \"RUB\", \"note\": \"" + new string('x', 100 * 1024) + "\" }");

        // A stream of unknown length is sent chunked, without Content-Length: the limit applies while reading.
        using var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await _service.Client.PostAsync("/order-segments/ord-chunked/evaluate", content, _ct);

        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }

    [Fact]
    public async Task Evaluate_ProfileSegment_Returns400()
    {
        await SaveAsync("ord-profile", SegmentDocuments.City("ord-profile"));

        var response = await _service.Client.PostAsync("/order-segments/ord-profile/evaluate", Json(SegmentDocuments.CartOrder), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("recalculate", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Evaluate_UnknownSegment_Returns404()
    {
        var response = await _service.Client.PostAsync("/order-segments/ord-nope/evaluate", Json(SegmentDocuments.CartOrder), _ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Put_CurrencyWithoutRate_Returns400NamingTheKnownCurrenciesAndStoresNothing()
    {
        // Were it accepted, every order evaluation would fail on the missing rate.
        var response = await _service.Client.PutAsync("/segments/ord-gbp", Json("""
            {
              "schemaVersion": 1, "id": "ord-gbp", "name": "Costs at least 10 GBP", "subject": "order",
              "rules": { "op": "and", "items": [ { "type": "order.cost", "params": { "operator": "greater_or_equal", "value": 10, "currency": "GBP" } } ] }
            }
            """), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await JsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("rules.items[0].params.currency", error.GetProperty("path").GetString());
        Assert.Equal("\"GBP\" is not a known currency; known: CNY, EUR, KZT, RUB, USD", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.GetAsync("/segments/ord-gbp", _ct)).StatusCode);
    }
}
