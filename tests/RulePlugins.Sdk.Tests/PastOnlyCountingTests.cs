using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Operators;
using RulePlugins.Testing;

namespace RulePlugins.Sdk.Tests;

/// <summary>
/// <see cref="CountOperators.PastOnly"/>: a row dated after now counts in no window (all time and a period reaching past
/// now included), even when another condition of the same segment makes the host load every row of the table; without
/// it, all time counts every row. The clock is fixed at 2026-06-15T12:00:00Z.
/// </summary>
public sealed class PastOnlyCountingTests : IDisposable
{
    private readonly PluginTestBed _bed = new(new VisitsPlugin());

    public PastOnlyCountingTests()
    {
        // 1 visited at now; 2 a millisecond after now; 3 a day after now; 4 ten days ago and a day after now; 5 never.
        _bed.AddProfiles(1, 2, 3, 4, 5);
        Visit(1, _bed.Now);
        Visit(2, _bed.Now.AddMilliseconds(1));
        Visit(3, _bed.Now.AddDays(1));
        Visit(4, _bed.Now.AddDays(-10));
        Visit(4, _bed.Now.AddDays(1));
    }

    private void Visit(long profile, DateTimeOffset at) => _bed.Insert(VisitsPlugin.Visits, profile, new VisitRow { VisitedAt = at.ToUnixTimeMilliseconds() });

    [Fact]
    public void Exists_PastOnlyAllTime_CountsNoVisitAfterNow()
    {
        _bed.AssertMembers("visits.happened", Params.Operator("exists"), 1, 4);
        _bed.AssertMembers("visits.happened", Params.Operator("not_once"), 2, 3, 5);
        _bed.AssertMembers("visits.happened", Params.Operator("at_least").With("times", 2));
    }

    [Fact]
    public void Exists_DefaultAllTime_CountsEveryRow()
    {
        _bed.AssertMembers("visits.any", Params.Operator("exists"), 1, 2, 3, 4);
        _bed.AssertMembers("visits.any", Params.Operator("at_least").With("times", 2), 4);
    }

    [Fact]
    public void Exists_PastOnlyPeriodReachingPastNow_StopsAtNow()
    {
        var period = Params.Operator("exists").With("from", "2026-06-01").With("to", "2026-06-30");

        _bed.AssertMembers("visits.happened", period, 1, 4);
        _bed.AssertMembers("visits.any", period, 1, 2, 3, 4);
    }

    [Fact]
    public void Members_PastOnlyBesideAConditionLoadingEveryRow_StillCountsNoVisitAfterNow()
    {
        // "visits.any" makes the host load every row of the table; the past-only count must still stop at now.
        var document = Documents.Json("both", new
        {
            op = "and",
            items = new object[]
            {
                new { type = "visits.any", @params = new { @operator = "exists" } },
                new { type = "visits.happened", @params = new { @operator = "not_once" } },
            },
        });

        Assert.Equal([2L, 3L], _bed.MembersOf(document));
        var table = Assert.Single(_bed.Engine.GetPlan(_bed.Engine.Segments().Single().Id).Tables);
        Assert.True(table.Windows.IsEmpty, "the plain all-time count should make the host load every row");
    }

    [Fact]
    public void GetDataRequirements_PastOnly_LoadsUpToNowOrThePeriodsOwnDays()
    {
        var family = new CountOperators(VisitsPlugin.Visits, "visited_at") { PastOnly = true, Window = WindowParameters.Default with { NextDays = null } };
        var allTime = new Conditions.ConditionArguments(new Dictionary<string, object> { ["operator"] = "exists" });
        var from = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var onOrAfter = new Conditions.ConditionArguments(new Dictionary<string, object> { ["operator"] = "exists", ["from"] = from });

        Assert.Equal(new TimeWindow("visited_at", null, TimeBound.Now), Assert.Single(family.GetDataRequirements(allTime)).Window);
        Assert.Equal(new TimeWindow("visited_at", TimeBound.AtUnixMilliseconds(from.ToUnixTimeMilliseconds()), TimeBound.Now), Assert.Single(family.GetDataRequirements(onOrAfter)).Window);
    }

    [Fact]
    public void Parameters_PastOnlyWithNextDays_IsAPluginMistake()
    {
        var family = new CountOperators(VisitsPlugin.Visits, "visited_at") { PastOnly = true };

        var error = Assert.Throws<InvalidOperationException>(() => family.Parameters);

        Assert.Contains("next days", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _bed.Dispose();
}
