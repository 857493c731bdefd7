using Dapper;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Engine.Runs;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// Run ownership between engines on one database, each engine standing for a process: leases, reclaiming runs whose
/// owner stopped, and the fence that keeps a run that lost its lease from replacing a membership.
/// </summary>
public sealed class RunOwnershipTests : IDisposable
{
    private static readonly TimeSpan PastTheLease = new EngineOptions().Leases.Duration + TimeSpan.FromSeconds(1);
    private readonly TestDatabase _db = new(new ProfileFieldsPlugin());

    public RunOwnershipTests()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Kazan" }, new ProfileData(3) { City = "Moscow" });
        _db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
    }

    [Fact]
    public void Initialize_LiveRunOfAnotherProcess_IsLeftAloneWithItsStagedMembers()
    {
        var runId = _db.Engine.QueueRun("moscow");
        _db.Execute($"INSERT INTO segment_member_staging (run_id, profile_id) VALUES ({runId}, 1)");

        var other = _db.NewEngine();

        Assert.Equal(RunStates.Queued, other.Run(runId)!.Status);
        Assert.Equal(1L, _db.Scalar<long>($"SELECT COUNT(*) FROM segment_member_staging WHERE run_id = {runId}"));
        Assert.Equal(_db.Engine.HostId, other.RunLease("moscow")!.Owner);
    }

    [Fact]
    public void QueueRun_SegmentLiveInAnotherProcess_IsRefusedNamingTheRunAndItsOwner()
    {
        var runId = _db.Engine.QueueRun("moscow");
        var other = _db.NewEngine();

        var error = Assert.Throws<SegmentInUseException>(() => other.QueueRun("moscow"));
        var recalculate = Assert.Throws<SegmentInUseException>(() => other.Recalculate("moscow"));

        Assert.Contains($"run {runId} of {_db.Engine.HostId}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"run {runId}", recalculate.Message, StringComparison.Ordinal);
        Assert.Single(other.Runs("moscow"));
    }

    [Fact]
    public void Initialize_RunWhoseLeaseExpired_IsAbandonedAndItsStagedMembersDeleted()
    {
        var runId = _db.Engine.QueueRun("moscow");
        _db.Execute($"INSERT INTO segment_member_staging (run_id, profile_id) VALUES ({runId}, 1)");
        _db.Engine.Dispose();
        _db.Clock.Now += PastTheLease;

        var restarted = _db.NewEngine();

        var run = restarted.Run(runId)!;
        Assert.Equal(RunStates.Abandoned, run.Status);
        Assert.Contains("stopped renewing its lease", run.Error, StringComparison.Ordinal);
        Assert.Equal(0L, _db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        Assert.Null(restarted.RunLease("moscow"));
        Assert.Equal([1L, 3L], restarted.Recalculate("moscow") is { Members: 2 } ? restarted.Members("moscow") : []);
    }

    [Fact]
    public void Initialize_LiveRunWithoutALease_IsAbandoned()
    {
        var runId = _db.Engine.QueueRun("moscow");
        _db.Execute("DELETE FROM segment_run_leases");

        var restarted = _db.NewEngine();

        Assert.Equal(RunStates.Abandoned, restarted.Run(runId)!.Status);
    }

    [Fact]
    public void Recalculate_LeaseReclaimedWhileRunning_FailsAtTheFenceAndKeepsTheOtherRunsMembership()
    {
        _db.Engine.Recalculate("moscow");
        var other = _db.NewEngine();
        RecalculationResult? otherResult = null;
        var options = new RecalculationOptions
        {
            BatchSize = 1,
            Progress = progress =>
            {
                if (progress.Scanned == 1 && otherResult is null)
                {
                    // This process stalls past its lease; the other one reclaims the run and recalculates.
                    _db.Clock.Now += PastTheLease;
                    _db.Execute("UPDATE profile_fields SET city = 'Moscow' WHERE profile_id = 2");
                    otherResult = other.Recalculate("moscow");
                }
            },
        };

        var error = Assert.Throws<RunLeaseLostException>(() => _db.Engine.Recalculate("moscow", options));

        Assert.NotNull(otherResult);
        Assert.Equal([1L, 2L, 3L], other.Members("moscow"));
        var runs = other.Runs("moscow");
        Assert.Equal(RunStates.Abandoned, runs.Single(r => r.Id == error.RunId).Status);
        Assert.Equal(RunStates.Succeeded, runs.Single(r => r.Id == otherResult.RunId).Status);
        Assert.Equal(0L, _db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        Assert.Null(other.RunLease("moscow"));
    }

    [Fact]
    public void TryQueueRun_RunCompletedWithinTheInterval_QueuesNothing()
    {
        var completed = _db.Engine.Recalculate("moscow");
        var since = completed.At - 1;

        var outcome = _db.NewEngine().TryQueueRun("moscow", "schedule", notCompletedSince: since);
        var later = _db.Engine.TryQueueRun("moscow", "schedule", notCompletedSince: completed.At);

        Assert.Equal(new QueueOutcome(null, null), outcome);
        Assert.NotNull(later.RunId);
        Assert.Equal(2, _db.Engine.Runs("moscow").Count);
    }

    [Fact]
    public void Delete_SegmentLiveInAnotherProcess_IsRefused()
    {
        _db.Engine.QueueRun("moscow");
        var other = _db.NewEngine();

        Assert.Throws<SegmentInUseException>(() => other.Delete("moscow"));
        Assert.NotNull(other.Store.Find("moscow"));
    }

    [Fact]
    public void Renew_OwnLeases_MovesTheirExpiry()
    {
        _db.Engine.QueueRun("moscow");
        var before = _db.Engine.RunLease("moscow")!.ExpiresAt;
        _db.Clock.Now += TimeSpan.FromSeconds(10);

        _db.Engine.RenewLeases();

        Assert.Equal(before + 10_000, _db.Engine.RunLease("moscow")!.ExpiresAt);
    }

    public void Dispose() => _db.Dispose();
}
