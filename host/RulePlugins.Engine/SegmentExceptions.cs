namespace RulePlugins.Engine;

/// <summary>No segment has that id.</summary>
public sealed class SegmentNotFoundException(string id) : Exception($"Segment '{id}' does not exist.")
{
    /// <summary>The id asked for.</summary>
    public string SegmentId { get; } = id;
}

/// <summary>The segment cannot be deleted or changed now: other segments refer to it, or it is being recalculated.</summary>
public sealed class SegmentInUseException(string id, string reason, IReadOnlyList<string> referrers) : Exception($"Segment '{id}' is in use: {reason}")
{
    /// <summary>The segment.</summary>
    public string SegmentId { get; } = id;

    /// <summary>The segments that refer to it, ordered by id; empty when a run is the reason.</summary>
    public IReadOnlyList<string> Referrers { get; } = referrers;
}

/// <summary>
/// A segment's predicate failed on a well-formed document: a plugin refused data it depends on (a currency with no
/// rate, say). The message is the plugin's; the inner exception is kept for logs.
/// </summary>
public sealed class SegmentEvaluationException(string id, int version, Exception inner)
    : Exception($"Segment '{id}' v{version} could not be evaluated: {inner.Message}", inner)
{
    /// <summary>The segment.</summary>
    public string SegmentId { get; } = id;
}

/// <summary>The segment exists but cannot be evaluated now; <see cref="Exception.Message"/> says why.</summary>
public sealed class SegmentUnavailableException(string id, string reason) : Exception($"Segment '{id}' is unavailable: {reason}")
{
    /// <summary>The segment.</summary>
    public string SegmentId { get; } = id;
}
