namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// Counts, totals and averages over the rows of one subject that match a test, inside a time window: what the
/// <see cref="Operators.CountOperators"/> family emits calls to. The test, the timestamp and the value are lambdas in the
/// generated code (<c>static row =&gt; row.At</c>), so the host's check that every row property read is a declared
/// column sees them. Without a window (all time) the timestamp is not read at all.
/// </summary>
public static class RowCounting
{
    /// <summary>How many of <paramref name="rows"/> pass <paramref name="match"/> (every row when it is <c>null</c>), whatever their time.</summary>
    public static long Count<TRow>(ReadOnlySpan<TRow> rows, Func<TRow, bool>? match)
    {
        if (match is null)
        {
            return rows.Length;
        }

        var count = 0L;
        foreach (var row in rows)
        {
            if (match(row))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// How many of <paramref name="rows"/> lie in <paramref name="window"/> (by <paramref name="timestamp"/>; an unknown
    /// timestamp is in no window but <see cref="InstantRange.AllTime"/>) and pass <paramref name="match"/> (every row when
    /// it is <c>null</c>).
    /// </summary>
    public static long Count<TRow>(ReadOnlySpan<TRow> rows, InstantRange window, Func<TRow, long?> timestamp, Func<TRow, bool>? match)
    {
        var count = 0L;
        foreach (var row in rows)
        {
            if ((window.IsAllTime || window.Contains(timestamp(row))) && (match is null || match(row)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The sum of <paramref name="value"/> over the rows that pass <paramref name="match"/>; unknown values add nothing; 0 when none count.</summary>
    public static decimal Total<TRow>(ReadOnlySpan<TRow> rows, Func<TRow, bool>? match, Func<TRow, decimal?> value) =>
        Total(rows, InstantRange.AllTime, static _ => null, match, value);

    /// <summary>The sum of <paramref name="value"/> over the rows inside <paramref name="window"/> that pass <paramref name="match"/>; unknown values add nothing; 0 when none count.</summary>
    public static decimal Total<TRow>(ReadOnlySpan<TRow> rows, InstantRange window, Func<TRow, long?> timestamp, Func<TRow, bool>? match, Func<TRow, decimal?> value)
    {
        var total = 0m;
        foreach (var row in rows)
        {
            if ((window.IsAllTime || window.Contains(timestamp(row))) && (match is null || match(row)) && value(row) is { } v)
            {
                total += v;
            }
        }

        return total;
    }

    /// <summary>
    /// The mean of the known values of <paramref name="value"/> over the rows that pass <paramref name="match"/>, or
    /// <c>null</c> when no row with a known value counts.
    /// </summary>
    public static decimal? Average<TRow>(ReadOnlySpan<TRow> rows, Func<TRow, bool>? match, Func<TRow, decimal?> value) =>
        Average(rows, InstantRange.AllTime, static _ => null, match, value);

    /// <summary>
    /// The mean of the known values of <paramref name="value"/> over the rows inside <paramref name="window"/> that pass
    /// <paramref name="match"/>, or <c>null</c> when no row with a known value counts.
    /// </summary>
    public static decimal? Average<TRow>(ReadOnlySpan<TRow> rows, InstantRange window, Func<TRow, long?> timestamp, Func<TRow, bool>? match, Func<TRow, decimal?> value)
    {
        var total = 0m;
        var count = 0L;
        foreach (var row in rows)
        {
            if ((window.IsAllTime || window.Contains(timestamp(row))) && (match is null || match(row)) && value(row) is { } v)
            {
                total += v;
                count++;
            }
        }

        return count == 0 ? null : total / count;
    }
}
