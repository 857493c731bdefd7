using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Loyalty.Runtime;

/// <summary>
/// The points model, folded over one profile's ledger in one program at the evaluation instant; called by generated code.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only rows of the program that happened at or before now count (<see cref="TransactionRow.OccurredAt"/> ≤ now);
/// a row with zero or fewer points, or of an unknown kind, changes nothing.</item>
/// <item>An accrual's points are <b>usable</b> at instant t when t is at or after both its accrual time and its
/// activation time (no activation time: at once), and before its expiry time (no expiry: never expires). An accrual
/// activating exactly at t is usable at t; one expiring exactly at t is gone at t.</item>
/// <item>Spends are applied in time order. A spend at t consumes points usable at t, earliest-expiring first
/// (never-expiring last; equal expiry: the earlier accrual first, then the lower id). A spend larger than what is
/// usable at t consumes all of it and the excess consumes nothing: no balance is ever negative, and later accruals are
/// not charged.</item>
/// <item>What a spend consumed can no longer expire: an accrual's <b>remaining</b> points are its points minus what
/// spends consumed of them; when it expires, its remaining points are what expires.</item>
/// <item><b>Final balance</b> at now: the remaining points of accruals not expired at now (expiry after now or none),
/// usable or not yet. <b>Active balance</b>: the part of it usable at now.</item>
/// </list>
/// Each call gathers the program's rows into per-thread buffers, sorts them and folds: no allocation per profile once the
/// buffers have grown to the largest ledger seen (they hold at most that many row references per evaluating thread).
/// </remarks>
public static class PointsLedger
{
    private static readonly Comparison<TransactionRow> ConsumptionOrder = static (a, b) =>
    {
        // Never-expiring accruals are consumed last.
        var byExpiry = (a.ExpiresAt ?? long.MaxValue).CompareTo(b.ExpiresAt ?? long.MaxValue);
        if (byExpiry != 0)
        {
            return byExpiry;
        }

        var byAccrual = a.OccurredAt.CompareTo(b.OccurredAt);
        return byAccrual != 0 ? byAccrual : a.Id.CompareTo(b.Id);
    };

    private static readonly Comparison<TransactionRow> TimeOrder = static (a, b) =>
    {
        var byTime = a.OccurredAt.CompareTo(b.OccurredAt);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    };

    [ThreadStatic]
    private static TransactionRow[]? _accruals;

    [ThreadStatic]
    private static TransactionRow[]? _spends;

    [ThreadStatic]
    private static long[]? _remaining;

    /// <summary>
    /// The final (<paramref name="activeOnly"/> false) or active (true) balance at now of <paramref name="program"/>,
    /// of every point type or only <paramref name="pointType"/> (ignoring case and surrounding white space).
    /// </summary>
    public static long Balance(ReadOnlySpan<TransactionRow> rows, in EvaluationClock clock, string program, string? pointType, bool activeOnly)
    {
        var now = clock.NowUnixMilliseconds;
        var count = Fold(rows, now, program);
        var accruals = _accruals!;
        var remaining = _remaining!;
        var total = 0L;
        for (var i = 0; i < count; i++)
        {
            var accrual = accruals[i];
            if (remaining[i] == 0 || accrual.ExpiresAt <= now || (activeOnly && UsableFrom(accrual) > now))
            {
                continue;
            }

            if (pointType is null || Text.EqualsIgnoreCase(accrual.PointType, pointType))
            {
                total += remaining[i];
            }
        }

        return total;
    }

    /// <summary>
    /// The points of <paramref name="program"/> whose expiry time falls in <paramref name="window"/> and that no spend
    /// consumed by now (for an accrual already expired: what was left of it when it expired), optionally of one promo
    /// action and one point type. Accruals that never expire are in no window.
    /// </summary>
    public static long Expiring(
        ReadOnlySpan<TransactionRow> rows, in EvaluationClock clock, InstantRange window, string program, string? promoAction, string? pointType)
    {
        var count = Fold(rows, clock.NowUnixMilliseconds, program);
        var accruals = _accruals!;
        var remaining = _remaining!;
        var total = 0L;
        for (var i = 0; i < count; i++)
        {
            var accrual = accruals[i];
            if (remaining[i] > 0 && accrual.ExpiresAt is { } expires && window.Contains(expires) && Matches(accrual, promoAction, pointType))
            {
                total += remaining[i];
            }
        }

        return total;
    }

