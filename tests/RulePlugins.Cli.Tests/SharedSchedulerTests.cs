using Dapper;

namespace RulePlugins.Cli.Tests;

/// <summary>
/// Two services with their schedulers on one PostgreSQL database, as two hosts behind a load balancer would run: every
/// due segment runs once per interval, never twice and never overlapping, whichever host takes it.
/// </summary>
public sealed class SharedSchedulerTests : IDisposable
{
    /// <summary>How long both services run; <c>RULEPLUGINS_SCHEDULER_SECONDS</c> makes it longer.</summary>
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("RULEPLUGINS_SCHEDULER_SECONDS"), out var seconds) && seconds > 0 ? seconds : 40);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly RuleHostProcess _host = new();

    [Fact]
    public void Schedulers_TwoServicesOnOneDatabase_RunEachDueSegmentOncePerInterval()
    {
        using var database = MultiProcessRunTests.TestDatabaseOf("postgresql");
        var args = database.Arguments;
        MultiProcessRunTests.Succeed(_host.Run(["demo", "--profiles", "2000", .. args]));
        using (var connection = database.Database.Open())
        {
            // The demo's own runs would make every segment not due for the first interval; start from none.
            connection.Execute("DELETE FROM membership_log; DELETE FROM segment_members; DELETE FROM segment_runs");
        }

        string[] settings = [$"--RuleHost:Scheduling:DefaultInterval={Interval:c}", "--RuleHost:Scheduling:PollInterval=00:00:00.250"];
        string logs;
        using (var first = MultiProcessRunTests.StartService(_host, args, scheduling: true, settings))
        using (var second = MultiProcessRunTests.StartService(_host, args, scheduling: true, settings))
        {
            Thread.Sleep(Duration);
            first.Kill();
            second.Kill();
            logs = string.Join("\n", first.Output, first.Error, second.Output, second.Error);
        }

        using var check = database.Database.Open();
        // Every profile segment with rules; a static segment's members are imported, never scheduled.
        var segments = check.Query<string>("SELECT id FROM segments WHERE subject = 'profile' AND status <> 'static' ORDER BY id").AsList();
        var runs = check.Query<(long Id, string SegmentId, string Status, long StartedAt, long? FinishedAt, string Owner)>(
            "SELECT id AS Id, segment_id AS SegmentId, status AS Status, started_at AS StartedAt, finished_at AS FinishedAt, owner AS Owner FROM segment_runs ORDER BY started_at, id").AsList();
        Assert.NotEmpty(segments);
        foreach (var segment in segments)
        {
            var succeeded = runs.Where(r => r.SegmentId == segment && r.Status == "succeeded").ToList();

            // Once per interval: never twice within one (nor overlapping), and no interval skipped.
            Assert.True(succeeded.Count >= Duration / Interval / 2, $"{segment}: only {succeeded.Count} runs in {Duration}; runs: {string.Join(", ", runs.Select(r => $"{r.Id} {r.SegmentId} {r.Status}"))}\n{logs}");
            for (var i = 1; i < succeeded.Count; i++)
            {
                var gap = succeeded[i].StartedAt - succeeded[i - 1].StartedAt;
                Assert.True(gap >= (long)Interval.TotalMilliseconds, $"{segment}: runs {succeeded[i - 1].Id} and {succeeded[i].Id} started {gap} ms apart, within one interval");
                Assert.True(gap < 2 * (long)Interval.TotalMilliseconds, $"{segment}: runs {succeeded[i - 1].Id} and {succeeded[i].Id} started {gap} ms apart, an interval was skipped");
                Assert.True(succeeded[i].StartedAt >= succeeded[i - 1].FinishedAt, $"{segment}: runs {succeeded[i - 1].Id} and {succeeded[i].Id} overlap");
            }
        }

        // Nothing failed; only a run cut by the stop may be left live or cancelled.
        Assert.DoesNotContain(runs, r => r.Status is "failed" or "abandoned");
        Assert.Equal(2, runs.Select(r => r.Owner).Distinct().Count());
        foreach (var segment in segments)
        {
            MultiProcessRunTests.AssertLogMatchesMembership(database.Database, segment);
        }
    }

    public void Dispose() => _host.Dispose();
}
