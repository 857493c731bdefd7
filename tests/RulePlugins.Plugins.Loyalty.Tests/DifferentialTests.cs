using RulePlugins.Testing;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// The author kit's differential harness: random AND/OR trees of the four loyalty conditions over random ledgers (spends
/// included, many instants exactly at now), recalculated through the engine with the column check, against the
/// independent reference fold of <see cref="ReferenceFold"/>.
/// </summary>
public sealed class DifferentialTests
{
    private const int Profiles = 120;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_RandomLedgersAndTrees_MatchTheReferenceFold(int seed)
    {
        using var bed = new LoyaltyBed();
        bed.Kit.AddProfiles([.. Enumerable.Range(1, Profiles).Select(i => (long)i)]);
        RandomLedgers.Insert(bed, new Random(seed * 97), Profiles);

        var harness = new DifferentialHarness(bed.Kit, RandomLedgers.Condition, (id, condition) => RandomLedgers.Holds(bed, id, condition));
        var nonTrivial = harness.Run(seed, trees: 20, singles: 30);

        Assert.True(nonTrivial >= 20, $"only {nonTrivial} of 50 documents selected some but not all profiles");
    }
}
