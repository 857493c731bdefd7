using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary><c>/static-segments</c>: create, import CSV and JSON bodies, refusals that change nothing, and the cascade.</summary>
public sealed class StaticSegmentEndpointTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<IReadOnlyList<long>> MembersAsync(ServiceInstance service, string id) =>
        [.. (await service.Client.GetFromJsonAsync<JsonElement>($"/segments/{id}/members?limit=1000", _ct)).GetProperty("items").EnumerateArray().Select(m => m.GetInt64())];

    [Fact]
    public async Task Import_CsvThenJsonAddThenRemove_MembersFollowAndEachIsARun()
    {
        await using var service = await StartAsync();
        var created = await service.Client.PostAsync("/static-segments", Json("""{ "id": "vip", "name": "VIP" }"""), _ct);

        var replaced = await JsonAsync(await service.Client.PutAsync("/static-segments/vip/members", Csv("profile_id\n3\n1\n2\n"), _ct));
        var added = await service.Client.PostAsync("/static-segments/vip/members", Json("[4, 5]"), _ct);
        var removed = await JsonAsync(await service.Client.PostAsync("/static-segments/vip/members?mode=remove", Csv("1\n"), _ct));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, replaced.GetProperty("entered").GetInt64());
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(1, removed.GetProperty("left").GetInt64());
        Assert.Equal([2L, 3, 4, 5], await MembersAsync(service, "vip"));
        var segment = await service.Client.GetFromJsonAsync<JsonElement>("/segments/vip", _ct);
        Assert.Equal("static", segment.GetProperty("status").GetString());
        var runs = (await service.Client.GetFromJsonAsync<JsonElement>("/runs?segment=vip", _ct)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal("import", r.GetProperty("startedBy").GetString()));
    }

    [Fact]
    public async Task Import_UnknownIdsOrMalformedLine_400WithCountAndWhereAndNothingApplied()
    {
        await using var service = await StartAsync();
        await service.Client.PostAsync("/static-segments", Json("""{ "id": "vip" }"""), _ct);
        await service.Client.PutAsync("/static-segments/vip/members", Csv("1\n2\n"), _ct);

        var unknown = await service.Client.PutAsync("/static-segments/vip/members", Csv("3\n987654321\n"), _ct);
        var malformed = await service.Client.PostAsync("/static-segments/vip/members", Csv("4\nfour\n"), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await JsonAsync(unknown);
        Assert.Equal("unknown profile ids", problem.GetProperty("problem").GetString());
        Assert.Equal(1, problem.GetProperty("count").GetInt64());
        Assert.Equal(["line 2: 987654321"], problem.GetProperty("where").EnumerateArray().Select(w => w.GetString()));
        Assert.False(problem.GetProperty("applied").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("malformed lines", (await JsonAsync(malformed)).GetProperty("problem").GetString());
        Assert.Equal([1L, 2], await MembersAsync(service, "vip"));
    }

    [Fact]
    public async Task Import_SegmentWithRulesOrUnknownOrBadMode_RefusedWithoutChange()
    {
        await using var service = await StartAsync();
        await service.Client.PutAsync("/segments/moscow", Json(SegmentDocuments.City("moscow")), _ct);
        await service.Client.PostAsync("/static-segments", Json("""{ "id": "vip" }"""), _ct);

        var rules = await service.Client.PutAsync("/static-segments/moscow/members", Csv("1\n"), _ct);
        var missing = await service.Client.PutAsync("/static-segments/nope/members", Csv("1\n"), _ct);
        var mode = await service.Client.PostAsync("/static-segments/vip/members?mode=merge", Csv("1\n"), _ct);
        var type = await service.Client.PutAsync("/static-segments/vip/members", new StringContent("1", Encoding.UTF8, "application/xml"), _ct);
        var recalc = await service.Client.PostAsync("/segments/vip/recalculate", null, _ct);
        var taken = await service.Client.PostAsync("/static-segments", Json("""{ "id": "moscow" }"""), _ct);

        Assert.Equal(
            [HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.Conflict, HttpStatusCode.BadRequest],
            [rules.StatusCode, missing.StatusCode, mode.StatusCode, type.StatusCode, recalc.StatusCode, taken.StatusCode]);
        Assert.Empty(await MembersAsync(service, "vip"));
    }

    [Fact]
    public async Task Import_ChangesMembers_SegmentsReferringToItAreRecalculatedAfter()
    {
        await using var service = await StartAsync();
        await service.Client.PostAsync("/static-segments", Json("""{ "id": "vip" }"""), _ct);
        await service.Client.PutAsync("/segments/in-vip", Json(SegmentDocuments.InSegment("in-vip", "vip")), _ct);

        await service.Client.PutAsync("/static-segments/vip/members", Csv("5\n6\n7\n"), _ct);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await MembersAsync(service, "in-vip")).Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, _ct);
        }

        Assert.Equal([5L, 6, 7], await MembersAsync(service, "in-vip"));
        var run = (await service.Client.GetFromJsonAsync<JsonElement>("/runs?segment=in-vip", _ct)).GetProperty("items")[0];
        Assert.Equal("cascade", run.GetProperty("startedBy").GetString());
    }
}
