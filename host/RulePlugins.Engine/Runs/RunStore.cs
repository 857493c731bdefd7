using System.Data.Common;
using Dapper;
using RulePlugins.Engine.Data;

namespace RulePlugins.Engine.Runs;

/// <summary>How runs are owned when several processes share one database.</summary>
public sealed record RunLeaseOptions
{
    /// <summary>
    /// How long a run's lease lasts without renewal. The owner renews it every third of this; another host may
    /// reclaim the run once it has expired. Hosts' clocks must agree to well within this.
    /// </summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>This host's owner id on its leases; by default the machine name, process id and a random suffix.</summary>
    public string? Owner { get; init; }
}

/// <summary>A live run's hold on its segment: at most one per segment, across every process on the database.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="RunId">The run that holds it.</param>
/// <param name="Owner">The host instance that owns the run.</param>
/// <param name="AcquiredAt">When the run was queued (Unix milliseconds).</param>
/// <param name="ExpiresAt">When another host may reclaim it unless it is renewed (Unix milliseconds).</param>
public sealed record RunLease(string SegmentId, long RunId, string Owner, long AcquiredAt, long ExpiresAt);

/// <summary>
/// The run no longer holds its segment's lease: its owner stalled past the lease and another host reclaimed it. The run
/// stops without touching the membership.
/// </summary>
public sealed class RunLeaseLostException(string segmentId, long runId)
    : Exception($"Run {runId} of segment '{segmentId}' lost its lease (its host stalled past the lease and another host reclaimed it); the membership was not replaced.")
{
    /// <summary>The segment.</summary>
    public string SegmentId { get; } = segmentId;

    /// <summary>The run.</summary>
    public long RunId { get; } = runId;
}

/// <summary>What <see cref="RunStore.TryQueue"/> did.</summary>
/// <param name="RunId">The queued run, or null when none was queued.</param>
/// <param name="HeldBy">When no run was queued because another live run holds the segment: its lease.</param>
public sealed record QueueOutcome(long? RunId, RunLease? HeldBy);

/// <summary>
/// Owns every read and write of <c>segment_runs</c> and <c>segment_run_leases</c>. A run is recorded together with a lease on its
/// segment in one transaction, so a segment has at most one live run across every process on the database (the lease
/// table's primary key is the segment id). The owner renews its leases (<see cref="Renew"/>); a lease that has expired
/// is reclaimed by whoever comes next (start-up, the scheduler, the next run of that segment): its run is marked
/// abandoned and its staged members deleted. The membership replace fences on the lease inside its own transaction
/// (<see cref="Fence"/>), so a run whose lease was reclaimed can never overwrite a membership.
/// </summary>
internal sealed class RunStore
{
    private const string LeaseColumns = "segment_id AS SegmentId, run_id AS RunId, owner AS Owner, acquired_at AS AcquiredAt, expires_at AS ExpiresAt";
    private const int QueueAttempts = 3;

    private const string RunColumns =
        "id AS Id, segment_id AS SegmentId, version AS Version, status AS Status, started_at AS StartedAt, finished_at AS FinishedAt, "
        + "scanned AS Scanned, members AS Members, entered AS Entered, left_count AS Left, duration_ms AS DurationMs, error AS Error, started_by AS StartedBy, owner AS Owner";
    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly long _durationMs;

