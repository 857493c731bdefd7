namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// The instants a counting condition counts rows in, resolved for one evaluation: both ends included, in Unix
/// milliseconds (UTC). <see cref="AllTime"/> contains every row, even one whose timestamp is unknown; every other range
/// contains only known timestamps between <see cref="From"/> and <see cref="To"/>. Generated code builds one per
/// evaluation (<c>InstantRange.LastDays(clock, 14L)</c>); it is a small value, never allocated.
/// </summary>
public readonly record struct InstantRange
{
    private InstantRange(long from, long to, bool allTime)
    {
        From = from;
        To = to;
        IsAllTime = allTime;
    }

    /// <summary>The first instant included (Unix milliseconds).</summary>
    public long From { get; }

    /// <summary>The last instant included (Unix milliseconds).</summary>
    public long To { get; }

    /// <summary>True for <see cref="AllTime"/>: the timestamp is not looked at.</summary>
    public bool IsAllTime { get; }

    /// <summary>Every row, whatever its timestamp, known or not.</summary>
    public static InstantRange AllTime { get; } = new(long.MinValue, long.MaxValue, allTime: true);

    /// <summary>
    /// The last <paramref name="days"/> days: from now − <paramref name="days"/> × 24 h up to now, both included (the
    /// same instants as <see cref="EvaluationClock.InLastDays"/>).
    /// </summary>
    public static InstantRange LastDays(in EvaluationClock clock, long days) => new(clock.DaysAgo(days), clock.NowUnixMilliseconds, allTime: false);

    /// <summary>
    /// The next <paramref name="days"/> days: from now up to now + <paramref name="days"/> × 24 h, both included (the same
    /// instants as <see cref="EvaluationClock.InNextDays"/>).
    /// </summary>
    public static InstantRange NextDays(in EvaluationClock clock, long days) => new(clock.NowUnixMilliseconds, clock.DaysAhead(days), allTime: false);

    /// <summary>From <paramref name="from"/> to <paramref name="to"/>, both included (Unix milliseconds).</summary>
    public static InstantRange Between(long from, long to) => new(from, to, allTime: false);

    /// <summary>From <paramref name="from"/> on, with no upper end (Unix milliseconds, included).</summary>
    public static InstantRange OnOrAfter(long from) => new(from, long.MaxValue, allTime: false);

    /// <summary>Up to <paramref name="to"/>, with no lower end (Unix milliseconds, included).</summary>
    public static InstantRange OnOrBefore(long to) => new(long.MinValue, to, allTime: false);

    /// <summary>
    /// This range ending at now at the latest: for counting things that happened, where a row dated after now (a clock
    /// skew, a bad import) counts in no window. All time becomes "up to now" (and stops containing unknown timestamps).
    /// </summary>
    public InstantRange NotAfter(in EvaluationClock clock) => new(IsAllTime ? long.MinValue : From, Math.Min(To, clock.NowUnixMilliseconds), allTime: false);

    /// <summary>
    /// True when a row with <paramref name="timestamp"/> counts: always for <see cref="AllTime"/>; otherwise when the
    /// timestamp is known and between <see cref="From"/> and <see cref="To"/>, both included.
    /// </summary>
    public bool Contains(long? timestamp) => IsAllTime || (timestamp is { } t && t >= From && t <= To);
}
