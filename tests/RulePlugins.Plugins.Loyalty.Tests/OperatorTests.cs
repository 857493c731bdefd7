using RulePlugins.Testing;
using static RulePlugins.Plugins.Loyalty.Tests.LoyaltyBed;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// Every operator of the four loyalty conditions on hand-built ledgers whose balances are known (see the constructor).
/// Each check recalculates a real segment and runs the kit's column check.
/// </summary>
public sealed class OperatorTests : IDisposable
{
    private readonly LoyaltyBed _bed = new();

    public OperatorTests()
    {
        var now = _bed.Now;
        _bed.Kit.AddProfiles([.. Enumerable.Range(1, 9).Select(i => (long)i)]);
        // Bonus Club final / active: 1: 0/0 (no ledger); 2: 100/100; 3: 250/250; 4: 500/500; 5: 501/400; 6: 0/0 (premium only);
        // 7: 150/150 (100 bonus, 50 promo); 8: 0/0 (everything spent); 9: 0/0 (everything expired).
        _bed.Accrue(2, "bonus-club", 100, now - 10 * Day);
        _bed.Accrue(3, "bonus-club", 300, now - 10 * Day);
        _bed.Spend(3, "bonus-club", 50, now - 5 * Day);
        _bed.Accrue(4, "bonus-club", 500, now - 400 * Day, expires: now + 30 * Day);
        _bed.Accrue(5, "bonus-club", 400, now - 3 * Day);
        _bed.Accrue(5, "bonus-club", 101, now - Day, activates: now + Day);
        _bed.Accrue(6, "premium", 1000, now - Day, "premium-status", "status");
        _bed.Accrue(7, "bonus-club", 100, now - 2 * Day);
        _bed.Accrue(7, "bonus-club", 50, now - 2 * Day, "double-points", "promo", expires: now + 5 * Day);
        _bed.Accrue(8, "bonus-club", 80, now - 20 * Day);
        _bed.Spend(8, "bonus-club", 80, now - 19 * Day);
        _bed.Accrue(9, "bonus-club", 70, now - 40 * Day, "double-points", "promo", expires: now - 10 * Day);
    }

    public static TheoryData<string, string, long, long[]> BalanceCases() => new()
    {
        { "final", "equals", 250, [3] },
        { "final", "not_equals", 250, [1, 2, 4, 5, 6, 7, 8, 9] },
        { "final", "greater", 250, [4, 5] },
        { "final", "less", 100, [1, 6, 8, 9] },
        { "final", "greater_or_equal", 500, [4, 5] },
        { "final", "less_or_equal", 100, [1, 2, 6, 8, 9] },
        { "active", "equals", 400, [5] },
        { "active", "greater", 400, [4] },
        { "active", "greater_or_equal", 400, [4, 5] },
    };

    [Theory]
    [MemberData(nameof(BalanceCases))]
    public void Balance_Comparison_SelectsTheProfilesWithThoseBalances(string balance, string op, long value, long[] expected) =>
        _bed.Kit.AssertMembers("loyalty.balance", Balance(balance, op, value), expected);

    [Theory]
    [InlineData("final", new long[] { 2, 3, 4, 7 })]
    [InlineData("active", new long[] { 2, 3, 4, 5, 7 })]
    public void Balance_InRange100To500_IncludesBothEnds(string balance, long[] expected) =>
        _bed.Kit.AssertMembers("loyalty.balance", Params.Operator("in_range").With("program", "bonus-club").With("balance", balance).With("min", 100).With("max", 500), expected);

    [Fact]
    public void Balance_OnePointType_CountsOnlyThatType()
    {
        _bed.Kit.AssertMembers("loyalty.balance", Balance("final", "equals", 50).With("point_type", "promo"), 7);
        _bed.Kit.AssertMembers("loyalty.balance", Balance("final", "equals", 100).With("point_type", "bonus"), 2, 7);
    }

