using System.Net;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary>Requests a careless or hostile client sends: each gets a 4xx naming what is wrong, never a 500.</summary>
[Collection(ServiceCollection.Name)]
public sealed class HostileInputEndpointTests(ServiceFixture fixture)
{
    private readonly ServiceInstance _service = fixture.Service;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_IdWithTrailingNewlineInPathAndDocument_Returns400NamingId()
    {
        var document = SegmentDocuments.City("nlid2").Replace("\"id\": \"nlid2\"", "\"id\": \"nlid2\\n\"", StringComparison.Ordinal);

        var response = await _service.Client.PutAsync("/segments/nlid2%0A", Json(document), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await JsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("id", error.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Put_ValueWithUnpairedSurrogate_Returns400WithThePath()
    {
        var document = SegmentDocuments.City("seg-surrogate").Replace("\"value\": \"Moscow\"", "\"value\": \"Mos\\ud800cow\"", StringComparison.Ordinal);

        var response = await _service.Client.PutAsync("/segments/seg-surrogate", Json(document), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await JsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("rules.items[0].params.value", error.GetProperty("path").GetString());
        Assert.Contains("unpaired surrogate", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "currency": "RUB", "channel": "website", "region": "Ka\ud800zan" }""", "$.region")]
    [InlineData("""{ "currency": "RUB", "channel": "website", "items": [ { "product_id": "P-\udc01", "quantity": 1 } ] }""", "$.items[0].product_id")]
    public async Task Evaluate_OrderWithUnpairedSurrogate_Returns400WithThePathAndNoParserMessage(string order, string path)
    {
        Assert.True((await _service.Client.PutAsync("/segments/ord-surrogate", Json(SegmentDocuments.WebsiteCart("ord-surrogate")), _ct)).IsSuccessStatusCode);

        var response = await _service.Client.PostAsync("/order-segments/ord-surrogate/evaluate", Json(order), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal(path, problem.GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.DoesNotContain("UTF-16", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_OrderWithBytesThatAreNotUtf8_Returns400WithThePath()
    {
        Assert.True((await _service.Client.PutAsync("/segments/ord-bytes", Json(SegmentDocuments.WebsiteCart("ord-bytes")), _ct)).IsSuccessStatusCode);
        var body = System.Text.Encoding.UTF8.GetBytes("""{ "currency": "RUB", "channel": "website", "region": "Kazan" }""");
        body[Array.IndexOf(body, (byte)'z')] = 0xC3;
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await _service.Client.PostAsync("/order-segments/ord-bytes/evaluate", content, _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$.region", (await JsonAsync(response)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void ToProblem_UnexpectedOrEvaluationFailure_Is500WithoutTheExceptionMessage()
    {
        Exception[] failures =
        [
            new Engine.SegmentEvaluationException("seg", 1, new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string. secret")),
            new InvalidOperationException("secret"),
            new Http.RequestRefusedException(503, "Unavailable", "secret"),
        ];

        foreach (var failure in failures)
        {
            var problem = Http.ProblemExceptionHandler.ToProblem(failure);

            Assert.True(problem.Status >= 500);
            Assert.DoesNotContain("secret", problem.Detail ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", problem.Title ?? string.Empty, StringComparison.Ordinal);
        }
    }
}