    public RunStore(Database database, TimeProvider time, RunLeaseOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Duration, TimeSpan.FromMilliseconds(100), nameof(options));
        _database = database;
        _time = time;
        _durationMs = (long)options.Duration.TotalMilliseconds;
        Owner = options.Owner ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        RenewInterval = options.Duration / 3;
    }

    /// <summary>This host's owner id.</summary>
    public string Owner { get; }

    /// <summary>How often <see cref="Renew"/> should run.</summary>
    public TimeSpan RenewInterval { get; }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Records a queued run of <paramref name="segmentId"/> with a lease on the segment, in one transaction. Nothing is
    /// queued when another live run holds the segment (<see cref="QueueOutcome.HeldBy"/> says which), or, with
    /// <paramref name="notCompletedSince"/>, when a run of the segment completed after that instant: the check runs after
    /// the lease is taken, so two schedulers never both run a segment for one interval.
    /// </summary>
    public QueueOutcome TryQueue(string segmentId, long version, string? startedBy, long? notCompletedSince = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = Now;
            using var connection = _database.Open();
            using var transaction = connection.BeginTransaction();
            ReclaimExpired(connection, transaction, segmentId, now);
            var runId = connection.ExecuteScalar<long>(
                _database.Dialect.ReturningId(
                    "INSERT INTO segment_runs (segment_id, version, status, started_at, started_by, owner) VALUES (@segmentId, @version, @status, @now, @startedBy, @owner)"),
                new { segmentId, version, status = RunStates.Queued, now, startedBy, owner = Owner },
                transaction);
            try
            {
                connection.Execute(
                    "INSERT INTO segment_run_leases (segment_id, run_id, owner, acquired_at, expires_at) VALUES (@segmentId, @runId, @owner, @now, @expires)",
                    new { segmentId, runId, owner = Owner, now, expires = now + _durationMs },
                    transaction);
            }
            catch (DbException ex) when (_database.Dialect.IsUniqueViolation(ex))
            {
                transaction.Rollback();
                if (Holder(segmentId) is { } holder)
                {
                    return new QueueOutcome(null, holder);
                }

                // The holder finished between the insert and the look-up: try again.
                if (attempt == QueueAttempts)
                {
                    throw;
                }

                continue;
            }

            if (notCompletedSince is { } since && connection.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM segment_runs WHERE segment_id = @segmentId AND status IN (@succeeded, @failed) AND started_at > @since",
                    new { segmentId, since, succeeded = RunStates.Succeeded, failed = RunStates.Failed },
                    transaction) > 0)
            {
                transaction.Rollback();
                return new QueueOutcome(null, null);
            }

            transaction.Commit();
            return new QueueOutcome(runId, null);
        }
    }

    /// <summary>
    /// Marks a queued run running (with the version it runs and the instant it starts), after checking it still holds
    /// its lease. Returns false when the run is no longer queued (cancelled meanwhile).
    /// </summary>
    public bool Start(string segmentId, long runId, long version, long at)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var started = connection.Execute(
            "UPDATE segment_runs SET status = @running, version = @version, started_at = @at WHERE id = @runId AND segment_id = @segmentId AND status = @queued",
            new { runId, segmentId, version, at, running = RunStates.Running, queued = RunStates.Queued },
            transaction);
        if (started == 0)
        {
            return false;
        }

        Fence(connection, transaction, segmentId, runId);
        transaction.Commit();
        return true;
    }

    /// <summary>
    /// Inside a caller's transaction: checks that <paramref name="runId"/> still holds the lease on
    /// <paramref name="segmentId"/> and extends it, or throws <see cref="RunLeaseLostException"/>. The row stays locked by
    /// the update until the transaction ends, so the lease cannot be reclaimed between this check and the commit.
    /// </summary>
    public void Fence(DbConnection connection, DbTransaction transaction, string segmentId, long runId)
    {
        var held = connection.Execute(
            "UPDATE segment_run_leases SET expires_at = @expires WHERE segment_id = @segmentId AND run_id = @runId AND owner = @owner",
            new { segmentId, runId, owner = Owner, expires = Now + _durationMs },
            transaction);
        if (held != 1)
        {
            throw new RunLeaseLostException(segmentId, runId);
        }
    }

    /// <summary>Inside the membership replace: records the run succeeded with its statistics and releases its lease.</summary>
    public void Succeed(DbConnection connection, DbTransaction transaction, string segmentId, long runId, RunCounts counts)
    {
        connection.Execute(
            """
            UPDATE segment_runs SET status = @succeeded, finished_at = @finished, scanned = @Scanned, members = @Members,
                entered = @Entered, left_count = @Left, duration_ms = @DurationMs
            WHERE id = @runId
            """,
            new { runId, succeeded = RunStates.Succeeded, finished = Now, counts.Scanned, counts.Members, counts.Entered, counts.Left, counts.DurationMs },
            transaction);
        Release(connection, transaction, runId);
    }

    /// <summary>
    /// Ends a live run without a new membership (<see cref="RunStates.Failed"/>, <see cref="RunStates.Cancelled"/>):
    /// records it, deletes its staged members and releases its lease. With <paramref name="onlyIfQueued"/>, only a run
    /// that has not started is ended. Returns false when the run was not in a state to end (finished, reclaimed).
    /// </summary>
    public bool Finish(long runId, string status, string? error, long? durationMs = null, bool onlyIfQueued = false)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var updated = connection.Execute(
            $"UPDATE segment_runs SET status = @status, error = @error, finished_at = @finished, duration_ms = COALESCE(@durationMs, duration_ms) WHERE id = @runId AND owner = @owner AND status IN (@queued{(onlyIfQueued ? string.Empty : ", @running")})",
            new { runId, status, error, finished = Now, durationMs, owner = Owner, queued = RunStates.Queued, running = RunStates.Running },
            transaction);

        // A run reclaimed by another host (abandoned) may still have staged a batch after that: those rows go too. A live
        // run keeps its staged members (onlyIfQueued on a run that has started).
        if (updated == 1 || connection.ExecuteScalar<string?>("SELECT status FROM segment_runs WHERE id = @runId", new { runId }, transaction) is { } current && !RunStates.IsLive(current))
        {
            connection.Execute("DELETE FROM segment_member_staging WHERE run_id = @runId", new { runId }, transaction);
            Release(connection, transaction, runId);
        }

        transaction.Commit();
        return updated == 1;
    }

    /// <summary>Extends every lease this host holds; returns how many it holds.</summary>
    public int Renew()
    {
        using var connection = _database.Open();
        return connection.Execute(
            "UPDATE segment_run_leases SET expires_at = @expires WHERE owner = @owner",
            new { owner = Owner, expires = Now + _durationMs });
    }

    /// <summary>
    /// Reclaims every run whose lease has expired, and every live run without a lease (recorded before leases existed):
    /// each is marked abandoned, its staged members are deleted and its lease removed. Runs whose lease is current, of
    /// this host or another, are left alone. Returns the reclaimed run ids.
    /// </summary>
    public IReadOnlyList<long> ReclaimExpired()
    {
        var now = Now;
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var expired = connection.Query<RunLease>(
            $"SELECT {LeaseColumns} FROM segment_run_leases WHERE expires_at < @now ORDER BY segment_id", new { now }, transaction).AsList();
        var reclaimed = new List<long>();
        foreach (var lease in expired)
        {
            if (Reclaim(connection, transaction, lease, now))
            {
                reclaimed.Add(lease.RunId);
            }
        }

        var unleased = connection.Query<long>(
            """
            SELECT id FROM segment_runs r
            WHERE status IN (@queued, @running) AND NOT EXISTS (SELECT 1 FROM segment_run_leases l WHERE l.run_id = r.id)
            ORDER BY id
            """,
            new { queued = RunStates.Queued, running = RunStates.Running },
            transaction).AsList();
        foreach (var runId in unleased)
        {
            Abandon(connection, transaction, runId, "it was live without a lease (recorded by an older host)", now);
            reclaimed.Add(runId);
        }

        transaction.Commit();
        return reclaimed;
    }

    /// <summary>Runs newest first, of one segment or of all (<paramref name="segmentId"/> null), with ids below <paramref name="before"/>.</summary>
    public IReadOnlyList<RunInfo> List(string? segmentId, long? before, int limit)
    {
        var filters = new List<string>(2);
        if (segmentId is not null)
        {
            filters.Add("segment_id = @segmentId");
        }

        if (before is not null)
        {
            filters.Add("id < @before");
        }

        var where = filters.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", filters);
        using var connection = _database.Open();
        return connection.Query<RunInfo>(
            _database.Dialect.Limit($"SELECT {RunColumns} FROM segment_runs{where} ORDER BY id DESC"), new { segmentId, before, limit }).AsList();
    }

    /// <summary>One run, or null.</summary>
    public RunInfo? Find(long runId)
    {
        using var connection = _database.Open();
        return connection.QuerySingleOrDefault<RunInfo>($"SELECT {RunColumns} FROM segment_runs WHERE id = @runId", new { runId });
    }

    /// <summary>The lease on a segment, or null when it has no live run.</summary>
    public RunLease? Holder(string segmentId)
    {
        using var connection = _database.Open();
        return connection.QuerySingleOrDefault<RunLease>(
            $"SELECT {LeaseColumns} FROM segment_run_leases WHERE segment_id = @segmentId", new { segmentId });
    }

    /// <summary>Whether <paramref name="lease"/> has expired now.</summary>
    public bool IsExpired(RunLease lease) => lease.ExpiresAt < Now;

    /// <summary>Inside a caller's transaction: reclaims the segment's lease when it has expired.</summary>
    public void ReclaimExpired(DbConnection connection, DbTransaction transaction, string segmentId, long now)
    {
        var lease = connection.QuerySingleOrDefault<RunLease>(
            $"SELECT {LeaseColumns} FROM segment_run_leases WHERE segment_id = @segmentId AND expires_at < @now",
            new { segmentId, now },
            transaction);
        if (lease is not null)
        {
            Reclaim(connection, transaction, lease, now);
        }
    }

    private bool Reclaim(DbConnection connection, DbTransaction transaction, RunLease lease, long now)
    {
        // Deleted only while still expired: an owner that renewed meanwhile keeps its run.
        var deleted = connection.Execute(
            "DELETE FROM segment_run_leases WHERE segment_id = @SegmentId AND run_id = @RunId AND expires_at < @now",
            new { lease.SegmentId, lease.RunId, now },
            transaction);
        if (deleted == 0)
        {
            return false;
        }

        var silentFor = TimeSpan.FromMilliseconds(now - lease.ExpiresAt + _durationMs);
        Abandon(connection, transaction, lease.RunId, $"its owner {lease.Owner} stopped renewing its lease ({silentFor.TotalSeconds:F0} s without a renewal)", now);
        return true;
    }

    private static void Abandon(DbConnection connection, DbTransaction transaction, long runId, string reason, long now)
    {
        connection.Execute(
            "UPDATE segment_runs SET status = @abandoned, error = @reason, finished_at = @now WHERE id = @runId AND status IN (@queued, @running)",
            new { runId, reason, now, abandoned = RunStates.Abandoned, queued = RunStates.Queued, running = RunStates.Running },
            transaction);
        connection.Execute("DELETE FROM segment_member_staging WHERE run_id = @runId", new { runId }, transaction);
    }

    private void Release(DbConnection connection, DbTransaction transaction, long runId) =>
        connection.Execute(
            "DELETE FROM segment_run_leases WHERE run_id = @runId AND owner = @owner",
            new { runId, owner = Owner },
            transaction);
}

/// <summary>The statistics a successful run records.</summary>
internal readonly record struct RunCounts(long Scanned, long Members, long Entered, long Left, long DurationMs);
