namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// "Now" for one evaluation run, captured once so every profile in a recalculation is judged against the
/// same instant. Timestamps are Unix milliseconds (UTC).
/// </summary>
/// <param name="NowUnixMilliseconds">The instant of the run.</param>
public readonly record struct EvaluationClock(long NowUnixMilliseconds)
{
    /// <summary>Milliseconds in one day.</summary>
    public const long MillisecondsPerDay = 86_400_000L;

    /// <summary>Captures the current instant of <paramref name="timeProvider"/>.</summary>
    public static EvaluationClock From(TimeProvider timeProvider) => new(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>The instant <paramref name="days"/> days before now.</summary>
    public long DaysAgo(long days) => NowUnixMilliseconds - days * MillisecondsPerDay;

    /// <summary>The instant <paramref name="days"/> days after now.</summary>
    public long DaysAhead(long days) => NowUnixMilliseconds + days * MillisecondsPerDay;

    /// <summary>True when <paramref name="timestamp"/> lies in the last <paramref name="days"/> days, up to and including now.</summary>
    public bool InLastDays(long? timestamp, long days) =>
        timestamp is { } t && t >= DaysAgo(days) && t <= NowUnixMilliseconds;

    /// <summary>True when <paramref name="timestamp"/> lies in the next <paramref name="days"/> days, from now.</summary>
    public bool InNextDays(long? timestamp, long days) =>
        timestamp is { } t && t >= NowUnixMilliseconds && t <= DaysAhead(days);

    /// <summary>True when <paramref name="timestamp"/> is earlier than <paramref name="days"/> days before now.</summary>
    public bool MoreThanDaysAgo(long? timestamp, long days) =>
        timestamp is { } t && t < DaysAgo(days);

    /// <summary>Full years between <paramref name="birthDate"/> and now (UTC calendar), or null when unknown.</summary>
    public long? AgeInYears(long? birthDate)
    {
        if (birthDate is not { } b)
        {
            return null;
        }

        var born = DateTimeOffset.FromUnixTimeMilliseconds(b).UtcDateTime;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(NowUnixMilliseconds).UtcDateTime;
        var age = now.Year - born.Year;
        if (now.Month < born.Month || (now.Month == born.Month && now.Day < born.Day))
        {
            age--;
        }

        return age;
    }
}
