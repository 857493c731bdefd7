using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class RunEndpointTests(ServiceFixture fixture)
{
    private readonly ServiceInstance _service = fixture.Service;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private long CountInDatabase(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_service.DatabasePath}");
        return connection.ExecuteScalar<long>(sql);
    }

    [Fact]
    public async Task Recalculate_ProfileSegment_Returns202AndRunSucceedsWithMembersMatchingSql()
    {
        await _service.Client.PutAsync("/segments/run-moscow", Json(SegmentDocuments.City("run-moscow")), _ct);
        var before = DateTimeOffset.UtcNow;

        var response = await _service.Client.PostAsync("/segments/run-moscow/recalculate", null, _ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await JsonAsync(response);
        var runId = queued.GetProperty("runId").GetInt64();
        Assert.Equal($"/runs/{runId}", response.Headers.Location?.OriginalString);
        var run = await _service.WaitForRunAsync(runId);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("api", run.GetProperty("startedBy").GetString());
        var expected = CountInDatabase("SELECT COUNT(*) FROM profile_fields WHERE city = 'Moscow'");
        Assert.True(expected > 0);
        Assert.Equal(expected, run.GetProperty("members").GetInt64());
        Assert.Equal(CountInDatabase("SELECT COUNT(*) FROM profiles"), run.GetProperty("scanned").GetInt64());
        Assert.Equal(expected, run.GetProperty("entered").GetInt64());

        // The evaluation instant ("now" for every relative condition of the run) is shown, and is when the run started.
        var evaluatedAt = run.GetProperty("evaluatedAt").GetDateTimeOffset();
        Assert.InRange(evaluatedAt, before.AddMilliseconds(-1), DateTimeOffset.UtcNow);
        Assert.Equal(run.GetProperty("startedAt").GetDateTimeOffset(), evaluatedAt);
        Assert.False(string.IsNullOrEmpty(run.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task GetMembers_Paged_CoversEveryMemberOnceInOrder()
    {
        await _service.Client.PutAsync("/segments/run-paged", Json(SegmentDocuments.City("run-paged")), _ct);
        var queued = await JsonAsync(await _service.Client.PostAsync("/segments/run-paged/recalculate", null, _ct));
        await _service.WaitForRunAsync(queued.GetProperty("runId").GetInt64());
        var expected = (await new SqliteConnection($"Data Source={_service.DatabasePath}")
            .QueryAsync<long>("SELECT profile_id FROM profile_fields WHERE city = 'Moscow' ORDER BY profile_id")).ToList();

        var seen = new List<long>();
        long? after = null;
        var pages = 0;
        do
        {
            var page = await _service.Client.GetFromJsonAsync<JsonElement>($"/segments/run-paged/members?limit=7{(after is null ? "" : $"&after={after}")}", _ct);
            Assert.Equal(expected.Count, page.GetProperty("total").GetInt64());
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetInt64()));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
            pages++;
        }
        while (after is not null);

        Assert.Equal(expected, seen);
        Assert.True(pages > 1);
    }

    [Fact]
    public async Task GetMembershipLog_AfterTwoRuns_ShowsEnteredThenLeft()
    {
        await _service.Client.PutAsync("/segments/run-log", Json(SegmentDocuments.City("run-log")), _ct);
        var first = await JsonAsync(await _service.Client.PostAsync("/segments/run-log/recalculate", null, _ct));
        await _service.WaitForRunAsync(first.GetProperty("runId").GetInt64());
        await _service.Client.PutAsync("/segments/run-log", Json(SegmentDocuments.City("run-log", "No Such City")), _ct);
        var second = await JsonAsync(await _service.Client.PostAsync("/segments/run-log/recalculate", null, _ct));
        var run = await _service.WaitForRunAsync(second.GetProperty("runId").GetInt64());
        Assert.Equal(0, run.GetProperty("members").GetInt64());

        var log = await _service.Client.GetFromJsonAsync<JsonElement>("/segments/run-log/membership-log?limit=10000", _ct);

        var changes = log.GetProperty("items").EnumerateArray().ToList();
        var moscow = CountInDatabase("SELECT COUNT(*) FROM profile_fields WHERE city = 'Moscow'");
        Assert.Equal(moscow, changes.Count(c => c.GetProperty("change").GetString() == "entered"));
        Assert.Equal(moscow, changes.Count(c => c.GetProperty("change").GetString() == "left"));
        Assert.Equal(moscow, run.GetProperty("left").GetInt64());
        Assert.Equal(0, (await _service.Client.GetFromJsonAsync<JsonElement>("/segments/run-log/members", _ct)).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("/segments/run-any/members?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/segments/run-any/members?limit=100000", HttpStatusCode.BadRequest)]
    [InlineData("/segments/run-any/members?after=-1", HttpStatusCode.BadRequest)]
    [InlineData("/segments/run-any/members?limit=abc", HttpStatusCode.BadRequest)]
    [InlineData("/runs?before=abc", HttpStatusCode.BadRequest)]
    [InlineData("/runs/abc", HttpStatusCode.NotFound)]
    public async Task Get_BadQueryOrRouteValue_ReturnsProblem(string path, HttpStatusCode expected)
    {
        await _service.Client.PutAsync("/segments/run-any", Json(SegmentDocuments.City("run-any")), _ct);

        var response = await _service.Client.GetAsync(path, _ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cancel_RunningRun_StopsItAndKeepsPreviousMembership()
    {
        await _service.Client.PutAsync("/segments/run-cancel", Json(SegmentDocuments.City("run-cancel")), _ct);
        var first = await JsonAsync(await _service.Client.PostAsync("/segments/run-cancel/recalculate", null, _ct));
        await _service.WaitForRunAsync(first.GetProperty("runId").GetInt64());
        var before = (await _service.Client.GetFromJsonAsync<JsonElement>("/segments/run-cancel/members", _ct)).GetProperty("total").GetInt64();

        // The slow version would take minutes: 300 profiles at 400 ms each over two cores.
        await _service.Client.PutAsync("/segments/run-cancel", Json(SegmentDocuments.Slow("run-cancel", 400)), _ct);
        var slow = await JsonAsync(await _service.Client.PostAsync("/segments/run-cancel/recalculate", null, _ct));
        var runId = slow.GetProperty("runId").GetInt64();
        var busy = await _service.Client.PostAsync("/segments/run-cancel/recalculate", null, _ct);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        var deleting = await _service.Client.DeleteAsync("/segments/run-cancel", _ct);
        Assert.Equal(HttpStatusCode.Conflict, deleting.StatusCode);

        var cancel = await _service.Client.PostAsync($"/runs/{runId}/cancel", null, _ct);

        Assert.True(cancel.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, cancel.StatusCode.ToString());
        var run = await _service.WaitForRunAsync(runId, TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        Assert.Equal(before, (await _service.Client.GetFromJsonAsync<JsonElement>("/segments/run-cancel/members", _ct)).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await _service.Client.PostAsync($"/runs/{runId}/cancel", null, _ct)).StatusCode);
        await _service.Client.DeleteAsync("/segments/run-cancel", _ct);
    }

    [Fact]
    public async Task GetRun_WhileRunning_ReportsProgress()
    {
        await _service.Client.PutAsync("/segments/run-progress", Json(SegmentDocuments.Slow("run-progress", 20)), _ct);
        var queued = await JsonAsync(await _service.Client.PostAsync("/segments/run-progress/recalculate", null, _ct));
        var runId = queued.GetProperty("runId").GetInt64();

        JsonElement? running = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (running is null && DateTime.UtcNow < deadline)
        {
            var run = await _service.Client.GetFromJsonAsync<JsonElement>($"/runs/{runId}", _ct);
            if (run.GetProperty("status").GetString() == "running" && run.GetProperty("progress").GetProperty("scanned").GetInt64() > 0)
            {
                running = run;
            }

            await Task.Delay(20, _ct);
        }

        await _service.Client.PostAsync($"/runs/{runId}/cancel", null, _ct);
        Assert.NotNull(running);
        var progress = running.Value.GetProperty("progress");
        Assert.Equal(CountInDatabase("SELECT COUNT(*) FROM profiles"), progress.GetProperty("total").GetInt64());
        Assert.InRange(progress.GetProperty("percent").GetDouble(), 0.1, 100);
        Assert.True(progress.GetProperty("profilesPerSecond").GetDouble() > 0);
        await _service.WaitForRunAsync(runId);
        await _service.Client.DeleteAsync("/segments/run-progress", _ct);
    }

    [Fact]
    public async Task Recalculate_OrderSegment_Returns400()
    {
        await _service.Client.PutAsync("/segments/run-order", Json(SegmentDocuments.WebsiteCart("run-order")), _ct);

        var response = await _service.Client.PostAsync("/segments/run-order/recalculate", null, _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("evaluate", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/segments/run-nope/recalculate")]
    [InlineData("/runs/999999/cancel")]
    public async Task Post_UnknownSegmentOrRun_Returns404(string path)
    {
        var response = await _service.Client.PostAsync(path, null, _ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.GetAsync("/runs/999999", _ct)).StatusCode);
    }
}
