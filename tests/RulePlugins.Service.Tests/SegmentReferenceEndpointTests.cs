using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary>References between segments through the API: a cycle is refused at the reference's path; delete is refused while referred to.</summary>
public sealed class SegmentReferenceEndpointTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Put_ReferenceClosingACycle_400AtTheReferenceAndTheStoredVersionKept()
    {
        await using var service = await StartAsync();
        await service.Client.PutAsync("/segments/a", Json(SegmentDocuments.City("a")), _ct);
        await service.Client.PutAsync("/segments/b", Json(SegmentDocuments.InSegment("b", "a")), _ct);

        var cycle = await service.Client.PutAsync("/segments/a", Json(SegmentDocuments.InSegment("a", "b", "not_in_segment")), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        var error = Assert.Single((await JsonAsync(cycle)).GetProperty("errors").EnumerateArray());
        Assert.Equal("rules.items[0].params.segment", error.GetProperty("path").GetString());
        Assert.Contains("cycle", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stored = await service.Client.GetFromJsonAsync<JsonElement>("/segments/a", _ct);
        Assert.Equal(1, stored.GetProperty("currentVersion").GetInt64());
        Assert.Equal("profile.city", stored.GetProperty("document").GetProperty("rules").GetProperty("items")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Delete_SegmentReferredTo_409NamingTheReferrer()
    {
        await using var service = await StartAsync();
        await service.Client.PutAsync("/segments/a", Json(SegmentDocuments.City("a")), _ct);
        await service.Client.PutAsync("/segments/b", Json(SegmentDocuments.InSegment("b", "a")), _ct);

        var refused = await service.Client.DeleteAsync("/segments/a", _ct);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(["b"], (await JsonAsync(refused)).GetProperty("referrers").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/segments/a", _ct)).StatusCode);
    }
}