    /// <summary>
    /// The points accrued in <paramref name="program"/> at or before now, whatever was spent or expired since, whose
    /// accrual time (or, with <paramref name="byActivation"/>, the instant they become usable) falls in
    /// <paramref name="window"/>, optionally of one promo action and one point type.
    /// </summary>
    public static long Accrued(
        ReadOnlySpan<TransactionRow> rows, in EvaluationClock clock, InstantRange window, bool byActivation, string program, string? promoAction, string? pointType)
    {
        var now = clock.NowUnixMilliseconds;
        var total = 0L;
        foreach (var row in rows)
        {
            if (row.OccurredAt <= now && row.Points > 0 && Text.EqualsIgnoreCase(row.Kind, TransactionKinds.Accrual)
                && window.Contains(byActivation ? UsableFrom(row) : row.OccurredAt)
                && Text.EqualsIgnoreCase(row.ProgramId, program) && Matches(row, promoAction, pointType))
            {
                total += row.Points;
            }
        }

        return total;
    }

    /// <summary>The instant an accrual's points become usable: the later of its accrual and activation times.</summary>
    public static long UsableFrom(TransactionRow accrual)
    {
        ArgumentNullException.ThrowIfNull(accrual);
        return accrual.ActivatesAt is { } activates && activates > accrual.OccurredAt ? activates : accrual.OccurredAt;
    }

    private static bool Matches(TransactionRow accrual, string? promoAction, string? pointType) =>
        (promoAction is null || Text.EqualsIgnoreCase(accrual.PromoActionId, promoAction))
        && (pointType is null || Text.EqualsIgnoreCase(accrual.PointType, pointType));

    // Gathers the program's accruals (in consumption order) and spends (in time order) up to now, applies the spends, and
    // leaves each accrual's remaining points in _remaining. Returns how many accruals there are.
    private static int Fold(ReadOnlySpan<TransactionRow> rows, long now, string program)
    {
        var accruals = _accruals ??= new TransactionRow[32];
        var spends = _spends ??= new TransactionRow[32];
        int accrualCount = 0, spendCount = 0;
        foreach (var row in rows)
        {
            if (row.OccurredAt > now || row.Points <= 0 || !Text.EqualsIgnoreCase(row.ProgramId, program))
            {
                continue;
            }

            if (Text.EqualsIgnoreCase(row.Kind, TransactionKinds.Accrual))
            {
                Append(ref accruals, ref accrualCount, row);
            }
            else if (Text.EqualsIgnoreCase(row.Kind, TransactionKinds.Spend))
            {
                Append(ref spends, ref spendCount, row);
            }
        }

        _accruals = accruals;
        _spends = spends;
        var remaining = _remaining is { } buffer && buffer.Length >= accrualCount ? buffer : _remaining = new long[Math.Max(32, accruals.Length)];
        accruals.AsSpan(0, accrualCount).Sort(ConsumptionOrder);
        spends.AsSpan(0, spendCount).Sort(TimeOrder);
        for (var i = 0; i < accrualCount; i++)
        {
            remaining[i] = accruals[i].Points;
        }

        for (var s = 0; s < spendCount; s++)
        {
            var at = spends[s].OccurredAt;
            var left = spends[s].Points;
            for (var i = 0; i < accrualCount && left > 0; i++)
            {
                var accrual = accruals[i];
                if (remaining[i] == 0 || UsableFrom(accrual) > at || accrual.ExpiresAt <= at)
                {
                    continue;
                }

                var taken = Math.Min(left, remaining[i]);
                remaining[i] -= taken;
                left -= taken;
            }
        }

        return accrualCount;
    }

    private static void Append(ref TransactionRow[] buffer, ref int count, TransactionRow row)
    {
        if (count == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        buffer[count++] = row;
    }
}
