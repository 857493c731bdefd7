using RulePlugins.Testing;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// The kit's differential harness over random AND/OR trees mixing both condition types (every operator, both the
/// entity asked about and another, windows whose edges the random spells sit on) against <see cref="SpellReference"/>,
/// on 150 profiles with random campaign spells and random group spells. Every tree is saved, recalculated, and checked
/// for undeclared columns by the kit.
/// </summary>
public sealed class DifferentialTests : IDisposable
{
    private const int Profiles = 150;
    private static readonly string[] Operators = [.. Sdk.Operators.MembershipHistoryOperators.All];

    private readonly CampaignsBed _db = new();
    private readonly SpellReference _reference;

    public DifferentialTests()
    {
        _db.AddProfiles(Profiles);
        var random = new Random(20260615);
        var spells = SpellKind.All.ToDictionary(k => k.Type, k => RandomSpells.For(k, Profiles, random));
        foreach (var kind in SpellKind.All)
        {
            _db.AddSpells(kind, spells[kind.Type]);
        }

        _reference = new SpellReference(spells);
    }

    /// <summary>A random condition of either type on the entity asked about or the other one.</summary>
    public static KitCondition RandomCondition(Random random)
    {
        var kind = SpellKind.All[random.Next(SpellKind.All.Count)];
        var op = Operators[random.Next(Operators.Length)];
        var parameters = Params.Empty.With(kind.Parameter, random.Next(4) == 0 ? kind.Other : kind.Ours).With("operator", op);
        if (op.StartsWith("entered_times", StringComparison.Ordinal))
        {
            parameters = parameters.With("times", (long)random.Next(1, 4));
        }

        if (op.EndsWith("last_days", StringComparison.Ordinal))
        {
            parameters = parameters.With("last_days", (long)RandomSpells.WindowDays[random.Next(RandomSpells.WindowDays.Length)]);
        }
        else if (op.EndsWith("in_period", StringComparison.Ordinal))
        {
            parameters = parameters.With("from", RandomSpells.PeriodFrom).With("to", RandomSpells.PeriodTo);
        }

        return new KitCondition(kind.Type, parameters);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_RandomTreesOfBothConditionTypes_AgreeWithTheReference(int seed)
    {
        var harness = new DifferentialHarness(_db.Bed, RandomCondition, _reference.Holds);

        var nonTrivial = harness.Run(seed, trees: 25, singles: 30);

        Assert.True(nonTrivial >= 30, $"only {nonTrivial} of 55 documents split the profiles; the random data says too little");
    }

    public void Dispose() => _db.Dispose();
}
