using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Goals.Runtime;

/// <summary>
/// Counts, totals and averages a profile's achievements that pass an <see cref="AchievementFilter"/> inside a window,
/// through the SDK's <see cref="RowCounting"/> (its rules: the total of no achievement is 0, the average of none, or of
/// none with a known value, is unknown). Called by generated code, which cannot hand the evaluation clock to a lambda, so
/// the filter's test is bound to it here.
/// </summary>
public static class Achievements
{
    /// <summary>How many of <paramref name="rows"/> lie in <paramref name="window"/> (by <c>achieved_at</c>) and pass <paramref name="filter"/>.</summary>
    public static long Count(ReadOnlySpan<GoalAchievementRow> rows, InstantRange window, AchievementFilter filter, EvaluationClock clock)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return RowCounting.Count(rows, window, static row => row.AchievedAt, filter.At(clock));
    }

    /// <summary>The sum of the known goal values of the achievements <see cref="Count"/> counts; 0 when none does.</summary>
    public static decimal Total(ReadOnlySpan<GoalAchievementRow> rows, InstantRange window, AchievementFilter filter, EvaluationClock clock)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return RowCounting.Total(rows, window, static row => row.AchievedAt, filter.At(clock), static row => row.Cost);
    }

    /// <summary>The mean of the known goal values of the achievements <see cref="Count"/> counts; null when none has a value.</summary>
    public static decimal? Average(ReadOnlySpan<GoalAchievementRow> rows, InstantRange window, AchievementFilter filter, EvaluationClock clock)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return RowCounting.Average(rows, window, static row => row.AchievedAt, filter.At(clock), static row => row.Cost);
    }
}
