using RulePlugins.Testing;
using static RulePlugins.Plugins.Loyalty.Tests.LoyaltyBed;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// The worked example of the README's Loyalty section: one profile's Bonus Club ledger, and its final and active
/// balances at three instants, as the engine computes them (recalculated segments with <c>equals</c>, so a balance one
/// point off selects nobody).
/// </summary>
public sealed class WorkedExampleTests : IDisposable
{
    private readonly LoyaltyBed _bed = new();

    private static long At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public WorkedExampleTests()
    {
        _bed.Kit.AddProfiles(1);
        // 1. 2026-01-10: 300 bonus points for a purchase, usable at once, expiring 2026-07-10.
        _bed.Accrue(1, "bonus-club", 300, At("2026-01-10T10:00:00Z"), "purchase", "bonus", expires: At("2026-07-10T10:00:00Z"));
        // 2. 2026-02-01: 200 promo points of the double-points weekend, expiring 2026-03-01 00:00.
        _bed.Accrue(1, "bonus-club", 200, At("2026-02-01T09:00:00Z"), "double-points", "promo", expires: At("2026-03-01T00:00:00Z"));
        // 3. 2026-02-15: 500 bonus points for a purchase, usable from 2026-03-01 00:00 (the return period), expiring 2027-02-15.
        _bed.Accrue(1, "bonus-club", 500, At("2026-02-15T12:00:00Z"), "purchase", "bonus", At("2026-03-01T00:00:00Z"), At("2027-02-15T12:00:00Z"));
        // 4. 2026-02-20: spends 120: drawn from accrual 2, which expires first.
        _bed.Spend(1, "bonus-club", 120, At("2026-02-20T18:00:00Z"));
        // 5. 2026-03-10: 100 bonus points for a referral, never expiring.
        _bed.Accrue(1, "bonus-club", 100, At("2026-03-10T08:00:00Z"), "referral", "bonus");
        // 6. 2026-04-01: spends 1,000 while 900 are usable (300 of 1, 500 of 3, 100 of 5): takes the 900, the rest takes nothing.
        _bed.Spend(1, "bonus-club", 1000, At("2026-04-01T15:00:00Z"));
        // 7. 2026-04-12: 250 bonus points for a purchase, usable from 2026-04-26, expiring 2027-04-12.
        _bed.Accrue(1, "bonus-club", 250, At("2026-04-12T11:00:00Z"), "purchase", "bonus", At("2026-04-26T11:00:00Z"), At("2027-04-12T11:00:00Z"));
    }

    public static TheoryData<string, long, long> Instants() => new()
    {
        // Before accrual 2 expires: 300 + 80 left of 2 + 500 not yet usable.
        { "2026-02-25T12:00:00Z", 880, 380 },
        // Exactly when accrual 2 expires (gone) and accrual 3 activates (usable).
        { "2026-03-01T00:00:00Z", 800, 800 },
        // After the over-large spend: only accrual 7, not usable until 2026-04-26.
        { "2026-04-15T00:00:00Z", 250, 0 },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Balance_WorkedExampleAtInstant_IsTheReadmeNumbers(string instant, long final, long active)
    {
        _bed.Kit.Now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        _bed.Kit.AssertMembers("loyalty.balance", Balance("final", "equals", final), 1);
        _bed.Kit.AssertMembers("loyalty.balance", Balance("active", "equals", active), 1);
        _bed.Kit.AssertMembers("loyalty.balance", Balance("final", "equals", final + 1));
        _bed.Kit.AssertMembers("loyalty.balance", Balance("active", "equals", active - 1));
    }

    [Fact]
    public void Expiring_WorkedExampleBeforeTheDoublePointsExpire_CountsOnlyTheUnspent80()
    {
        _bed.Kit.Now = DateTimeOffset.Parse("2026-02-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var next7 = Params.Operator("equals").With("program", "bonus-club").With("next_days", 7);

        _bed.Kit.AssertMembers("loyalty.expiring", next7.With("value", 80), 1);
        _bed.Kit.AssertMembers("loyalty.expiring", next7.With("value", 80).With("promo_action", "double-points"), 1);
        _bed.Kit.AssertMembers("loyalty.expiring", next7.With("value", 0).With("point_type", "bonus"), 1);
    }

    [Fact]
    public void Accrued_WorkedExampleInFebruary_IsTheGrossAccruals()
    {
        _bed.Kit.Now = DateTimeOffset.Parse("2026-04-15T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var february = Params.Operator("equals").With("program", "bonus-club").With("from", "2026-02-01").With("to", "2026-02-28");

        _bed.Kit.AssertMembers("loyalty.accrued", february.With("value", 700), 1);
        _bed.Kit.AssertMembers("loyalty.accrued", february.With("value", 500).With("point_type", "bonus"), 1);
    }

    [Fact]
    public void Explain_WorkedExampleBeforeTheDoublePointsExpire_ShowsEachBalanceCompared()
    {
        _bed.Kit.Now = DateTimeOffset.Parse("2026-02-25T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        _bed.Kit.Engine.Save(Documents.Json("explained", new
        {
            op = "and",
            items = new object[]
            {
                new { type = "loyalty.balance", @params = Balance("active", "greater", 0).ToObject() },
                new { type = "loyalty.balance", @params = Balance("final", "greater", 0).ToObject() },
                new { type = "loyalty.expiring", @params = Params.Operator("greater").With("program", "bonus-club").With("next_days", 7).With("value", 0).ToObject() },
            },
        }));
        _bed.Kit.Engine.Recalculate("explained");

        var explanation = _bed.Kit.Engine.Explain("explained", 1);

        Assert.True(explanation.Member);
        Assert.Equal(["380", "880", "80"], explanation.Root.Items.Select(i => i.Value));
        Assert.Equal(4, explanation.Root.Items[0].Data[0].Count);
    }

    public void Dispose() => _bed.Dispose();
}
