using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RulePlugins.Engine;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Engine.Runs;

namespace RulePlugins.Service.Runs;

/// <summary>A run as the service reports it: the stored record, with live progress while it runs.</summary>
/// <param name="Run">The stored run.</param>
/// <param name="Progress">Where it is, while it runs.</param>
public sealed record RunStatus(RunInfo Run, RecalculationProgress? Progress);

/// <summary>What cancelling a run did.</summary>
public enum CancelOutcome
{
    /// <summary>No run has that id.</summary>
    NotFound,

    /// <summary>The run was queued and will not start.</summary>
    Cancelled,

    /// <summary>The run is stopping; its previous membership stays.</summary>
    Cancelling,

    /// <summary>The run had already finished.</summary>
    AlreadyFinished,

    /// <summary>The run is live, but another host owns it: cancel it there.</summary>
    OwnedElsewhere,
}

/// <summary>
/// The recalculation queue: runs start in the order they were queued, one at a time (each already uses every
/// core), so a segment queued after the segments it refers to sees their new membership. A segment has at most
/// one queued or running run, across every host on the database (the engine's run leases). Stopping the service
/// cancels the running run, which keeps the previous membership, and marks queued runs cancelled.
/// </summary>
public sealed partial class RunCoordinator(RuleEngine engine, IOptions<ServiceOptions> options, ILogger<RunCoordinator> logger) : BackgroundService
{
    private readonly Channel<ActiveRun> _queue = Channel.CreateUnbounded<ActiveRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, ActiveRun> _active = new();
    private readonly Lock _enqueueLock = new();

    /// <summary>How a run queued because a segment it refers to changed is recorded as started.</summary>
    public const string StartedByCascade = "cascade";

    /// <summary>
    /// Queues a recalculation of one profile segment and returns its run id. Throws
    /// <see cref="SegmentInUseException"/> when the segment already has a queued or running run.
    /// </summary>
    public long Enqueue(string segmentId, string startedBy)
    {
        lock (_enqueueLock)
        {
            if (ActiveRunOf(segmentId) is { } existing)
            {
                throw new SegmentInUseException(segmentId, $"run {existing.RunId} is already {(existing.Started ? "running" : "queued")} for it", []);
            }

            return Add(engine.QueueRun(segmentId, startedBy), segmentId, startedBy);
        }
    }

    /// <summary>
    /// Queues every ready profile segment in <paramref name="segmentIds"/> (every one when null) that has no
    /// queued or running run here or on another host, segments referred to before those that refer to them. With
    /// <paramref name="notCompletedSince"/>, a segment is skipped when one of its runs completed after the instant that
    /// function gives for it (Unix milliseconds): the scheduler's check, made under the segment's lease so two hosts never
    /// both run one interval. Returns the queued runs.
    /// </summary>
    public IReadOnlyList<(string SegmentId, long RunId)> EnqueueMany(IEnumerable<string>? segmentIds, string startedBy, Func<string, long>? notCompletedSince = null)
    {
        var candidates = segmentIds ?? engine.Segments().Where(s => s.Subject == Sdk.SubjectKinds.Profile && s.Status == Engine.Store.SegmentStatus.Ready).Select(s => s.Id);
        var queued = new List<(string, long)>();
        lock (_enqueueLock)
        {
            foreach (var id in engine.InDependencyOrder(candidates))
            {
                if (ActiveRunOf(id) is not null)
                {
                    continue;
                }

                var outcome = engine.TryQueueRun(id, startedBy, notCompletedSince?.Invoke(id));
                if (outcome.RunId is { } runId)
                {
                    queued.Add((id, Add(runId, id, startedBy)));
                }
            }
        }

        return queued;
    }

    /// <summary>The host instance that owns a run, or null when the run is unknown.</summary>
    public string? OwnerOf(long runId) => engine.Run(runId)?.Owner;

    /// <summary>
    /// Whether a segment has a queued or running run. The stored status decides: a run that has just finished is stored
    /// as such a moment before the worker lets go of it, and by then it no longer holds the segment.
    /// </summary>
    public bool IsActive(string segmentId) =>
        ActiveRunOf(segmentId) is { } run && engine.Run(run.RunId) is { } stored && RunStates.IsLive(stored.Status);

    /// <summary>A run's status, with progress while it runs; null when there is no such run.</summary>
    public RunStatus? Status(long runId)
    {
        var info = engine.Run(runId);
        if (info is null)
        {
            return null;
        }

        return WithProgress(info);
    }

    /// <summary>A stored run with its live progress when it is active; no database read.</summary>
    public RunStatus WithProgress(RunInfo run) =>
        new(run, _active.TryGetValue(run.Id, out var active) ? active.Progress : null);

