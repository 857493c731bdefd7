using RulePlugins.Testing;
using static RulePlugins.Plugins.Loyalty.Tests.LoyaltyBed;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary><c>loyalty.participation</c> on spells whose answer is known, with the edges at now and leaving a program.</summary>
public sealed class ParticipationTests : IDisposable
{
    private readonly LoyaltyBed _bed = new();

    public ParticipationTests()
    {
        var now = _bed.Now;
        _bed.Kit.AddProfiles([.. Enumerable.Range(1, 9).Select(i => (long)i)]);
        _bed.Join(1, "bonus-club", now - 10 * Day);                 // 1: in since 10 days.
        _bed.Join(2, "bonus-club", now - 10 * Day, now - 2 * Day);  // 2: left two days ago.
        _bed.Join(3, "bonus-club", now - 10 * Day, now);            // 3: left exactly now: not a participant.
        _bed.Join(4, "bonus-club", now);                            // 4: joined exactly now: a participant.
        _bed.Join(5, "bonus-club", now + 1);                        // 5: joins one millisecond after now.
        _bed.Join(6, "bonus-club", now - 90 * Day, now - 60 * Day); // 6: left, and joined again.
        _bed.Join(6, "BONUS-CLUB ", now - 30 * Day);
        _bed.Join(7, "premium", now - 10 * Day);                    // 7: another program only.
        // 8: never joined.
        _bed.Join(9, "bonus-club", now - 10 * Day, now + 1);        // 9: leaves one millisecond after now.
    }

    [Theory]
    [InlineData("participant", new long[] { 1, 4, 6, 9 })]
    [InlineData("not_participant", new long[] { 2, 3, 5, 7, 8 })]
    public void Participation_Operator_SelectsBySpellOpenNow(string op, long[] expected) =>
        _bed.Kit.AssertMembers("loyalty.participation", Params.Operator(op).With("program", "bonus-club"), expected);

    [Fact]
    public void Participation_LeftTheProgram_KeepsTheLedgerBalance()
    {
        var now = _bed.Now;
        _bed.Accrue(2, "bonus-club", 120, now - 5 * Day);

        _bed.Kit.AssertMembers("loyalty.participation", Params.Operator("not_participant").With("program", "bonus-club"), 2, 3, 5, 7, 8);
        _bed.Kit.AssertMembers("loyalty.balance", Balance("active", "equals", 120), 2);
    }

    public void Dispose() => _bed.Dispose();
}
