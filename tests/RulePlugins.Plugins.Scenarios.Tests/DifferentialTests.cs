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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_RandomTreesWithCities_MatchTheReference(int seed)
    {
        var random = new Random(seed * 31);
        using var bed = Create();
        var cities = KitCities.AddProfiles(bed, random, Profiles);
        var runs = RandomRuns.Insert(bed, random, Profiles).ToLookup(r => r.ProfileId);
        var now = bed.NowMs();

        var harness = new DifferentialHarness(bed, RandomCondition, (id, condition) => condition.Type == Participation
            ? RandomRuns.Holds(runs[id], (string)condition.Get("scenario")!, (string)condition.Get("operator")!, now)
            : KitCities.Holds(cities[id], condition));

        var nonTrivial = harness.Run(seed, trees: 20, singles: 15);

        Assert.True(nonTrivial >= 15, $"only {nonTrivial} of 35 documents selected some but not all profiles");
    }

    private static KitCondition RandomCondition(Random random)
    {
        if (random.Next(5) == 0)
        {
            return KitCities.Random(random);
        }

        var scenario = RandomRuns.Named[random.Next(RandomRuns.Named.Length)];
        return new KitCondition(Participation, Of(scenario, ParticipationOperators.All[random.Next(ParticipationOperators.All.Count)]));
    }
}