    /// <summary>Cancels a queued or running run.</summary>
    public CancelOutcome Cancel(long runId)
    {
        // The stored status is the truth: a run that has just finished may not have left the active list yet.
        var stored = engine.Run(runId);
        if (_active.TryGetValue(runId, out var active) && stored is not null && RunStates.IsLive(stored.Status))
        {
            lock (_enqueueLock)
            {
                if (!active.Started && engine.FinishQueued(runId, RunStates.Cancelled, "cancelled before it started"))
                {
                    active.Cancellation.Cancel();
                    _active.TryRemove(runId, out _);
                    return CancelOutcome.Cancelled;
                }
            }

            active.Cancellation.Cancel();
            return CancelOutcome.Cancelling;
        }

        return stored is null ? CancelOutcome.NotFound
            : RunStates.IsLive(stored.Status) && stored.Owner != engine.HostId ? CancelOutcome.OwnedElsewhere
            : CancelOutcome.AlreadyFinished;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var run in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                if (!run.Cancellation.IsCancellationRequested)
                {
                    await Task.Run(() => Execute(run, stoppingToken), CancellationToken.None);
                }

                _active.TryRemove(run.RunId, out _);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            foreach (var pending in _active.Values)
            {
                engine.FinishQueued(pending.RunId, RunStates.Cancelled, "the service stopped before the run started");
            }
        }
    }

    private void Execute(ActiveRun run, CancellationToken stoppingToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, run.Cancellation.Token);
        var recalculation = engine.Options.Recalculation with
        {
            BatchSize = options.Value.BatchSize,
            Started = _ => run.Started = true,
            Progress = progress => run.Progress = progress,
        };
        try
        {
            var result = engine.Recalculate(run.SegmentId, recalculation, cancellation.Token, run.RunId);
            LogSucceeded(logger, run.RunId, run.SegmentId, result.Scanned, result.Members, result.Entered, result.Left, result.Duration.TotalMilliseconds);
            if (result.Entered + result.Left > 0)
            {
                Cascade(run.SegmentId, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            LogCancelled(logger, run.RunId, run.SegmentId);
        }
        catch (Exception ex)
        {
            // The run is recorded as failed with its message; the previous membership is unchanged.
            LogFailed(logger, ex, run.RunId, run.SegmentId);
        }
    }

    /// <summary>
    /// The membership of <paramref name="segmentId"/> changed outside a run of this coordinator (a static segment's
    /// import): queues the ready segments that refer to it, as after a run.
    /// </summary>
    public void CascadeFrom(string segmentId) => Cascade(segmentId, CancellationToken.None);

    /// <summary>
    /// The membership of <paramref name="segmentId"/> changed: the ready segments that refer to it are queued after it,
    /// in dependency order (each, when its own membership changes, queues its referrers in turn). One already queued or
    /// running is not queued again; it runs after this one, so it reads the new membership.
    /// </summary>
    private void Cascade(string segmentId, CancellationToken stoppingToken)
    {
        var referrers = engine.Referrers(segmentId).Where(id => engine.Find(id)?.Status == Engine.Store.SegmentStatus.Ready).ToList();
        if (referrers.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            foreach (var (referrer, runId) in EnqueueMany(referrers, StartedByCascade))
            {
                LogCascaded(logger, runId, referrer, segmentId);
            }
        }
    }

    private long Add(long runId, string segmentId, string startedBy)
    {
        var run = new ActiveRun(runId, segmentId);
        _active[run.RunId] = run;
        _queue.Writer.TryWrite(run);
        LogQueued(logger, run.RunId, segmentId, startedBy);
        return run.RunId;
    }

    private ActiveRun? ActiveRunOf(string segmentId) => _active.Values.FirstOrDefault(r => r.SegmentId == segmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of segment {SegmentId} queued: it refers to {Changed}, whose membership changed")]
    private static partial void LogCascaded(ILogger logger, long runId, string segmentId, string changed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of segment {SegmentId} queued ({StartedBy})")]
    private static partial void LogQueued(ILogger logger, long runId, string segmentId, string startedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of segment {SegmentId} succeeded: {Scanned} profiles, {Members} members, {Entered} entered, {Left} left in {Milliseconds:F0} ms")]
    private static partial void LogSucceeded(ILogger logger, long runId, string segmentId, long scanned, long members, long entered, long left, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of segment {SegmentId} was cancelled; the previous membership stays")]
    private static partial void LogCancelled(ILogger logger, long runId, string segmentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} of segment {SegmentId} failed; the previous membership stays")]
    private static partial void LogFailed(ILogger logger, Exception exception, long runId, string segmentId);

    private sealed class ActiveRun(long runId, string segmentId)
    {
        public long RunId { get; } = runId;

        public string SegmentId { get; } = segmentId;

        public CancellationTokenSource Cancellation { get; } = new();

        public volatile bool Started;

        public volatile RecalculationProgress? Progress;
    }
}