    [Fact]
    public void Balance_OtherProgram_CountsOnlyItsLedger()
    {
        _bed.Kit.AssertMembers("loyalty.balance", Balance("active", "greater", 0, "premium"), 6);
        _bed.Kit.AssertMembers("loyalty.balance", Balance("final", "equals", 1000, "premium").With("point_type", "status"), 6);
    }

    [Theory]
    [InlineData("equals", 150, new long[] { 7 })]
    [InlineData("not_equals", 0, new long[] { 2, 3, 4, 5, 7, 8, 9 })]
    [InlineData("greater", 150, new long[] { 3, 4, 5 })]
    [InlineData("less", 100, new long[] { 1, 6, 8, 9 })]
    [InlineData("greater_or_equal", 501, new long[] { 5 })]
    [InlineData("less_or_equal", 80, new long[] { 1, 6, 8, 9 })]
    public void Accrued_AllTimeComparison_IsTheGrossPointsWhateverWasSpentOrExpired(string op, long value, long[] expected) =>
        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator(op).With("program", "bonus-club").With("value", value), expected);

    [Fact]
    public void Accrued_InRangeLastDaysWithPromoAction_CountsOnlyThoseAccruals()
    {
        // Accrued in the last 3 days: 5 (400 + 101), 7 (100 + 50).
        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("in_range").With("program", "bonus-club").With("last_days", 3).With("min", 150).With("max", 501), 5, 7);
        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("greater").With("program", "bonus-club").With("value", 0).With("promo_action", "double-points"), 7, 9);
        _bed.Kit.AssertMembers("loyalty.accrued", Params.Operator("greater").With("program", "bonus-club").With("value", 0).With("promo_action", "double-points").With("last_days", 30), 7);
    }

    [Theory]
    [InlineData("greater", 0, new long[] { 7 })]
    [InlineData("equals", 0, new long[] { 1, 2, 3, 4, 5, 6, 8, 9 })]
    [InlineData("not_equals", 50, new long[] { 1, 2, 3, 4, 5, 6, 8, 9 })]
    [InlineData("in_range", 50, new long[] { 7 })]
    [InlineData("less", 50, new long[] { 1, 2, 3, 4, 5, 6, 8, 9 })]
    [InlineData("greater_or_equal", 50, new long[] { 7 })]
    [InlineData("less_or_equal", 50, new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    public void Expiring_NextSevenDays_CountsWhatIsLeftOfAccrualsExpiringThen(string op, long value, long[] expected)
    {
        var parameters = Params.Operator(op).With("program", "bonus-club").With("next_days", 7);
        parameters = op == "in_range" ? parameters.With("min", value).With("max", value) : parameters.With("value", value);

        _bed.Kit.AssertMembers("loyalty.expiring", parameters, expected);
    }

    [Fact]
    public void Expiring_PeriodAndLastDays_CountPointsThatExpiredUnspent()
    {
        var expiry = _bed.Kit.Now.AddDays(-10);
        var day = DateOnly.FromDateTime(expiry.UtcDateTime);
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("equals").With("program", "bonus-club").With("value", 70).With("from", day).With("to", day), 9);
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("equals").With("program", "bonus-club").With("value", 70).With("last_days", 10), 9);
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("equals").With("program", "bonus-club").With("value", 70).With("last_days", 9));
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("greater").With("program", "bonus-club").With("value", 0).With("next_days", 31), 4, 7);
    }

    [Fact]
    public void Expiring_NoWindow_CountsEveryAccrualWithAnExpiryWheneverItExpires()
    {
        // 4: 500 in 30 days; 7: 50 in 5 days; 9: 70 expired 10 days ago. Accruals that never expire count nowhere.
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("in_range").With("program", "bonus-club").With("min", 50).With("max", 500), 4, 7, 9);
        _bed.Kit.AssertMembers("loyalty.expiring", Params.Operator("equals").With("program", "bonus-club").With("value", 0), 1, 2, 3, 5, 6, 8);
    }

    public void Dispose() => _bed.Dispose();
}
