using RulePlugins.Testing;
using static RulePlugins.Plugins.Loyalty.Tests.LoyaltyBed;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// Random ledgers and spells around a bed's now, and random loyalty conditions over them, with the reference meaning of
/// each condition from <see cref="ReferenceFold"/>. Many instants fall exactly on now or one millisecond off it; program
/// ids appear in other cases or with spaces; some rows are dated after now; spends are often larger than the balance.
/// </summary>
public static class RandomLedgers
{
    private static readonly string[] Programs = ["bonus-club", "premium"];
    private static readonly string[] PromoActions = ["purchase", "double-points", "referral"];
    private static readonly string[] PointTypes = ["bonus", "promo", "status"];
    private static readonly string[] Operators = ["equals", "not_equals", "greater", "less", "greater_or_equal", "less_or_equal", "in_range"];
    private static readonly long[] Values = [0, 50, 100, 150, 200, 300, 500];

    /// <summary>Inserts spells and (when <paramref name="withSpends"/>) spends for profiles 1..<paramref name="profiles"/>.</summary>
    public static void Insert(LoyaltyBed bed, Random random, int profiles, bool withSpends = true)
    {
        var now = bed.Now;
        long Instant() => random.Next(5) switch
        {
            0 => now + random.Next(-1, 2),
            1 => now + (long)(random.NextDouble() * 2 * Day),
            _ => now - (long)(random.NextDouble() * 60 * Day),
        };
        long? Around(long from, int chanceOfNull, double days) => random.Next(chanceOfNull) == 0 ? null
            : random.Next(4) == 0 ? now + random.Next(-1, 2)
            : from + (long)(random.NextDouble() * days * Day);

        for (long profile = 1; profile <= profiles; profile++)
        {
            for (var s = random.Next(0, 3); s > 0; s--)
            {
                var joined = Instant();
                bed.Join(profile, Spelled(random, Programs[random.Next(2)]), joined, random.Next(3) == 0 ? null : Around(joined, 2, 20));
            }

            for (var t = random.Next(0, 9); t > 0; t--)
            {
                var program = random.Next(5) == 0 ? "premium" : "bonus-club";
                var at = Instant();
                if (withSpends && random.Next(3) == 0)
                {
                    bed.Spend(profile, Spelled(random, program), random.Next(1, 301), at);
                    continue;
                }

                bed.Accrue(profile, Spelled(random, program), random.Next(1, 301), at,
                    PromoActions[random.Next(PromoActions.Length)], PointTypes[random.Next(PointTypes.Length)],
                    Around(at - 10 * Day, 2, 20), Around(at, 3, 40));
            }
        }
    }

    // Now and then an id as another system might spell it: upper case, surrounding spaces.
    private static string Spelled(Random random, string id) => random.Next(10) switch
    {
        0 => id.ToUpperInvariant(),
        1 => " " + id + " ",
        _ => id,
    };

    /// <summary>A random condition of one of the four loyalty types.</summary>
    public static KitCondition Condition(Random random)
    {
        var program = Programs[random.Next(4) == 0 ? 1 : 0];
        if (random.Next(5) == 0)
        {
            return new KitCondition("loyalty.participation", Params.Operator(random.Next(2) == 0 ? "participant" : "not_participant").With("program", program));
        }

        var op = Operators[random.Next(Operators.Length)];
        var parameters = Params.Operator(op).With("program", program);
        if (op == "in_range")
        {
            var min = Values[random.Next(Values.Length)];
            parameters = parameters.With("min", min).With("max", min + Values[random.Next(Values.Length)]);
        }
        else
        {
            parameters = parameters.With("value", Values[random.Next(Values.Length)]);
        }

        if (random.Next(3) == 0)
        {
            parameters = parameters.With("point_type", PointTypes[random.Next(PointTypes.Length)]);
        }

        var type = random.Next(3) switch { 0 => "loyalty.balance", 1 => "loyalty.accrued", _ => "loyalty.expiring" };
        if (type == "loyalty.balance")
        {
            return new KitCondition(type, parameters.With("balance", random.Next(2) == 0 ? "active" : "final"));
        }

        if (random.Next(3) == 0)
        {
            parameters = parameters.With("promo_action", PromoActions[random.Next(PromoActions.Length)]);
        }

        parameters = random.Next(5) switch
        {
            0 => parameters.With("last_days", (long)random.Next(1, 40)),
            1 => parameters.With("next_days", (long)random.Next(1, 40)),
            2 => parameters.With("from", Day0(random, -30)).With("to", Day0(random, 10)),
            3 => random.Next(2) == 0 ? parameters.With("from", Day0(random, -20)) : parameters.With("to", Day0(random, 0)),
            _ => parameters,
        };
        return new KitCondition(type, parameters);
    }

    private static DateOnly Day0(Random random, int offset) =>
        DateOnly.FromDateTime(TestDatabase.DefaultNow.UtcDateTime).AddDays(offset + random.Next(0, 20));

    /// <summary>The reference meaning of a random condition for one profile.</summary>
    public static bool Holds(LoyaltyBed bed, long profile, KitCondition condition)
    {
        var now = bed.Now;
        var program = (string)condition.Get("program")!;
        if (condition.Type == "loyalty.participation")
        {
            var open = bed.Spells.Any(s => s.ProfileId == profile && string.Equals(s.Program.Trim(), program, StringComparison.OrdinalIgnoreCase)
                && s.JoinedAt <= now && (s.LeftAt is null || s.LeftAt > now));
            return (string)condition.Get("operator")! == "participant" ? open : !open;
        }

        var ledger = bed.Ledger.Where(t => t.ProfileId == profile).ToList();
        var type = (string?)condition.Get("point_type");
        var action = (string?)condition.Get("promo_action");
        var lastDays = condition.Get("last_days") as long?;
        var nextDays = condition.Get("next_days") as long?;
        var from = condition.Get("from") is string f ? Start(DateOnly.Parse(f, System.Globalization.CultureInfo.InvariantCulture)) : long.MinValue;
        var to = condition.Get("to") is string t2 ? Start(DateOnly.Parse(t2, System.Globalization.CultureInfo.InvariantCulture)) + Day - 1 : long.MaxValue;
        if (lastDays is { } last)
        {
            (from, to) = (now - last * Day, now);
        }
        else if (nextDays is { } next)
        {
            (from, to) = (now, now + next * Day);
        }

        var points = condition.Type switch
        {
            "loyalty.balance" => ReferenceFold.Balance(ledger, program, now, (string)condition.Get("balance")! == "active", type),
            "loyalty.accrued" => ReferenceFold.Accrued(ledger, program, now, from, to, byActivation: nextDays is not null, action, type),
            _ => ReferenceFold.Expiring(ledger, program, now, from, to, action, type),
        };
        return Compare(points, condition);
    }

    private static long Start(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static bool Compare(long points, KitCondition condition)
    {
        long V(string name) => Convert.ToInt64(condition.Get(name), System.Globalization.CultureInfo.InvariantCulture);
        return (string)condition.Get("operator")! switch
        {
            "equals" => points == V("value"),
            "not_equals" => points != V("value"),
            "greater" => points > V("value"),
            "less" => points < V("value"),
            "greater_or_equal" => points >= V("value"),
            "less_or_equal" => points <= V("value"),
            "in_range" => points >= V("min") && points <= V("max"),
            var op => throw new ArgumentOutOfRangeException(nameof(condition), op, "not a comparison"),
        };
    }
}
