using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// The author kit's differential harness: random AND/OR trees of popup and form conditions, mixed with the profile
/// fields plugin's city condition, recalculated through the engine (with the column check) against
/// <see cref="RandomActivity.Holds(IEnumerable{TestEvent}, KitCondition, long)"/>, its form twin and a plain reading of
/// the city condition.
/// </summary>
public sealed class DifferentialTests
{
    private const int Profiles = 150;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_RandomTreesOfPopupsFormsAndCities_MatchTheReference(int seed)
    {
        var random = new Random(seed * 37);
        using var bed = Create();
        var cities = KitCities.AddProfiles(bed, random, Profiles);
        var (events, fills) = RandomActivity.Insert(bed, random, Profiles);
        var eventsOf = events.ToLookup(e => e.ProfileId);
        var fillsOf = fills.ToLookup(f => f.ProfileId);
        var now = bed.NowMs();

        var harness = new DifferentialHarness(bed, r => RandomCondition(r, bed), (id, condition) => condition.Type switch
        {
            Popup => RandomActivity.Holds(eventsOf[id], condition, now),
            Form => RandomActivity.Holds(fillsOf[id], condition, now),
            _ => KitCities.Holds(cities[id], condition),
        });

        var nonTrivial = harness.Run(seed, trees: 25, singles: 25);

        Assert.True(nonTrivial >= 20, $"only {nonTrivial} of 50 documents selected some but not all profiles");
    }

    private static KitCondition RandomCondition(Random random, PluginTestBed bed)
    {
        switch (random.Next(6))
        {
            case 0:
                return KitCities.Random(random);
            case 1 or 2:
                return new KitCondition(Form, RandomActivity.RandomForm(random, bed));
            default:
                return new KitCondition(Popup, RandomActivity.RandomPopup(random, bed));
        }
    }
}
