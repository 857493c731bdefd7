using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Engine;
using RulePlugins.Service.Runs;
using RulePlugins.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary>Recalculating everything and the scheduler; each test has a service of its own.</summary>
public sealed class SchedulingTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static async Task<List<JsonElement>> RunsOfAsync(ServiceInstance service, string id)
    {
        var page = await service.Client.GetFromJsonAsync<JsonElement>($"/runs?segment={id}", TestContext.Current.CancellationToken);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<List<JsonElement>> WaitForRunsAsync(ServiceInstance service, string id, Func<List<JsonElement>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = await RunsOfAsync(service, id);
            if (done(runs))
            {
                return runs;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Segment {id}: runs are still {string.Join(", ", runs.Select(r => r.GetProperty("status").GetString()))} after {timeout}.");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task RecalculateAll_SegmentReferringToAnother_QueuesTheReferredOneFirst()
    {
        await using var service = await ServiceInstance.StartAsync();
        await service.Client.PutAsync("/segments/z-base", Json(SegmentDocuments.City("z-base")), _ct);
        await service.Client.PutAsync("/segments/a-linked", Json(SegmentDocuments.LinkedTo("a-linked", "z-base")), _ct);
        await service.Client.PutAsync("/segments/cart", Json(SegmentDocuments.WebsiteCart("cart")), _ct);

        var response = await service.Client.PostAsync("/segments/recalculate", null, _ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runs = (await JsonAsync(response)).GetProperty("runs").EnumerateArray()
            .ToDictionary(r => r.GetProperty("segmentId").GetString()!, r => r.GetProperty("runId").GetInt64());
        Assert.Equal(["a-linked", "z-base"], runs.Keys.Order(StringComparer.Ordinal));
        Assert.True(runs["z-base"] < runs["a-linked"], "the referred-to segment runs first");
        foreach (var runId in runs.Values)
        {
            Assert.Equal("succeeded", (await service.WaitForRunAsync(runId)).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Recalculate_MembershipChanged_QueuesTheSegmentsReferringToItAfterItInDependencyOrder()
    {
        await using var service = await ServiceInstance.StartAsync();
        await service.Client.PutAsync("/segments/base", Json(SegmentDocuments.City("base")), _ct);
        await service.Client.PutAsync("/segments/in-base", Json(SegmentDocuments.InSegment("in-base", "base")), _ct);
        await service.Client.PutAsync("/segments/not-in-in-base", Json(SegmentDocuments.InSegment("not-in-in-base", "in-base", "not_in_segment")), _ct);

        var started = await JsonAsync(await service.Client.PostAsync("/segments/base/recalculate", null, _ct));
        var baseRun = await service.WaitForRunAsync(started.GetProperty("runId").GetInt64());
        var direct = await WaitForRunsAsync(service, "in-base", r => r.Count > 0 && r[0].GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(90));
        var second = await WaitForRunsAsync(service, "not-in-in-base", r => r.Count > 0 && r[0].GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(90));

        Assert.Equal("succeeded", baseRun.GetProperty("status").GetString());
        Assert.Equal("cascade", direct[0].GetProperty("startedBy").GetString());
        Assert.Equal("cascade", second[0].GetProperty("startedBy").GetString());
        Assert.True(baseRun.GetProperty("id").GetInt64() < direct[0].GetProperty("id").GetInt64());
        Assert.True(direct[0].GetProperty("id").GetInt64() < second[0].GetProperty("id").GetInt64());
        var baseMembers = await MembersAsync(service, "base");
        Assert.NotEmpty(baseMembers);
        Assert.Equal(baseMembers, await MembersAsync(service, "in-base"));
        Assert.Empty((await MembersAsync(service, "not-in-in-base")).Intersect(baseMembers));
    }

    private async Task<IReadOnlyList<long>> MembersAsync(ServiceInstance service, string id) =>
        [.. (await service.Client.GetFromJsonAsync<JsonElement>($"/segments/{id}/members?limit=1000", _ct)).GetProperty("items").EnumerateArray().Select(m => m.GetInt64())];

    [Fact]
    public async Task Scheduler_DueSegments_RecalculatesThemReferredOneFirstAndSkipsDisabled()
    {
        await using var service = await ServiceInstance.StartAsync(new ServiceSettings { Scheduling = true, DefaultInterval = TimeSpan.FromMinutes(30) });
        await service.Client.PutAsync("/segments/z-base", Json(SegmentDocuments.City("z-base")), _ct);
        await service.Client.PutAsync("/segments/a-linked", Json(SegmentDocuments.LinkedTo("a-linked", "z-base")), _ct);
        await service.Client.PutAsync("/segments/manual", Json(SegmentDocuments.City("manual", schedule: "{ \"enabled\": false }")), _ct);

        var baseRuns = await WaitForRunsAsync(service, "z-base", r => r.Count > 0 && r[0].GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(90));
        var linkedRuns = await WaitForRunsAsync(service, "a-linked", r => r.Count > 0 && r[0].GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(90));

        // Both were due at the same tick unless the save of a-linked came a tick later; either way, never before its base.
        Assert.True(baseRuns[^1].GetProperty("id").GetInt64() < linkedRuns[^1].GetProperty("id").GetInt64());
        Assert.Equal("schedule", baseRuns[^1].GetProperty("startedBy").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1), _ct);
        Assert.Empty(await RunsOfAsync(service, "manual"));
        Assert.Single(await RunsOfAsync(service, "z-base"));
        var segment = await service.Client.GetFromJsonAsync<JsonElement>("/segments/manual", _ct);
        Assert.False(segment.GetProperty("schedule").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Scheduler_ShortInterval_RecalculatesAgain()
    {
        await using var service = await ServiceInstance.StartAsync(new ServiceSettings { Scheduling = true, DefaultInterval = TimeSpan.FromSeconds(1) });
        await service.Client.PutAsync("/segments/often", Json(SegmentDocuments.City("often")), _ct);

        var runs = await WaitForRunsAsync(service, "often", r => r.Count(x => x.GetProperty("status").GetString() == "succeeded") >= 2, TimeSpan.FromSeconds(90));

        Assert.True(runs.Count >= 2);
    }

    [Fact]
    public async Task DueSegments_FollowTheLastCompletedRunAndTheSegmentsInterval()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));
        await using var service = await ServiceInstance.StartAsync(new ServiceSettings
        {
            DefaultInterval = TimeSpan.FromMinutes(30),
            Configure = builder => builder.Services.AddSingleton<TimeProvider>(clock),
        });
        await service.Client.PutAsync("/segments/default", Json(SegmentDocuments.City("default")), _ct);
        await service.Client.PutAsync("/segments/five", Json(SegmentDocuments.City("five", schedule: "{ \"everyMinutes\": 5 }")), _ct);
        await service.Client.PutAsync("/segments/manual", Json(SegmentDocuments.City("manual", schedule: "{ \"enabled\": false }")), _ct);
        await service.Client.PutAsync("/segments/cart", Json(SegmentDocuments.WebsiteCart("cart")), _ct);
        var scheduler = service.App.Services.GetRequiredService<RecalculationScheduler>();
        var engine = service.App.Services.GetRequiredService<RuleEngine>();

        // Never run: due, except the disabled one and the order segment.
        Assert.Equal(["default", "five"], scheduler.DueSegments().Order(StringComparer.Ordinal));

        foreach (var id in (string[])["default", "five"])
        {
            var queued = await JsonAsync(await service.Client.PostAsync($"/segments/{id}/recalculate", null, _ct));
            await service.WaitForRunAsync(queued.GetProperty("runId").GetInt64());
        }

        Assert.Empty(scheduler.DueSegments());

        // A cancelled run (as after a shutdown) does not count as a completed one.
        clock.Now = clock.Now.AddMinutes(4);
        engine.FinishQueued(engine.QueueRun("five", "schedule"), "cancelled", "the service stopped before the run started");
        Assert.Empty(scheduler.DueSegments());
        clock.Now = clock.Now.AddMinutes(2);
        Assert.Equal(["five"], scheduler.DueSegments());
        clock.Now = clock.Now.AddMinutes(25);
        Assert.Equal(["default", "five"], scheduler.DueSegments().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Shutdown_DuringRun_CancelsItKeepsMembershipAndScheduleResumesAfterRestart()
    {
        await using var service = await ServiceInstance.StartAsync(new ServiceSettings { Scheduling = true, DefaultInterval = TimeSpan.FromMinutes(30) });
        await service.Client.PutAsync("/segments/slow", Json(SegmentDocuments.City("slow")), _ct);
        var first = await WaitForRunsAsync(service, "slow", r => r.Count > 0 && r[0].GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(90));
        var members = first[0].GetProperty("members").GetInt64();

        // A slow version, run by hand and kept off the schedule meanwhile.
        await service.Client.PutAsync("/segments/slow", Json(SegmentDocuments.Slow("slow", 300).Replace("\"subject\": \"profile\",", "\"subject\": \"profile\", \"schedule\": { \"enabled\": false },")), _ct);
        var queued = await JsonAsync(await service.Client.PostAsync("/segments/slow/recalculate", null, _ct));
        var runId = queued.GetProperty("runId").GetInt64();
        await WaitForRunsAsync(service, "slow", r => r[0].GetProperty("status").GetString() == "running", TimeSpan.FromSeconds(90));

        await service.RestartAsync();

        var stopped = await service.Client.GetFromJsonAsync<JsonElement>($"/runs/{runId}", _ct);
        Assert.Equal("cancelled", stopped.GetProperty("status").GetString());
        var page = await service.Client.GetFromJsonAsync<JsonElement>("/segments/slow/members", _ct);
        Assert.Equal(members, page.GetProperty("total").GetInt64());

        // After the restart the scheduler picks the segment up again once it is back on a schedule that is due.
        await service.Client.PutAsync("/segments/slow", Json(SegmentDocuments.City("slow", schedule: "{ \"everyMinutes\": 1 }")), _ct);
        await service.Client.PutAsync("/segments/fresh", Json(SegmentDocuments.City("fresh")), _ct);
        var fresh = await WaitForRunsAsync(service, "fresh", r => r.Count > 0 && r[0].GetProperty("status").GetString() == "succeeded", TimeSpan.FromSeconds(90));
        Assert.Equal("schedule", fresh[0].GetProperty("startedBy").GetString());
        Assert.Equal(2, (await RunsOfAsync(service, "slow")).Count);
    }
}
