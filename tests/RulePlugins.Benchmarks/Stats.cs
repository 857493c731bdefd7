using System.Globalization;

namespace RulePlugins.Benchmarks;

/// <summary>Medians and the formatting every section shares.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static TimeSpan Median(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks((long)Math.Round(Median(values.Select(v => (double)v.Ticks))));

    /// <summary>A duration: microseconds, milliseconds or seconds, whichever reads best.</summary>
    public static string Time(TimeSpan value) => value.TotalMilliseconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMicroseconds:0.0} µs"),
        < 10 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.00} ms"),
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.00} s"),
    };

    /// <summary>A ratio with three significant digits, e.g. 57.1×, 1.39×, 0.0112×.</summary>
    public static string Ratio(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value <= 0)
        {
            return "n/a";
        }

        var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(value)), 0, 6);
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "×";
        return value < 0.1 ? string.Create(CultureInfo.InvariantCulture, $"{text} (1/{1 / value:0})") : text;
    }

    public static string Ratio(TimeSpan value, TimeSpan baseline) => Ratio(value.Ticks / (double)Math.Max(1, baseline.Ticks));

    /// <summary>SQL or other text on one line, runs of white space collapsed.</summary>
    public static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + " profiles/s";

    public static string Bytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):N0} MiB");

    public static string Nanoseconds(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} ns");

    /// <summary>Collects garbage so a measurement does not pay for the previous one's.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
