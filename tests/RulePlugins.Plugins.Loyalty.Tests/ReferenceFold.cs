namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// The points model stated once more, independently of the plugin's runtime: a simulation over time of "lots" (one per
/// accrual) that spends draw from. Written for clarity, not speed: it replays every event in order with LINQ.
/// </summary>
public static class ReferenceFold
{
    /// <summary>What is left of one accrual after every spend up to now.</summary>
    public sealed record Lot(TestTransaction Accrual, long Left)
    {
        /// <summary>When its points can first be used: the later of accrual and activation.</summary>
        public long UsableFrom => Math.Max(Accrual.OccurredAt, Accrual.ActivatesAt ?? long.MinValue);

        /// <summary>Whether the lot can be drawn from at <paramref name="t"/>.</summary>
        public bool UsableAt(long t) => Left > 0 && UsableFrom <= t && (Accrual.ExpiresAt is null || Accrual.ExpiresAt > t);

        /// <summary>Whether it still exists (not expired) at <paramref name="t"/>.</summary>
        public bool AliveAt(long t) => Accrual.ExpiresAt is null || Accrual.ExpiresAt > t;
    }

    private static bool Same(string? a, string b) => string.Equals(a?.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The lots of one profile's program at <paramref name="now"/>.</summary>
    public static List<Lot> Lots(IEnumerable<TestTransaction> ledger, string program, long now)
    {
        var happened = ledger.Where(t => Same(t.Program, program) && t.OccurredAt <= now && t.Points > 0).ToList();
        var lots = happened.Where(t => Same(t.Kind, "accrual")).Select(t => new Lot(t, t.Points)).ToList();
        foreach (var spend in happened.Where(t => Same(t.Kind, "spend")).OrderBy(t => t.OccurredAt))
        {
            var wanted = spend.Points;
            var order = lots.Select((lot, index) => (lot, index))
                .Where(x => x.lot.UsableAt(spend.OccurredAt))
                .OrderBy(x => x.lot.Accrual.ExpiresAt is null ? 1 : 0)
                .ThenBy(x => x.lot.Accrual.ExpiresAt)
                .ThenBy(x => x.lot.Accrual.OccurredAt)
                .ThenBy(x => x.lot.Accrual.Id)
                .Select(x => x.index)
                .ToList();
            foreach (var index in order)
            {
                if (wanted == 0)
                {
                    break;
                }

                var take = Math.Min(wanted, lots[index].Left);
                lots[index] = lots[index] with { Left = lots[index].Left - take };
                wanted -= take;
            }
        }

        return lots;
    }

    /// <summary>The final or active balance.</summary>
    public static long Balance(IEnumerable<TestTransaction> ledger, string program, long now, bool active, string? pointType = null) =>
        Lots(ledger, program, now)
            .Where(l => l.AliveAt(now) && (!active || l.UsableFrom <= now) && (pointType is null || Same(l.Accrual.PointType, pointType)))
            .Sum(l => l.Left);

    /// <summary>What is left of accruals expiring in [from, to].</summary>
    public static long Expiring(IEnumerable<TestTransaction> ledger, string program, long now, long from, long to, string? promoAction = null, string? pointType = null) =>
        Lots(ledger, program, now)
            .Where(l => l.Accrual.ExpiresAt is { } e && e >= from && e <= to
                && (promoAction is null || Same(l.Accrual.PromoAction, promoAction)) && (pointType is null || Same(l.Accrual.PointType, pointType)))
            .Sum(l => l.Left);

    /// <summary>The points accrued up to now whose accrual instant (or usable-from instant) is in [from, to].</summary>
    public static long Accrued(IEnumerable<TestTransaction> ledger, string program, long now, long from, long to, bool byActivation, string? promoAction = null, string? pointType = null) =>
        ledger.Where(t => Same(t.Kind, "accrual") && Same(t.Program, program) && t.OccurredAt <= now && t.Points > 0
                && (promoAction is null || Same(t.PromoAction, promoAction)) && (pointType is null || Same(t.PointType, pointType)))
            .Where(t =>
            {
                var at = byActivation ? Math.Max(t.OccurredAt, t.ActivatesAt ?? long.MinValue) : t.OccurredAt;
                return at >= from && at <= to;
            })
            .Sum(t => t.Points);
}
