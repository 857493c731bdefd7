using System.Net;
using static RulePlugins.Service.Tests.ServiceInstance;

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
}
