namespace RulePlugins.Engine.Runs;

/// <summary>A recalculation run as recorded.</summary>
/// <param name="StartedBy">What queued it (<c>api</c>, <c>schedule</c>); null for a run started in process.</param>
/// <param name="Owner">The host instance that owns (or owned) it; null for runs recorded before run ownership.</param>
public sealed record RunInfo(long Id, string SegmentId, long Version, string Status, long StartedAt, long? FinishedAt, long Scanned, long Members, long Entered, long Left, long DurationMs, string? Error, string? StartedBy, string? Owner);
