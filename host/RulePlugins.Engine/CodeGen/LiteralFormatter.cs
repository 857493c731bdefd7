using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace RulePlugins.Engine.CodeGen;

/// <summary>
/// The one place where values become C# source: strings through Roslyn's literal formatter, numbers in the
/// invariant culture, instants as Unix milliseconds with their calendar date in a comment the host writes, and
/// comment text with every line break escaped so a value cannot leave its comment.
/// </summary>
internal static class LiteralFormatter
{
    /// <summary>A C# string literal that evaluates to exactly <paramref name="value"/>.</summary>
    public static string String(string? value) =>
        value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A <c>long</c> literal.</summary>
    public static string Int64(long value) =>
        value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A <c>decimal</c> literal.</summary>
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>A <c>double</c> literal (round-trippable).</summary>
    public static string Double(double value) => value switch
    {
        double.NaN => "double.NaN",
        double.PositiveInfinity => "double.PositiveInfinity",
        double.NegativeInfinity => "double.NegativeInfinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture) + "d",
    };

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>
    /// A <c>long</c> literal of Unix milliseconds followed by its calendar date in a block comment, e.g.
    /// <c>1767225600000L /* 2026-01-01 */</c>. The comment is made from the number alone (see <see cref="CalendarDate"/>),
    /// so it holds only digits, <c>-</c>, <c>+</c>, <c>:</c>, <c>.</c>, <c>T</c> and <c>Z</c> and cannot end early.
    /// </summary>
    public static string Instant(long unixMilliseconds) =>
        $"{Int64(unixMilliseconds)} /* {CalendarDate(unixMilliseconds)} */";

    /// <summary>
    /// The UTC calendar date of an instant in Unix milliseconds, in ISO 8601: the date alone at midnight
    /// (<c>2026-01-01</c>), else the date and time (<c>2026-03-31T23:59:59.999Z</c>, milliseconds only when not zero).
    /// Any <see cref="long"/> is accepted: years past 9999 are written with a sign (<c>+10000-01-01</c>, the end of
    /// 9999-12-31), as ISO 8601's expanded form does.
    /// </summary>
    public static string CalendarDate(long unixMilliseconds)
    {
        var days = Math.DivRem(unixMilliseconds, MillisecondsPerDay, out var remainder);
        if (remainder < 0)
        {
            days--;
            remainder += MillisecondsPerDay;
        }

        var (year, month, day) = CivilFromDays(days);
        var builder = new StringBuilder(24);
        builder.Append(year is >= 0 and <= 9999
            ? year.ToString("D4", CultureInfo.InvariantCulture)
            : (year < 0 ? "-" : "+") + Math.Abs(year).ToString("D4", CultureInfo.InvariantCulture));
        builder.Append(CultureInfo.InvariantCulture, $"-{month:D2}-{day:D2}");
        if (remainder == 0)
        {
            return builder.ToString();
        }

        var time = TimeSpan.FromMilliseconds(remainder);
        builder.Append(CultureInfo.InvariantCulture, $"T{time.Hours:D2}:{time.Minutes:D2}:{time.Seconds:D2}");
        if (time.Milliseconds != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $".{time.Milliseconds:D3}");
        }

        return builder.Append('Z').ToString();
    }

    private const long MillisecondsPerDay = 86_400_000L;

    // The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's days_from_civil, inverted): exact for
    // every day a long of milliseconds can name, where DateTime stops at the end of 9999-12-31.
    private static (long Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 719_468;
        var era = (z >= 0 ? z : z - 146_096) / 146_097;
        var dayOfEra = z - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var monthIndex = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        var month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        var year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (year, month, day);
    }

    /// <summary>
    /// Text safe to put after <c>//</c>: line terminators and other control characters are written as
    /// <c>\uXXXX</c>, so the comment ends where the emitter ends it.
    /// </summary>
    public static string CommentText(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pairedSurrogate)
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
