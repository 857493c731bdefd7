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
    private static readonly string?[] Cities = ["Moscow", "MOSCOW", "Kazan", "", null];
    private static readonly string[] CityValues = ["moscow", "Kazan"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_RandomTreesOfPopupsFormsAndCities_MatchTheReference(int seed)
    {
        var random = new Random(seed * 37);
        using var bed = Create();
        var cities = Enumerable.Range(1, Profiles).ToDictionary(i => (long)i, _ => Cities[random.Next(Cities.Length)]);
        bed.Database.AddProfiles([.. cities.Select(c => new ProfileData(c.Key) { City = c.Value })]);
        var (events, fills) = RandomActivity.Insert(bed, random, Profiles);
        var eventsOf = events.ToLookup(e => e.ProfileId);
        var fillsOf = fills.ToLookup(f => f.ProfileId);
        var now = bed.NowMs();

        var harness = new DifferentialHarness(bed, r => RandomCondition(r, bed), (id, condition) => condition.Type switch
        {
            Popup => RandomActivity.Holds(eventsOf[id], condition, now),
            Form => RandomActivity.Holds(fillsOf[id], condition, now),
            _ => City(cities[id], (string)condition.Get("operator")!, (string?)condition.Get("value")),
        });

        var nonTrivial = harness.Run(seed, trees: 25, singles: 25);

        Assert.True(nonTrivial >= 20, $"only {nonTrivial} of 50 documents selected some but not all profiles");
    }

    private static KitCondition RandomCondition(Random random, PluginTestBed bed)
    {
        switch (random.Next(6))
        {
            case 0:
                var op = random.Next(3) switch { 0 => "equals", 1 => "not_equals", _ => "is_empty" };
                var parameters = Params.Operator(op);
                return new KitCondition("profile.city", op == "is_empty" ? parameters : parameters.With("value", CityValues[random.Next(CityValues.Length)]));
            case 1 or 2:
                return new KitCondition(Form, RandomActivity.RandomForm(random, bed));
            default:
                return new KitCondition(Popup, RandomActivity.RandomPopup(random, bed));
        }
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
