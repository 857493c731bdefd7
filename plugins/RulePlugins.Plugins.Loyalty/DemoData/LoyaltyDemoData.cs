using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Loyalty.DemoData;

/// <summary>
/// Two loyalty programs (Bonus Club, Premium Rewards) with their promo actions and three point types, participation
/// spells (about 70% of profiles in Bonus Club, 20% in Premium Rewards, some of them left, a few joined again) and each
/// participant's ledger over the last two years: purchase points (some activated 14 days later, expiring after a year),
/// welcome, birthday and double-points promo points expiring after 30 to 90 days, referral and status points that never
/// expire, and spends. Most balances are small, a few percent of profiles hold thousands of points, and a recent
/// double-points campaign leaves points expiring in the coming days. About 9 transactions per profile on average
/// (8.9 million for 1,000,000 profiles).
/// Deterministic for a seed.
/// </summary>
public sealed class LoyaltyDemoData : IDemoDataGenerator
{
    /// <summary>The programs: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> Programs = [("bonus-club", "Bonus Club"), ("premium", "Premium Rewards")];

    /// <summary>The point types: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> PointTypes = [("bonus", "Bonus points"), ("promo", "Promo points"), ("status", "Status points")];

    /// <summary>The promo actions: id, program, name.</summary>
    public static readonly IReadOnlyList<(string Id, string Program, string Name)> PromoActions =
    [
        ("purchase", "bonus-club", "Points for purchases"),
        ("welcome", "bonus-club", "Welcome bonus"),
        ("birthday", "bonus-club", "Birthday gift"),
        ("double-points", "bonus-club", "Double points weekend"),
        ("referral", "bonus-club", "Invite a friend"),
        ("premium-purchase", "premium", "Premium purchases"),
        ("premium-status", "premium", "Status points"),
        ("premium-anniversary", "premium", "Membership anniversary"),
    ];

    private const long Day = EvaluationClock.MillisecondsPerDay;

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.WriteIdsAndNames(LoyaltyTables.Programs, Programs);

        context.WriteIdsAndNames(LoyaltyTables.PointTypes, PointTypes);

        using (var actions = context.OpenWriter(LoyaltyTables.PromoActions, ["id", "program_id", "name"]))
        {
            foreach (var (id, program, name) in PromoActions)
            {
                actions.Add(id, program, name);
            }
        }

