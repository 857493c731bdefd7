using RulePlugins.Engine.Recalculation;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class RecalculationTests : IDisposable
{
    private const string Segment = "moscow";
    private readonly TestDatabase _db = new();

    public RecalculationTests()
    {
        // 25 profiles; 1-10 live in Moscow at first.
        _db.AddProfiles([.. Enumerable.Range(1, 25).Select(i => new ProfileData(i) { City = i <= 10 ? "Moscow" : "Kazan" })]);
        _db.Engine.Save(Documents.Single(Segment, "profile.city", new { @operator = "equals", value = "Moscow" }));
    }

    private static RecalculationOptions Batches(int size, Action<RecalculationProgress>? progress = null) =>
        new() { BatchSize = size, Progress = progress };

    private void MoveMoscowTo11To20() =>
        _db.Execute("UPDATE profile_fields SET city = CASE WHEN profile_id BETWEEN 11 AND 20 THEN 'Moscow' ELSE 'Kazan' END");

    [Fact]
    public void Recalculate_FirstRun_WritesMembersEnteredLogAndStatistics()
    {
        var result = _db.Engine.Recalculate(Segment, Batches(7));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _db.Engine.Members(Segment));
        Assert.Equal((25L, 10L, 10L, 0L), (result.Scanned, result.Members, result.Entered, result.Left));
        var log = _db.Engine.MembershipLog(Segment);
        Assert.All(log, change => Assert.Equal(("entered", result.RunId, TestDatabase.DefaultNow.ToUnixTimeMilliseconds()), (change.Change, change.RunId, change.At)));
        var run = Assert.Single(_db.Engine.Runs(Segment));
        Assert.Equal(("succeeded", 25L, 10L, 10L, 0L), (run.Status, run.Scanned, run.Members, run.Entered, run.Left));
    }

    [Fact]
    public void Recalculate_AnyRun_ReportsEveryPhaseWithinTheRunsDuration()
    {
        var result = _db.Engine.Recalculate(Segment, Batches(7));

        var phases = Assert.IsType<RecalculationPhases>(result.Phases);
        Assert.Equal(["setup", "ids", "rows", "evaluation", "staging", "replace"], phases.Named.Select(p => p.Name));
        Assert.All(phases.Named, p => Assert.InRange(p.Time, TimeSpan.Zero, result.Duration));
        Assert.True(phases.Ids > TimeSpan.Zero && phases.Rows > TimeSpan.Zero && phases.Evaluation > TimeSpan.Zero && phases.Replace > TimeSpan.Zero, phases.ToString());

        // What runs one after the other on the evaluating thread fits in the run.
        Assert.True(phases.Setup + phases.Evaluation + phases.Staging + phases.Replace <= result.Duration, phases.ToString());
    }

    [Fact]
    public void Recalculate_AfterDataChanged_LogsWhoEnteredAndWhoLeft()
    {
        _db.Engine.Recalculate(Segment, Batches(7));
        MoveMoscowTo11To20();
        _db.Clock.Now = TestDatabase.DefaultNow.AddHours(1);

        var result = _db.Engine.Recalculate(Segment, Batches(7));

        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), _db.Engine.Members(Segment));
        Assert.Equal((10L, 10L), (result.Entered, result.Left));
        var secondRun = _db.Engine.MembershipLog(Segment).Where(c => c.RunId == result.RunId).ToList();
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), secondRun.Where(c => c.Change == "entered").Select(c => c.ProfileId));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), secondRun.Where(c => c.Change == "left").Select(c => c.ProfileId));
        Assert.All(secondRun, c => Assert.Equal(TestDatabase.DefaultNow.AddHours(1).ToUnixTimeMilliseconds(), c.At));
    }

    [Fact]
    public void Recalculate_FailingHalfWay_LeavesPreviousMembershipIntact()
    {
        _db.Engine.Recalculate(Segment, Batches(7));
        var logBefore = _db.Engine.MembershipLog(Segment).Count;
        MoveMoscowTo11To20();

        var exception = Assert.Throws<InvalidOperationException>(() => _db.Engine.Recalculate(Segment, Batches(7, progress =>
        {
            if (progress.Scanned >= 14)
            {
                throw new InvalidOperationException("disk full");
            }
        })));

        Assert.Equal("disk full", exception.Message);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _db.Engine.Members(Segment));
        Assert.Equal(logBefore, _db.Engine.MembershipLog(Segment).Count);
        Assert.Equal(0L, _db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        var failed = _db.Engine.Runs(Segment)[0];
        Assert.Equal(("failed", "disk full"), (failed.Status, failed.Error));
    }

    [Fact]
    public void Recalculate_Cancelled_LeavesPreviousMembershipIntact()
    {
        _db.Engine.Recalculate(Segment, Batches(7));
        MoveMoscowTo11To20();
        using var cancellation = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => _db.Engine.Recalculate(
            Segment,
            Batches(5, progress =>
            {
                if (progress.Scanned >= 10)
                {
                    cancellation.Cancel();
                }
            }),
            cancellation.Token));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), _db.Engine.Members(Segment));
        Assert.Equal("cancelled", _db.Engine.Runs(Segment)[0].Status);
        Assert.Equal(0L, _db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(24)]
    [InlineData(25)]
    [InlineData(10_000)]
    public void Recalculate_AnyBatchSize_GivesTheSameMembers(int batchSize)
    {
        // Gaps in the ids and profiles without a fields row must not shift rows between profiles.
        _db.AddProfiles([new ProfileData(40) { City = "Moscow" }, new ProfileData(41) { City = "Kazan" }]);
        _db.AddProfiles([42L, 43L]);
        _db.AddProfiles([new ProfileData(50) { City = "moscow" }]);

        _db.Engine.Recalculate(Segment, Batches(batchSize));

        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => (long)i), 40L, 50L], _db.Engine.Members(Segment));
    }

    [Fact]
    public void Recalculate_ReportsProgressUpToTheTotal()
    {
        var reports = new List<RecalculationProgress>();

        _db.Engine.Recalculate(Segment, Batches(10, reports.Add));

        Assert.Equal([10L, 20L, 25L], reports.Select(r => r.Scanned));
        Assert.All(reports, r => Assert.Equal(25L, r.Total));
    }

    public void Dispose() => _db.Dispose();
}
