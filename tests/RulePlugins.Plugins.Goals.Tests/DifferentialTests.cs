using System.Text.Json;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;
using static RulePlugins.Plugins.Goals.Tests.RandomAchievements;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// The author kit's differential harness: random AND/OR trees of <c>goals.achieved</c> and <c>goals.complex</c> (random
/// operators, windows and facets), mixed with the profile fields plugin's city condition, recalculated through the
/// engine (with the column check) against a plain reading of each condition over the achievements the test inserted.
/// </summary>
public sealed class DifferentialTests
{
    private const int Profiles = 120;
    private static readonly long Now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
    private static readonly DateTimeOffset PeriodFrom = TestDatabase.DefaultNow.AddDays(-20);
    private static readonly DateTimeOffset PeriodTo = TestDatabase.DefaultNow.AddDays(-5);
    private static readonly DateTimeOffset TrialDay = TestDatabase.DefaultNow.AddDays(-3);

    /// <summary>A facet the random conditions use: its parameters and its plain meaning for one achievement.</summary>
    private sealed record FacetCase(string Name, Func<Params, Params> Add, Func<TestAchievement, bool> Holds);

    private static readonly FacetCase[] Facets =
    [
        .. Named.Select(goal => new FacetCase("goal " + goal, p => p.With("goal", goal), a => Same(a.Goal, goal))),
        new("pixel", p => p.With("pixel", "landing"), a => Same(a.Pixel, "landing")),
        new("utm_source", p => p.With("utm_source", new[] { "email", "vk" }), a => Same(a.UtmSource, "email") || Same(a.UtmSource, "vk")),
        new("utm_medium", p => p.With("utm_medium", new[] { "cpc" }), a => Same(a.UtmMedium, "cpc")),
        new("device_type", p => p.With("device_type", new[] { "mobile" }), a => Same(a.DeviceType, "mobile")),
        new("cost", p => p.With("cost_operator", "greater").With("cost_value", 800.5m), a => a.Cost > 800.5m),
        new("cost not_equals", p => p.With("cost_operator", "not_equals").With("cost_value", 0), a => a.Cost != 0),
        new("has_order", p => p.With("has_order", true), a => !string.IsNullOrWhiteSpace(a.OrderId)),
        new("order_amount", p => p.With("order_amount_operator", "less").With("order_amount_value", 5000.5m), a => a.OrderAmount < 5000.5m),
        new("plan gold", p => Data(p, "data1_", "string", "equals", "value", "gold"), a => Key(a.PixelData, "plan") is { ValueKind: JsonValueKind.String } v && Same(v.GetString(), "gold")),
        new("plan not gold", p => Data(p, "data1_", "string", "not_equals", "value", "gold"), a => !(Key(a.PixelData, "plan") is { ValueKind: JsonValueKind.String } v && Same(v.GetString(), "gold"))),
        new("seats", p => Data(p, "data2_", "number", "greater_or_equal", "value", 5), a => Key(a.PixelData, "seats") is { ValueKind: JsonValueKind.Number } v && v.GetDecimal() >= 5),
        new("trial_ends", p => Data(p, "data3_", "date", "less_or_equal", "value", TrialDay.ToString("yyyy-MM-dd")), a => TrialEnds(a) is { } t && t.UtcDateTime.Date <= TrialDay.UtcDateTime.Date),
        new("trial_ends recent", p => Data(p, "data3_", "date", "in_last_days", "days", 10), a => TrialEnds(a) is { } t && t.ToUnixTimeMilliseconds() >= Now - 10 * Day && t.ToUnixTimeMilliseconds() <= Now),
        new("newsletter", p => Data(p, "data2_", "boolean", "equals", "value", true), a => Key(a.PixelData, "newsletter") is { ValueKind: JsonValueKind.True }),
        new("newsletter not true", p => Data(p, "data2_", "boolean", "not_equals", "value", true), a => Key(a.PixelData, "newsletter") is not { ValueKind: JsonValueKind.True }),
    ];

    private static Params Data(Params parameters, string slot, string kind, string op, string valueName, object value) =>
        parameters.With(slot + "kind", kind).With(slot + "key", kind switch { "string" => "plan", "number" => "seats", "date" => "trial_ends", _ => "newsletter" })
            .With($"{slot}{kind}_operator", op).With($"{slot}{kind}_{valueName}", value);

