using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Sdk.Data;

/// <summary>
/// What one condition reads: some columns of one table, optionally only the rows whose time column falls
/// in a window. The host merges the requirements of a whole tree: one query per table per batch, selecting
/// the union of the columns and the smallest window that covers every condition on that table.
/// </summary>
/// <param name="Table">The table read.</param>
/// <param name="Columns">The columns the generated expression reads.</param>
public sealed record DataRequirement(TableDefinition Table, IReadOnlyList<string> Columns)
{
    /// <summary>When set, only rows inside this window are loaded. A condition without a window needs every row.</summary>
    public TimeWindow? Window { get; init; }

    /// <summary>Returns a copy limited to rows whose <paramref name="column"/> falls in the window.</summary>
    public DataRequirement Within(string column, TimeBound? from, TimeBound? to) =>
        this with { Window = new TimeWindow(column, from, to) };

    /// <summary>
    /// Returns a copy limited to rows inside <paramref name="window"/>, or this requirement unchanged when
    /// <paramref name="window"/> is <c>null</c> (every row is needed). A condition that reads several tables, or one table
    /// through several requirements, bounds each of them: one requirement without a window makes the host load every row
    /// of that table.
    /// </summary>
    public DataRequirement Within(TimeWindow? window) => window is null ? this : this with { Window = window };
}

/// <summary>A window on a timestamp column; either end may be open.</summary>
/// <param name="Column">The timestamp column (Unix milliseconds).</param>
/// <param name="From">The inclusive lower end, or <c>null</c> for no lower end.</param>
/// <param name="To">The inclusive upper end, or <c>null</c> for no upper end.</param>
public sealed record TimeWindow(string Column, TimeBound? From, TimeBound? To)
{
    /// <summary>
    /// Whole UTC days: from the first millisecond of <paramref name="firstDay"/> to the last millisecond of
    /// <paramref name="lastDay"/> (both days included); a <c>null</c> day leaves that end open.
    /// </summary>
    public static TimeWindow Days(string column, DateTimeOffset? firstDay, DateTimeOffset? lastDay) =>
        new(
            column,
            firstDay is { } first ? TimeBound.AtUnixMilliseconds(UtcDays.Start(first)) : null,
            lastDay is { } last ? TimeBound.AtUnixMilliseconds(UtcDays.End(last)) : null);

    /// <summary>The last <paramref name="days"/> days: from now − <paramref name="days"/> × 24 h up to now, both included.</summary>
    public static TimeWindow LastDays(string column, long days) => new(column, TimeBound.DaysBeforeNow(days), TimeBound.Now);

    /// <summary>The next <paramref name="days"/> days: from now up to now + <paramref name="days"/> × 24 h, both included.</summary>
    public static TimeWindow NextDays(string column, long days) => new(column, TimeBound.Now, TimeBound.DaysAfterNow(days));
}

/// <summary>One end of a time window: either a fixed instant or an offset from the evaluation clock.</summary>
public readonly record struct TimeBound
{
    private TimeBound(bool relative, long value)
    {
        IsRelative = relative;
        Value = value;
    }

    /// <summary>True when <see cref="Value"/> is an offset in milliseconds from the evaluation clock.</summary>
    public bool IsRelative { get; }

    /// <summary>Unix milliseconds, or an offset in milliseconds when <see cref="IsRelative"/>.</summary>
    public long Value { get; }

    /// <summary>A fixed instant.</summary>
    public static TimeBound At(DateTimeOffset instant) => new(false, instant.ToUnixTimeMilliseconds());

    /// <summary>A fixed instant in Unix milliseconds.</summary>
    public static TimeBound AtUnixMilliseconds(long unixMilliseconds) => new(false, unixMilliseconds);

    /// <summary><paramref name="days"/> days before the evaluation clock.</summary>
    public static TimeBound DaysBeforeNow(long days) => new(true, -days * EvaluationClock.MillisecondsPerDay);

    /// <summary><paramref name="days"/> days after the evaluation clock.</summary>
    public static TimeBound DaysAfterNow(long days) => new(true, days * EvaluationClock.MillisecondsPerDay);

    /// <summary>The evaluation clock itself.</summary>
    public static TimeBound Now => new(true, 0);

    /// <summary>The instant in Unix milliseconds for a given clock.</summary>
    public long Resolve(EvaluationClock clock) => IsRelative ? clock.NowUnixMilliseconds + Value : Value;
}
