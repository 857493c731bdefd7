using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class ScheduleAndRunQueueTests : IDisposable
{
    private readonly TestDatabase _db = new(new ProfileFieldsPlugin());

    private static string WithSchedule(string schedule) =>
        Documents.Single("sched", "profile.city", new { @operator = "equals", value = "Moscow" })
            .Replace("\"subject\":\"profile\",", $"\"subject\":\"profile\",\"schedule\":{schedule},");

    [Fact]
    public void Save_ScheduleEveryMinutes_IsKeptInTheSegmentsLinks()
    {
        _db.Engine.Save(WithSchedule("{\"everyMinutes\":15}"));

        var links = _db.Engine.Links("sched");

        Assert.NotNull(links);
        Assert.Equal(new Model.SegmentSchedule(15, true), links.Schedule);
        Assert.Empty(links.References);
    }

    [Theory]
    [InlineData("{\"everyMinutes\":0}", "schedule.everyMinutes")]
    [InlineData("{\"everyMinutes\":43201}", "schedule.everyMinutes")]
    [InlineData("{\"everyMinutes\":\"15\"}", "schedule.everyMinutes")]
    [InlineData("{\"enabled\":\"no\"}", "schedule.enabled")]
    [InlineData("{\"every\":15}", "schedule.every")]
    [InlineData("15", "schedule")]
    public void Save_BadSchedule_IsRefusedAtItsPath(string schedule, string path)
    {
        var error = Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(WithSchedule(schedule)));

        Assert.Contains(path, error.Errors.Select(e => e.Path));
        Assert.Empty(_db.Engine.Segments());
    }

    [Fact]
    public void Recalculate_QueuedRunCancelledBeforeItStarts_DoesNotRunAndKeepsMembership()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Kazan" });
        _db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        _db.Engine.Recalculate("moscow");
        _db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Kazan" }));
        var runId = _db.Engine.QueueRun("moscow");

        Assert.True(_db.Engine.FinishQueued(runId, "cancelled", "cancelled before it started"));

        Assert.Throws<OperationCanceledException>(() => _db.Engine.Recalculate("moscow", queuedRunId: runId));
        Assert.Equal([1L], _db.Engine.Members("moscow"));
        Assert.Equal("cancelled", _db.Engine.Run(runId)!.Status);
        Assert.False(_db.Engine.FinishQueued(runId, "cancelled", null));
    }

    [Fact]
    public void Recalculate_QueuedRun_BecomesThatRun()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" });
        _db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        var runId = _db.Engine.QueueRun("moscow");
        Assert.Equal("queued", _db.Engine.Run(runId)!.Status);

        var result = _db.Engine.Recalculate("moscow", queuedRunId: runId);

        Assert.Equal(runId, result.RunId);
        Assert.Equal("succeeded", _db.Engine.Run(runId)!.Status);
        Assert.Single(_db.Engine.Runs("moscow"));
    }

    [Fact]
    public void Initialize_DatabaseFromBeforeStartedBy_AddsTheColumnAndKeepsItsRuns()
    {
        _db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        var old = _db.Engine.QueueRun("moscow", "api");
        _db.Engine.FinishQueued(old, "cancelled", null);
        _db.Execute("ALTER TABLE segment_runs DROP COLUMN started_by");

        var restarted = _db.NewEngine();
        var runId = restarted.QueueRun("moscow", "schedule");

        Assert.Null(restarted.Run(old)!.StartedBy);
        Assert.Equal("schedule", restarted.Run(runId)!.StartedBy);
    }

    [Fact]
    public void Delete_Segment_RemovesItsVersionsMembersAndRuns()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" });
        _db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        _db.Engine.Recalculate("moscow");

        _db.Engine.Delete("moscow");

        Assert.Empty(_db.Engine.Segments());
        Assert.Empty(_db.Engine.Members("moscow"));
        Assert.Empty(_db.Engine.Runs("moscow"));
        Assert.Throws<SegmentNotFoundException>(() => _db.Engine.GetCompiled("moscow"));
        Assert.Throws<SegmentNotFoundException>(() => _db.Engine.Delete("moscow"));
    }

    public void Dispose() => _db.Dispose();
}
