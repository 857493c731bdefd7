using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Scenarios.Tests.ScenarioBed;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>
/// Every operator of <c>scenarios.participation</c> on runs of the welcome scenario whose answer is known by hand, one
/// situation per profile (see the constructor). Each check also runs the kit's column check, which recalculates with
/// every column of scenario_runs loaded and fails when the answer changes.
/// </summary>
public sealed class OperatorTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    public OperatorTests()
    {
        var now = _bed.NowMs();
        _bed.AddProfiles([.. Enumerable.Range(1, 13).Select(i => (long)i)]);
        // 1: no runs at all.
        // 2: entered 10 days ago, completed 3 days ago.
        _bed.Run(2, "welcome", now - 10 * Day, now - 3 * Day, RunOutcomes.Completed);
        // 3: entered 2 days ago, still active (no finish).
        _bed.Run(3, "welcome", now - 2 * Day);
        // 4: entered 5 days ago, completed exactly now: over, so not currently in, but completed.
        _bed.Run(4, "welcome", now - 5 * Day, now, RunOutcomes.Completed);
        // 5: a run entered tomorrow and completed the day after: has not happened yet.
        _bed.Run(5, "welcome", now + Day, now + 2 * Day, RunOutcomes.Completed);
        // 6: two runs: one completed 50 days ago, and a new one active since yesterday.
        _bed.Run(6, "welcome", now - 60 * Day, now - 50 * Day, RunOutcomes.Completed);
        _bed.Run(6, "welcome", now - Day);
        // 7: exited with an error 19 days ago.
        _bed.Run(7, "welcome", now - 20 * Day, now - 19 * Day, RunOutcomes.Error);
        // 8: an error run still unfinished (outcome set, no finish): still in, not exited.
        _bed.Run(8, "welcome", now - 3 * Day, null, RunOutcomes.Error);
        // 9: an error run that finishes one millisecond after now: still in, not exited yet.
        _bed.Run(9, "welcome", now - 3 * Day, now + 1, RunOutcomes.Error);
        // 10: only another scenario: completed and active runs of the abandoned cart reminder.
        _bed.Run(10, "abandoned-cart", now - 9 * Day, now - 8 * Day, RunOutcomes.Completed);
        _bed.Run(10, "abandoned-cart", now - Day);
        _bed.Run(10, "discount-10", now - 30 * Day, now - 29 * Day, RunOutcomes.Error);
        // 11: entered exactly now, active.
        _bed.Run(11, "welcome", now);
        // 12: a run that enters one millisecond after now, active: ignored.
        _bed.Run(12, "welcome", now + 1);
        // 13: the scenario id and outcome stored in another case with spaces: completed a year ago, and in it again.
        _bed.Run(13, " Welcome ", now - 365 * Day, now - 360 * Day, " COMPLETED ");
        _bed.Run(13, "WELCOME", now - 7 * Day);
    }

    public static TheoryData<string, long[]> Cases() => new()
    {
        { "was_at_least_once", [2, 3, 4, 6, 7, 8, 9, 11, 13] },
        { "never_was", [1, 5, 10, 12] },
        { "currently_in", [3, 6, 8, 9, 11, 13] },
        { "currently_not_in", [1, 2, 4, 5, 7, 10, 12] },
        { "completed", [2, 4, 6, 13] },
        { "exited_with_error", [7] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_Operator_SelectsTheProfilesWhoseRunsSaySo(string op, long[] expected) =>
        _bed.AssertMembers(Participation, Of("welcome", op), expected);

    [Fact]
    public void Members_TwoRunsOneCompletedOneActive_IsBothCompletedAndCurrentlyIn()
    {
        var completed = _bed.Members(Participation, Of("welcome", "completed"));
        var currentlyIn = _bed.Members(Participation, Of("welcome", "currently_in"));

        Assert.Contains(6L, completed);
        Assert.Contains(6L, currentlyIn);
    }

    [Theory]
    [InlineData("was_at_least_once", "never_was")]
    [InlineData("currently_in", "currently_not_in")]
    public void Members_OperatorAndItsOpposite_SplitAllProfiles(string op, string opposite)
    {
        var members = _bed.Members(Participation, Of("welcome", op));
        var others = _bed.Members(Participation, Of("welcome", opposite));

        Assert.Empty(members.Intersect(others));
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), members.Concat(others).Order());
    }

    [Fact]
    public void Members_OtherScenario_CountsOnlyItsOwnRuns()
    {
        _bed.AssertMembers(Participation, Of("abandoned-cart", "currently_in"), 10);
        _bed.AssertMembers(Participation, Of("discount-10", "exited_with_error"), 10);
        _bed.AssertMembers(Participation, Of("discount-20", "was_at_least_once"));
    }

    [Fact]
    public void Members_ClockMovedPastTheFutureRuns_CountsThemThen()
    {
        _bed.Now = _bed.Now.AddDays(3);

        // Profile 5's run entered and completed by now; 12's entered and is still active; 9's error run has ended.
        _bed.AssertMembers(Participation, Of("welcome", "completed"), 2, 4, 5, 6, 13);
        _bed.AssertMembers(Participation, Of("welcome", "exited_with_error"), 7, 9);
        _bed.AssertMembers(Participation, Of("welcome", "currently_in"), 3, 6, 8, 11, 12, 13);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FindUndeclaredColumns_EveryOperator_FindsNone(string op, long[] expected)
    {
        var saved = _bed.Engine.Save(Documents.Single($"columns-{op.Replace('_', '-')}", Participation, Of("welcome", op).ToObject()));
        _bed.Engine.Recalculate(saved.Id);

        Assert.Empty(_bed.Engine.FindUndeclaredColumns(saved.Id, sampleSize: int.MaxValue));
        Assert.Equal(expected, _bed.Engine.Members(saved.Id, limit: int.MaxValue));
    }

    public void Dispose() => _bed.Dispose();
}
