namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// Membership history over spells: one row per time a subject was in something (a static segment, a campaign, a
/// control group), with the instant it entered and the instant it left (unknown while it is still in). What the
/// <see cref="Operators.MembershipHistoryOperators"/> family emits calls to. The entered and left instants and the match
/// are lambdas in the generated code (<c>static row =&gt; row.EnteredAt</c>), so the host's check that every row property
/// read is a declared column sees them.
/// </summary>
/// <remarks>
/// Only spells that have begun count: a spell whose entered instant is after now, or unknown, has not happened at the
/// evaluation instant. A spell is open now when it entered at or before now and has not left, or leaves after now: one
/// that left exactly now is over.
/// </remarks>
public static class Spells
{
    /// <summary>
    /// True when a spell of <paramref name="rows"/> that passes <paramref name="match"/> (every row when it is <c>null</c>)
    /// is open now: entered at or before now, and left unknown or after now.
    /// </summary>
    public static bool IsIn<TRow>(ReadOnlySpan<TRow> rows, in EvaluationClock clock, Func<TRow, long?> entered, Func<TRow, long?> left, Func<TRow, bool>? match)
    {
        var now = clock.NowUnixMilliseconds;
        foreach (var row in rows)
        {
            if (entered(row) is { } at && at <= now && (left(row) is not { } leftAt || leftAt > now) && (match is null || match(row)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a spell of <paramref name="rows"/> that passes <paramref name="match"/> entered at or before now.</summary>
    public static bool HasEntered<TRow>(ReadOnlySpan<TRow> rows, in EvaluationClock clock, Func<TRow, long?> entered, Func<TRow, bool>? match)
    {
        var now = clock.NowUnixMilliseconds;
        foreach (var row in rows)
        {
            if (entered(row) is { } at && at <= now && (match is null || match(row)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How many spells of <paramref name="rows"/> that pass <paramref name="match"/> entered inside <paramref name="window"/>
    /// and at or before now (an entry is counted by its entered instant alone; when it left does not matter).
    /// </summary>
    public static long Entries<TRow>(ReadOnlySpan<TRow> rows, in EvaluationClock clock, InstantRange window, Func<TRow, long?> entered, Func<TRow, bool>? match)
    {
        var now = clock.NowUnixMilliseconds;
        var count = 0L;
        foreach (var row in rows)
        {
            if (entered(row) is { } at && at <= now && window.Contains(at) && (match is null || match(row)))
            {
                count++;
            }
        }

        return count;
    }
}
