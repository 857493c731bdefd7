using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// Every operator of <c>goals.achieved</c> on achievements of the purchase goal whose answer is known by hand (one
/// situation per profile, see the constructor), over all time and the last 30 days, with the edges: exactly now − 30
/// days counts, one millisecond before does not, now counts, an achievement dated after now counts in no window (all time included), a missing
/// goal value adds nothing. Every check also runs the kit's column check.
/// </summary>
public sealed class OperatorTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    public OperatorTests()
    {
        var now = _bed.NowMs();
        _bed.AddProfiles([.. Enumerable.Range(1, 10).Select(i => (long)i)]);
        // 1: no achievements at all.
        // 2: two purchases, 10 and 20 days ago, values 100 and 300.
        _bed.Achieve(2, Goal("purchase", now - 10 * Day, 100), Goal("purchase", now - 20 * Day, 300));
        // 3: a purchase exactly 30 days ago (value 1000): inside the last 30 days.
        _bed.Achieve(3, Goal("purchase", now - 30 * Day, 1000));
        // 4: a purchase 30 days and one millisecond ago (value 2000): outside the last 30 days.
        _bed.Achieve(4, Goal("purchase", now - 30 * Day - 1, 2000));
        // 5: a purchase tomorrow (value 50): after now, so in no window, all time included.
        _bed.Achieve(5, Goal("purchase", now + Day, 50));
        // 6: a purchase without a value 5 days ago, and one of value 40 6 days ago.
        _bed.Achieve(6, Goal("purchase", now - 5 * Day), Goal("purchase", now - 6 * Day, 40));
        // 7: only purchases without a value.
        _bed.Achieve(7, Goal("purchase", now - Day), Goal("purchase", now - 2 * Day));
        // 8: only another goal, with a value.
        _bed.Achieve(8, Goal("signup", now - Day, 500));
        // 9: three purchases in the last three days, values 10, 20, 30.
        _bed.Achieve(9, Goal("purchase", now - Day, 10), Goal("purchase", now - 2 * Day, 20), Goal("purchase", now - 3 * Day, 30));
        // 10: a purchase exactly now, value 5.
        _bed.Achieve(10, Goal("purchase", now, 5));
    }

    public static TheoryData<string, long[]> Cases() => new()
    {
        { """{"operator":"exists"}""", [2, 3, 4, 6, 7, 9, 10] },
        { """{"operator":"not_exists"}""", [1, 5, 8] },
        { """{"operator":"exists","times":2}""", [2, 6, 7, 9] },
        { """{"operator":"not_exists","times":2}""", [1, 3, 4, 5, 8, 10] },
        { """{"operator":"at_least","times":3}""", [9] },
        { """{"operator":"not_once"}""", [1, 5, 8] },
        { """{"operator":"exists","last_days":30}""", [2, 3, 6, 7, 9, 10] },
        { """{"operator":"not_once","last_days":30}""", [1, 4, 5, 8] },
        { """{"operator":"at_least","times":2,"last_days":7}""", [6, 7, 9] },
        { """{"operator":"at_least","times":3,"last_days":2}""", [] },
        { """{"operator":"total","goal_cost_operator":"greater","goal_cost_value":350}""", [2, 3, 4] },
        { """{"operator":"total","goal_cost_operator":"equals","goal_cost_value":0}""", [1, 5, 7, 8] },
        { """{"operator":"total","goal_cost_operator":"less","goal_cost_value":100,"last_days":30}""", [1, 4, 5, 6, 7, 8, 9, 10] },
        { """{"operator":"total","goal_cost_operator":"in_range","goal_cost_min":40,"goal_cost_max":60}""", [6, 9] },
        { """{"operator":"average","goal_cost_operator":"greater","goal_cost_value":150}""", [2, 3, 4] },
        { """{"operator":"average","goal_cost_operator":"not_equals","goal_cost_value":40}""", [1, 2, 3, 4, 5, 7, 8, 9, 10] },
        { """{"operator":"average","goal_cost_operator":"equals","goal_cost_value":20,"last_days":30}""", [9] },
        { """{"operator":"average","goal_cost_operator":"less_or_equal","goal_cost_value":1000,"last_days":30}""", [2, 3, 6, 9, 10] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_PurchaseOperator_SelectsTheProfilesWhoseAchievementsSaySo(string parameters, long[] expected) =>
        _bed.AssertMembers(Achieved, Params.Json(parameters).With("goal", "purchase"), expected);

    [Fact]
    public void Members_NoGoalGiven_CountsAchievementsOfEveryGoal()
    {
        _bed.AssertMembers(Achieved, Counting("exists"), 2, 3, 4, 6, 7, 8, 9, 10);
        _bed.AssertMembers(Achieved, Counting("total").With("goal_cost_operator", "greater_or_equal").With("goal_cost_value", 500).With("last_days", 1), 8);
    }

    [Fact]
    public void Members_OperatorAndItsOpposite_SplitAllProfiles()
    {
        var members = _bed.Members(Achieved, Counting("exists").With("goal", "purchase").With("last_days", 30));
        var others = _bed.Members(Achieved, Counting("not_exists").With("goal", "purchase").With("last_days", 30));

        Assert.Empty(members.Intersect(others));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), members.Concat(others).Order());
    }

    [Fact]
    public void Members_ClockMovedOneMillisecond_TheEdgeAchievementLeavesTheWindow()
    {
        _bed.Now = _bed.Now.AddMilliseconds(1);

        // Profile 3's purchase is now 30 days and 1 ms old; profile 10's is 1 ms old and still counts.
        _bed.AssertMembers(Achieved, Counting("exists").With("goal", "purchase").With("last_days", 30), 2, 6, 7, 9, 10);
    }

    [Fact]
    public void Explain_CountTotalAndAverage_ShowTheQuantityComparedWithUnknownForNoValue()
    {
        long[] all = [.. Enumerable.Range(1, 10).Select(i => (long)i)];

        var counted = _bed.ExplainedValues(Achieved, Counting("at_least").With("goal", "purchase").With("times", 2).With("last_days", 30), all);
        var total = _bed.ExplainedValues(Achieved, Counting("total").With("goal", "purchase").With("goal_cost_operator", "greater").With("goal_cost_value", 350), all);
        var average = _bed.ExplainedValues(Achieved, Counting("average").With("goal", "purchase").With("goal_cost_operator", "greater").With("goal_cost_value", 150), all);
        var complex = _bed.ExplainedValues(Complex, Params.Operator("meets").With("goal", "purchase").With("last_days", 30), all);

        Assert.Equal(["0", "2", "1", "0", "0", "2", "2", "0", "3", "1"], counted);
        Assert.Equal(["0", "400", "1000", "2000", "0", "40", "0", "0", "60", "5"], total);
        Assert.Equal(["unknown", "200", "1000", "2000", "unknown", "40", "unknown", "unknown", "20", "5"], average);
        Assert.Equal(counted, complex);
    }

    public void Dispose() => _bed.Dispose();
}
