using System.Globalization;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Sdk.Data;

/// <summary>
/// Calendar days in UTC, as conditions compare them: a day runs from its first millisecond (midnight UTC) to its last
/// (23:59:59.999 UTC), both included. Arithmetic is in Unix milliseconds, so the day after 9999-12-31 is a number,
/// not a <see cref="DateTime"/> overflow.
/// </summary>
public static class UtcDays
{
    /// <summary>Midnight UTC of the day of <paramref name="value"/>, in Unix milliseconds: the day's first millisecond.</summary>
    public static long Start(DateTimeOffset value) => new DateTimeOffset(value.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>
    /// The last millisecond of the day of <paramref name="value"/> (23:59:59.999 UTC), in Unix milliseconds: the inclusive
    /// upper end of a window that includes that whole day (<see cref="Start"/> + one day − 1 ms).
    /// </summary>
    public static long End(DateTimeOffset value) => Start(value) + EvaluationClock.MillisecondsPerDay - 1;

    /// <summary>Midnight UTC of the day after the day of <paramref name="value"/>, in Unix milliseconds: the exclusive end of that day.</summary>
    public static long NextStart(DateTimeOffset value) => Start(value) + EvaluationClock.MillisecondsPerDay;

    /// <summary>The day of <paramref name="value"/> in UTC as <c>yyyy-MM-dd</c>, for descriptions and messages.</summary>
    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
