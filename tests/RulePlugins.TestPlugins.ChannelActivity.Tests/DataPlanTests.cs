using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;
using static RulePlugins.TestPlugins.ChannelActivity.Tests.ActivityDatabase;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>
/// What a channel activity segment loads: the window becomes the SQL bounds on <c>at</c>, so events outside it are never
/// read, and all time reads every event but not the <c>at</c> column.
/// </summary>
public sealed class DataPlanTests : IDisposable
{
    private static readonly EvaluationClock Clock = new(Now.ToUnixTimeMilliseconds());

    private readonly ActivityDatabase _db = new();

    private TablePlan PlanOf(string parameters)
    {
        _db.Db.Engine.Save(Documents.Single("plan", "channel_activity.events", Params(parameters)));
        return Assert.Single(_db.Db.Engine.GetPlan("plan").Tables);
    }

    [Fact]
    public void Plan_LastDays_LoadsOnlyEventsFromXDaysAgoToNow()
    {
        var table = PlanOf("""{"event": "opened", "channel": "email", "operator": "at_least", "times": 2, "last_days": 14}""");

        Assert.Equal("at", table.WindowColumn);
        Assert.Equal(((long?)Clock.NowUnixMilliseconds - 14 * Day, (long?)Clock.NowUnixMilliseconds), table.Resolve(Clock));
        Assert.Equal(["at", "channel", "event"], table.Columns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Plan_NextDays_LoadsOnlyEventsFromNowToXDaysAhead()
    {
        var table = PlanOf("""{"event": "opened", "channel": "email", "operator": "exists", "next_days": 7}""");

        Assert.Equal(((long?)Clock.NowUnixMilliseconds, (long?)Clock.NowUnixMilliseconds + 7 * Day), table.Resolve(Clock));
    }

    [Fact]
    public void Plan_Period_LoadsTheWholeDaysOnly()
    {
        var table = PlanOf("""{"event": "opened", "channel": "email", "operator": "not_once", "from": "2026-01-01", "to": "2026-01-31"}""");

        Assert.Equal(((long?)Utc("2026-01-01T00:00:00Z").ToUnixTimeMilliseconds(), (long?)Utc("2026-01-31T23:59:59.999Z").ToUnixTimeMilliseconds()), table.Resolve(Clock));
    }

    [Fact]
    public void Plan_PeriodOpenAtTheEnd_HasNoUpperBound()
    {
        var table = PlanOf("""{"event": "opened", "channel": "email", "operator": "exists", "from": "2026-01-01"}""");

        Assert.Equal(((long?)Utc("2026-01-01T00:00:00Z").ToUnixTimeMilliseconds(), (long?)null), table.Resolve(Clock));
    }

    [Fact]
    public void Plan_AllTime_ReadsEveryEventWithoutTheTimeColumn()
    {
        var table = PlanOf("""{"event": "opened", "channel": "email", "operator": "exists"}""");

        Assert.Null(table.WindowColumn);
        Assert.Equal(["channel", "event"], table.Columns.Order(StringComparer.Ordinal));
    }

    public void Dispose() => _db.Dispose();
}
