using RulePlugins.Plugins.Scenarios.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Scenarios.Tests.ScenarioBed;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>
/// The author kit's differential harness: random AND/OR trees of participation conditions, mixed with the profile
/// fields plugin's city condition, recalculated through the engine (with the column check) against
/// <see cref="RandomRuns.Holds"/> and a plain reading of the city condition.
/// </summary>
public sealed class DifferentialTests
{
    private const int Profiles = 120;
    private static readonly string?[] Cities = ["Moscow", "MOSCOW", "Kazan", "", null];
    private static readonly string[] CityValues = ["moscow", "Kazan"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_RandomTreesWithCities_MatchTheReference(int seed)
    {
        var random = new Random(seed * 31);
        using var bed = Create();
        var cities = Enumerable.Range(1, Profiles).ToDictionary(i => (long)i, _ => Cities[random.Next(Cities.Length)]);
        bed.Database.AddProfiles([.. cities.Select(c => new ProfileData(c.Key) { City = c.Value })]);
        var runs = RandomRuns.Insert(bed, random, Profiles).ToLookup(r => r.ProfileId);
        var now = bed.NowMs();

        var harness = new DifferentialHarness(bed, RandomCondition, (id, condition) => condition.Type == Participation
            ? RandomRuns.Holds(runs[id], (string)condition.Get("scenario")!, (string)condition.Get("operator")!, now)
            : City(cities[id], (string)condition.Get("operator")!, (string?)condition.Get("value")));

        var nonTrivial = harness.Run(seed, trees: 20, singles: 15);

        Assert.True(nonTrivial >= 15, $"only {nonTrivial} of 35 documents selected some but not all profiles");
    }

    private static KitCondition RandomCondition(Random random)
    {
        if (random.Next(5) == 0)
        {
            var op = random.Next(3) switch { 0 => "equals", 1 => "not_equals", _ => "is_empty" };
            var parameters = Params.Operator(op);
            return new KitCondition("profile.city", op == "is_empty" ? parameters : parameters.With("value", CityValues[random.Next(CityValues.Length)]));
        }

        var scenario = RandomRuns.Named[random.Next(RandomRuns.Named.Length)];
        return new KitCondition(Participation, Of(scenario, ParticipationOperators.All[random.Next(ParticipationOperators.All.Count)]));
    }

    // The profile fields plugin's reading of a city condition: ignoring case; not_equals also matches no city.
    private static bool City(string? city, string op, string? value)
    {
        var empty = string.IsNullOrWhiteSpace(city);
        var equal = !empty && string.Equals(city, value, StringComparison.OrdinalIgnoreCase);
        return op switch
        {
            "equals" => equal,
            "not_equals" => !equal,
            _ => empty,
        };
    }
}
