using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RulePlugins.Engine;
using RulePlugins.Engine.Runs;
using RulePlugins.Engine.Store;

namespace RulePlugins.Service.Runs;

/// <summary>
/// Recalculates dynamic (profile) segments on their own interval, or the service's default: a segment is due when
/// its last completed run (succeeded or failed) started at least one interval ago, or it never completed one.
/// Due segments are queued together, so those referred to run before those that refer to them. The schedule
/// lives in the stored runs, so a restart picks it up where it was; a run cut short by a shutdown does not count.
/// Several hosts may schedule one database: a segment is queued under its run lease after checking again that no
/// host completed a run of it within the interval, so each interval runs it once. Each tick also reclaims runs whose
/// lease expired (their host died).
/// </summary>
public sealed partial class RecalculationScheduler(
    RuleEngine engine, RunCoordinator runs, IOptions<ServiceOptions> options, TimeProvider time, ILogger<RecalculationScheduler> logger) : BackgroundService
{
    /// <summary>The segments due now, in no particular order.</summary>
    public IReadOnlyList<string> DueSegments()
    {
        var settings = options.Value.Scheduling;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = new List<string>();
        foreach (var segment in engine.Segments())
        {
            if (segment.Subject != Sdk.SubjectKinds.Profile || segment.Status != SegmentStatus.Ready || runs.IsActive(segment.Id))
            {
                continue;
            }

            var schedule = engine.Links(segment.Id)?.Schedule;
            if (schedule is { Enabled: false })
            {
                continue;
            }

            var interval = settings.IntervalOf(schedule);
            var last = engine.Runs(segment.Id, before: null, limit: 50).FirstOrDefault(r => RunStates.IsCompleted(r.Status));
            if (last is null || last.StartedAt + (long)interval.TotalMilliseconds <= now)
            {
                due.Add(segment.Id);
            }
        }

        return due;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Scheduling;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            do
            {
                Tick();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Tick()
    {
        try
        {
            engine.ReclaimExpiredRuns();
            var due = DueSegments();
            if (due.Count > 0)
            {
                var settings = options.Value.Scheduling;
                runs.EnqueueMany(due, "schedule", id =>
                    time.GetUtcNow().ToUnixTimeMilliseconds() - (long)settings.IntervalOf(engine.Links(id)?.Schedule).TotalMilliseconds);
            }
        }
        catch (Exception ex)
        {
            LogTickFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled recalculation is disabled")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for due segments failed; trying again at the next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