        var random = new Random(context.Seed + 21);
        var now = context.NowUnixMilliseconds;
        using var spells = context.OpenWriter(LoyaltyTables.Participations, ["profile_id", "program_id", "joined_at", "left_at"]);
        using var ledger = context.OpenWriter(LoyaltyTables.Transactions,
            ["profile_id", "id", "program_id", "kind", "points", "occurred_at", "promo_action_id", "point_type", "activates_at", "expires_at"]);
        var writer = new LedgerWriter(ledger, random);
        foreach (var profile in context.Profiles("loyalty ledgers"))
        {
            writer.Profile = profile;
            if (random.NextDouble() < 0.70)
            {
                var joined = now - (long)(random.NextDouble() * 720 * Day);
                var end = Spell(spells, random, profile, "bonus-club", joined, now);
                writer.BonusClub(joined, end, now, big: random.NextDouble() < 0.03);
            }

            if (random.NextDouble() < 0.20)
            {
                var joined = now - (long)(random.NextDouble() * 365 * Day);
                var end = Spell(spells, random, profile, "premium", joined, now);
                writer.Premium(joined, end);
            }
        }
    }

    // Writes the participation spell(s) and returns the end of the ledger's activity: now, or when the profile left.
    private static long Spell(IRowWriter spells, Random random, long profile, string program, long joined, long now)
    {
        var roll = random.NextDouble();
        if (roll < 0.08)
        {
            // Left some time after joining.
            var left = joined + (long)(random.NextDouble() * (now - joined));
            spells.Add(profile, program, joined, left);
            if (roll < 0.02 && left < now - Day)
            {
                // Joined again later, and is a participant now.
                spells.Add(profile, program, left + (long)(random.NextDouble() * (now - left)), null);
                return now;
            }

            return left;
        }

        spells.Add(profile, program, joined, null);
        return now;
    }

    private sealed class LedgerWriter(IRowWriter ledger, Random random)
    {
        private long _id;

        public long Profile { get; set; }

        public void BonusClub(long joined, long end, long now, bool big)
        {
            Accrue("bonus-club", "welcome", "promo", 100, joined, null, joined + 90 * Day);
            var accruals = 1 + (int)(Math.Pow(random.NextDouble(), 1.5) * 16);
            for (var i = 0; i < accruals; i++)
            {
                var at = Between(joined, end);
                var roll = random.NextDouble();
                if (roll < 0.70)
                {
                    // Purchase points: a third wait 14 days (the return period) before they can be used; a year to spend them.
                    var points = big ? 500 + random.Next(0, 4500) : 5 + (long)(Math.Pow(random.NextDouble(), 2) * 120);
                    Accrue("bonus-club", "purchase", "bonus", points, at, random.NextDouble() < 0.33 ? at + 14 * Day : null, at + 365 * Day);
                }
                else if (roll < 0.80)
                {
                    Accrue("bonus-club", "double-points", "promo", 50 + random.Next(0, 36) * 10, at, null, at + 30 * Day);
                }
                else if (roll < 0.90)
                {
                    Accrue("bonus-club", "birthday", "promo", 200, at, null, at + 30 * Day);
                }
                else
                {
                    Accrue("bonus-club", "referral", "bonus", 300, at, null, null);
                }
            }

            if (end == now && random.NextDouble() < 0.12)
            {
                // The recent double-points weekend: 20 to 30 days ago, expiring 30 days later, so in the coming 10 days.
                var at = now - (long)((20 + random.NextDouble() * 10) * Day);
                Accrue("bonus-club", "double-points", "promo", 100 + random.Next(0, 31) * 10, at, null, at + 30 * Day);
            }

            Spends("bonus-club", joined, end, accruals / 3 + (random.NextDouble() < 0.5 ? 1 : 0), big ? 2000 : 150);
        }

        public void Premium(long joined, long end)
        {
            var accruals = 1 + (int)(Math.Pow(random.NextDouble(), 1.5) * 14);
            for (var i = 0; i < accruals; i++)
            {
                var at = Between(joined, end);
                if (random.NextDouble() < 0.75)
                {
                    Accrue("premium", "premium-purchase", "bonus", 10 + (long)(Math.Pow(random.NextDouble(), 2) * 300), at, random.NextDouble() < 0.5 ? at + 7 * Day : null, at + 180 * Day);
                }
                else
                {
                    Accrue("premium", "premium-status", "status", 50 + random.Next(0, 20) * 25, at, null, null);
                }
            }

            if (end - joined > 365 * Day / 2 && random.NextDouble() < 0.5)
            {
                Accrue("premium", "premium-anniversary", "promo", 500, joined + 180 * Day, null, joined + 270 * Day);
            }

            Spends("premium", joined, end, accruals / 3, 400);
        }

        private void Spends(string program, long from, long to, int count, int typical)
        {
            for (var i = 0; i < count; i++)
            {
                ledger.Add(Profile, ++_id, program, TransactionKinds.Spend, 10 + (long)(random.NextDouble() * typical), Between(from, to), null, null, null, null);
            }
        }

        private void Accrue(string program, string action, string type, long points, long at, long? activates, long? expires) =>
            ledger.Add(Profile, ++_id, program, TransactionKinds.Accrual, points, at, action, type, activates, expires);

        private long Between(long from, long to) => from + (long)(random.NextDouble() * (to - from));
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        """
        {
          "schemaVersion": 1,
          "id": "bonus-club-active-100-500",
          "name": "Bonus Club participants with 100 to 500 active points",
          "description": "Participants of the Bonus Club now whose active (usable now) balance is between 100 and 500 points, both included.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "loyalty.participation", "params": { "program": "bonus-club", "operator": "participant" } },
              { "type": "loyalty.balance", "params": { "program": "bonus-club", "balance": "active", "operator": "in_range", "min": 100, "max": 500 } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "burning-double-points",
          "name": "Double points burning within 7 days",
          "description": "At least 200 unspent points from the double-points promo action expire in the next 7 days: remind them to spend.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "loyalty.expiring", "params": { "program": "bonus-club", "promo_action": "double-points", "next_days": 7, "operator": "greater_or_equal", "value": 200 } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "active-customers",
          "name": "Active customers: a purchase in the last 2 weeks or more than 500 bonus points",
          "description": "A paid or delivered order created in the last 14 days, or an active Bonus Club balance above 500 points (market and loyalty conditions in one OR group).",
          "subject": "profile",
          "rules": {
            "op": "or",
            "items": [
              { "type": "market.orders", "params": { "operator": "exists", "statuses": ["paid", "delivered"], "created_in_last_days": 14 } },
              { "type": "loyalty.balance", "params": { "program": "bonus-club", "balance": "active", "operator": "greater", "value": 500 } }
            ]
          }
        }
        """,
    ];
}
