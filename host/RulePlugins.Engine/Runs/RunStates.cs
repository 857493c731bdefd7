namespace RulePlugins.Engine.Runs;

/// <summary>
/// The states of a recalculation run, as stored in <c>segment_runs.status</c>. A run is <see cref="Queued"/>, then
/// <see cref="Running"/>, then one of the four final states; only a live run (queued or running) holds a lease.
/// </summary>
public static class RunStates
{
    /// <summary>Recorded and waiting for its turn; it holds the segment's lease already.</summary>
    public const string Queued = "queued";

    /// <summary>Evaluating profiles and staging members.</summary>
    public const string Running = "running";

    /// <summary>Finished; its membership replaced the previous one.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Stopped by an error; the previous membership stays.</summary>
    public const string Failed = "failed";

    /// <summary>Stopped on request (or by its host stopping); the previous membership stays.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Its owner stopped renewing its lease (the process died); reclaimed by another host. The previous membership stays.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Whether a run in <paramref name="status"/> is still queued or running.</summary>
    public static bool IsLive(string status) => status is Queued or Running;

    /// <summary>Whether a run in <paramref name="status"/> ran to its end (the schedule counts these).</summary>
    public static bool IsCompleted(string status) => status is Succeeded or Failed;
}
