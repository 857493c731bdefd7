using RulePlugins.Testing;
using static RulePlugins.Plugins.Loyalty.Tests.LoyaltyBed;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// The edges of the points model, one ledger per profile: instants exactly at now, the consumption order of spends,
/// over-large spends, spent points that cannot expire, rows dated after now. Each asserts the balance with <c>equals</c>,
/// so any other number selects nobody.
/// </summary>
public sealed class EdgeTests : IDisposable
{
    private readonly LoyaltyBed _bed = new();

    private void AssertBalance(long profile, string balance, long expected, string? pointType = null)
    {
        var parameters = Balance(balance, "equals", expected);
        var members = _bed.Kit.Members("loyalty.balance", pointType is null ? parameters : parameters.With("point_type", pointType));
        Assert.True(members.Contains(profile), $"profile {profile}: {balance} balance{(pointType is null ? "" : " of " + pointType)} is not {expected}");
    }

    [Fact]
    public void Balance_AccrualActivatingExactlyNow_IsActive()
    {
        _bed.Kit.AddProfiles(1, 2);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - Day, activates: _bed.Now);
        _bed.Accrue(2, "bonus-club", 100, _bed.Now - Day, activates: _bed.Now + 1);

        AssertBalance(1, "active", 100);
        AssertBalance(2, "active", 0);
        AssertBalance(2, "final", 100);
    }

    [Fact]
    public void Balance_AccrualExpiringExactlyNow_IsGoneButCountsAsExpiringInBothWindows()
    {
        _bed.Kit.AddProfiles(1, 2);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - Day, expires: _bed.Now);
        _bed.Accrue(2, "bonus-club", 100, _bed.Now - Day, expires: _bed.Now + 1);

        AssertBalance(1, "final", 0);
        AssertBalance(1, "active", 0);
        AssertBalance(2, "final", 100);
        AssertBalance(2, "active", 100);
        var expiring = Params.Operator("equals").With("program", "bonus-club").With("value", 100);
        _bed.Kit.AssertMembers("loyalty.expiring", expiring.With("next_days", 1), 1, 2);
        _bed.Kit.AssertMembers("loyalty.expiring", expiring.With("last_days", 1), 1);
    }

    [Fact]
    public void Balance_SpendLargerThanTheActiveBalance_ConsumesWhatIsUsableAndNoLaterPoints()
    {
        _bed.Kit.AddProfiles(1);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 10 * Day);
        _bed.Accrue(1, "bonus-club", 70, _bed.Now - 9 * Day, activates: _bed.Now - Day);
        _bed.Spend(1, "bonus-club", 500, _bed.Now - 5 * Day);
        _bed.Accrue(1, "bonus-club", 40, _bed.Now - 2 * Day);

        // The spend took the usable 100, not the 70 waiting for activation, and owes nothing afterwards.
        AssertBalance(1, "final", 110);
        AssertBalance(1, "active", 110);
        _bed.Kit.AssertMembers("loyalty.balance", Balance("final", "less", 0));
    }

    [Fact]
    public void Balance_Spend_ConsumesEarliestExpiringFirstAndNeverExpiringLast()
    {
        _bed.Kit.AddProfiles(1, 2);
        // 1: promo expires in 30 days, bonus in 10 days (accrued later), status never: a spend of 150 takes 100 bonus, then 50 promo.
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 20 * Day, "double-points", "promo", expires: _bed.Now + 30 * Day);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 15 * Day, "purchase", "status");
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 10 * Day, "purchase", "bonus", expires: _bed.Now + 10 * Day);
        _bed.Spend(1, "bonus-club", 150, _bed.Now - Day);
        // 2: same expiry: the earlier accrual (status) is consumed first.
        _bed.Accrue(2, "bonus-club", 100, _bed.Now - 5 * Day, "purchase", "bonus", expires: _bed.Now + 10 * Day);
        _bed.Accrue(2, "bonus-club", 100, _bed.Now - 6 * Day, "purchase", "status", expires: _bed.Now + 10 * Day);
        _bed.Spend(2, "bonus-club", 60, _bed.Now - Day);

        AssertBalance(1, "final", 0, "bonus");
        AssertBalance(1, "final", 50, "promo");
        AssertBalance(1, "final", 100, "status");
        AssertBalance(2, "final", 100, "bonus");
        AssertBalance(2, "final", 40, "status");
    }

    [Fact]
    public void Balance_SpendBeforeActivationOrAtExpiry_CannotUseThosePoints()
    {
        _bed.Kit.AddProfiles(1, 2, 3);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 10 * Day, activates: _bed.Now - 2 * Day);
        _bed.Spend(1, "bonus-club", 100, _bed.Now - 3 * Day);
        _bed.Accrue(2, "bonus-club", 100, _bed.Now - 10 * Day, expires: _bed.Now - 3 * Day);
        _bed.Accrue(2, "bonus-club", 30, _bed.Now - 10 * Day);
        _bed.Spend(2, "bonus-club", 100, _bed.Now - 3 * Day);
        // 3: a spend at the very instant of activation may use the points.
        _bed.Accrue(3, "bonus-club", 100, _bed.Now - 10 * Day, activates: _bed.Now - 3 * Day);
        _bed.Spend(3, "bonus-club", 100, _bed.Now - 3 * Day);

        AssertBalance(1, "active", 100);
        AssertBalance(2, "final", 0);
        AssertBalance(3, "final", 0);
        // What expired unspent at the spend's instant is all 100 of profile 2's first accrual.
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("equals").With("program", "bonus-club").With("value", 100).With("last_days", 7), 2);
    }

    [Fact]
    public void Expiring_PartlySpentAccrual_CountsOnlyTheUnspentRest()
    {
        _bed.Kit.AddProfiles(1, 2);
        _bed.Accrue(1, "bonus-club", 200, _bed.Now - 27 * Day, "double-points", "promo", expires: _bed.Now + 3 * Day);
        _bed.Spend(1, "bonus-club", 150, _bed.Now - 2 * Day);
        _bed.Accrue(2, "bonus-club", 200, _bed.Now - 27 * Day, "double-points", "promo", expires: _bed.Now + 3 * Day);
        _bed.Spend(2, "bonus-club", 250, _bed.Now - 2 * Day);

        var next7 = Params.Operator("equals").With("program", "bonus-club").With("next_days", 7).With("promo_action", "double-points");
        _bed.Kit.AssertMembers("loyalty.expiring", next7.With("value", 50), 1);
        _bed.Kit.AssertMembers("loyalty.expiring", next7.With("value", 0), 2);
    }

    [Fact]
    public void Balance_SpendLongAgoOnPointsExpiredSince_LeavesTheLivePointsWhole()
    {
        // Dropping the long-expired accrual would move the old spend onto the live points: the fold needs the whole ledger.
        _bed.Kit.AddProfiles(1);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 200 * Day, expires: _bed.Now - 100 * Day);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 190 * Day, "referral", "bonus");
        _bed.Spend(1, "bonus-club", 80, _bed.Now - 150 * Day);

        AssertBalance(1, "final", 100);
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("equals").With("program", "bonus-club").With("value", 20).With("last_days", 100), 1);
    }

    [Fact]
    public void Balance_RowsDatedAfterNow_HaveNotHappened()
    {
        _bed.Kit.AddProfiles(1);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - Day);
        _bed.Accrue(1, "bonus-club", 500, _bed.Now + 1);
        _bed.Spend(1, "bonus-club", 60, _bed.Now + 1);

        AssertBalance(1, "final", 100);
        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("equals").With("program", "bonus-club").With("value", 100), 1);
        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("equals").With("program", "bonus-club").With("value", 0).With("next_days", 7), 1);

        _bed.Kit.Now = _bed.Kit.Now.AddDays(1);
        AssertBalance(1, "final", 540);
    }

    [Fact]
    public void Accrued_NextDays_CountsAccrualsByTheInstantTheyBecomeUsable()
    {
        _bed.Kit.AddProfiles(1, 2, 3, 4);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 2 * Day, activates: _bed.Now + 3 * Day);
        _bed.Accrue(2, "bonus-club", 100, _bed.Now);                                          // usable exactly now
        _bed.Accrue(3, "bonus-club", 100, _bed.Now - Day);                                    // usable since yesterday
        _bed.Accrue(4, "bonus-club", 100, _bed.Now - 2 * Day, activates: _bed.Now + 7 * Day + 1);

        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("equals").With("program", "bonus-club").With("value", 100).With("next_days", 7), 1, 2);
        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("equals").With("program", "bonus-club").With("value", 100).With("last_days", 1), 2, 3);
    }

    [Fact]
    public void Accrued_LastDays_IncludesExactlyXDaysAgoButNotOneMillisecondEarlier()
    {
        _bed.Kit.AddProfiles(1, 2);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - 7 * Day);
        _bed.Accrue(2, "bonus-club", 100, _bed.Now - 7 * Day - 1);

        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("greater").With("program", "bonus-club").With("value", 0).With("last_days", 7), 1);
    }

    public void Dispose() => _bed.Dispose();
}