    private static DateTimeOffset? TrialEnds(TestAchievement achievement) =>
        Key(achievement.PixelData, "trial_ends") is { ValueKind: JsonValueKind.String } v
        && DateTimeOffset.TryParseExact(v.GetString(), ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_RandomTreesWithCities_MatchTheReference(int seed)
    {
        var random = new Random(seed * 37);
        using var bed = Create();
        var cities = KitCities.AddProfiles(bed, random, Profiles);
        var achievements = RandomAchievements.Insert(bed, random, Profiles).ToLookup(a => a.ProfileId);
        var meanings = new Dictionary<string, Func<TestAchievement, bool>>(StringComparer.Ordinal);

        KitCondition RandomCondition(Random r)
        {
            if (r.Next(6) == 0)
            {
                return KitCities.Random(r);
            }

            var complex = r.Next(2) == 0;
            var parameters = complex
                ? Meets(r.Next(2) == 0)
                : r.Next(6) switch
                {
                    0 => Counting("exists").With("times", (long)r.Next(1, 3)),
                    1 => Counting("not_exists"),
                    2 => Counting("at_least").With("times", (long)r.Next(1, 4)),
                    3 => Counting("not_once"),
                    4 => Counting("total").With("goal_cost_operator", "greater").With("goal_cost_value", 1000.5m),
                    _ => Counting("average").With("goal_cost_operator", r.Next(2) == 0 ? "greater" : "not_equals").With("goal_cost_value", 700.5m),
                };
            parameters = r.Next(3) switch
            {
                0 => parameters.With("last_days", 30L),
                1 => parameters.With("from", PeriodFrom.ToString("yyyy-MM-dd")).With("to", PeriodTo.ToString("yyyy-MM-dd")),
                _ => parameters,
            };
            var chosen = Facets.OrderBy(_ => r.Next()).Take(r.Next(complex ? 1 : 0, 3)).GroupBy(f => f.Name.Split(' ')[0] is "plan" ? "data1" : f.Name.StartsWith("seats", StringComparison.Ordinal) || f.Name.StartsWith("newsletter", StringComparison.Ordinal) ? "data2" : f.Name.StartsWith("trial", StringComparison.Ordinal) ? "data3" : f.Name.Split(' ')[0]).Select(g => g.First()).ToList();
            foreach (var facet in chosen)
            {
                parameters = facet.Add(parameters);
            }

            var condition = new KitCondition(complex ? Complex : Achieved, parameters);
            meanings[parameters.ToString()] = a => chosen.All(f => f.Holds(a));
            return condition;
        }

        bool Reference(long id, KitCondition condition)
        {
            if (condition.Type == KitCities.Type)
            {
                return KitCities.Holds(cities[id], condition);
            }

            var counted = achievements[id].Where(a => InWindow(a.At, condition) && meanings[condition.Params.ToString()](a)).ToList();
            var times = condition.Get("times") is { } t ? Convert.ToInt64(t, System.Globalization.CultureInfo.InvariantCulture) : 1;
            var costs = counted.Where(a => a.Cost is not null).Select(a => a.Cost!.Value).ToList();
            return (string)condition.Get("operator")! switch
            {
                "meets" => counted.Count > 0,
                "does_not_meet" => counted.Count == 0,
                "exists" or "at_least" => counted.Count >= times,
                "not_exists" => counted.Count < times,
                "not_once" => counted.Count == 0,
                "total" => costs.Sum() > 1000.5m,
                _ => (string)condition.Get("goal_cost_operator")! == "greater"
                    ? costs.Count > 0 && costs.Average() > 700.5m
                    : costs.Count == 0 || costs.Average() != 700.5m,
            };
        }

        var nonTrivial = new DifferentialHarness(bed, RandomCondition, Reference).Run(seed, trees: 20, singles: 20);

        Assert.True(nonTrivial >= 18, $"only {nonTrivial} of 40 documents selected some but not all profiles");
    }

    private static bool InWindow(long at, KitCondition condition)
    {
        if (condition.Get("last_days") is not null)
        {
            return at >= Now - 30 * Day && at <= Now;
        }

        if (condition.Get("from") is not null)
        {
            return at >= new DateTimeOffset(PeriodFrom.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeMilliseconds()
                && at < new DateTimeOffset(PeriodTo.UtcDateTime.Date.AddDays(1), TimeSpan.Zero).ToUnixTimeMilliseconds();
        }

        // All time: every achievement up to now (one dated after now counts in no window).
        return at <= Now;
    }
}
