using static RulePlugins.TestPlugins.ChannelActivity.Tests.ActivityDatabase;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>
/// The edges of each window, on one event per profile placed exactly at, or one millisecond either side of, an edge
/// (the clock is fixed at 2026-06-15T12:00:00Z). The expected members are read off the definitions: last X days is
/// now − X × 24 h to now, next X days is now to now + X × 24 h, a period is whole UTC days, all ends included, and an
/// unknown time counts only for all time.
/// </summary>
public sealed class WindowEdgeTests : IDisposable
{
    private readonly ActivityDatabase _db = new();

    private void OneOpenedEmailEach(params DateTimeOffset?[] instants)
    {
        _db.AddProfiles(instants.Length + 1); // the last profile has no event at all
        _db.AddEvents(instants.Select((at, i) => new TestEvent(i + 1, "email", "opened", at)));
    }

    [Fact]
    public void MembersOf_LastDays_IncludesExactlyXDaysAgoAndNowButNotAMillisecondOutside()
    {
        var start = Now.AddDays(-14);
        OneOpenedEmailEach(start, start.AddMilliseconds(-1), start.AddMilliseconds(1), Now, Now.AddMilliseconds(1), null);

        var exists = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "exists", "last_days": 14}""");
        var notOnce = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "not_once", "last_days": 14}""");

        Assert.Equal([1L, 3, 4], exists);
        Assert.Equal([2L, 5, 6, 7], notOnce);
    }

    [Fact]
    public void MembersOf_NextDays_IncludesNowAndExactlyXDaysAheadButNotAMillisecondOutside()
    {
        var end = Now.AddDays(7);
        OneOpenedEmailEach(Now, Now.AddMilliseconds(-1), end, end.AddMilliseconds(1), Now.AddDays(3), null);

        var members = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "at_least", "times": 1, "next_days": 7}""");

        Assert.Equal([1L, 3, 5], members);
    }

    [Fact]
    public void MembersOf_Period_IncludesTheFirstAndLastMillisecondOfItsDaysOnly()
    {
        OneOpenedEmailEach(
            Utc("2025-12-31T23:59:59.999Z"), Utc("2026-01-01T00:00:00.000Z"), Utc("2026-01-15T10:00:00Z"),
            Utc("2026-01-31T23:59:59.999Z"), Utc("2026-02-01T00:00:00.000Z"), null);

        var members = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "exists", "from": "2026-01-01", "to": "2026-01-31"}""");

        Assert.Equal([2L, 3, 4], members);
    }

    [Fact]
    public void MembersOf_PeriodGivenWithTimesOfDay_StillCountsWholeDays()
    {
        OneOpenedEmailEach(Utc("2026-01-01T00:00:00.000Z"), Utc("2026-01-31T23:59:59.999Z"), Utc("2026-02-01T00:00:00.000Z"));

        var members = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "exists", "from": "2026-01-01T18:30:00Z", "to": "2026-01-31T06:00:00Z"}""");

        Assert.Equal([1L, 2], members);
    }

    [Fact]
    public void MembersOf_PeriodOpenAtOneSide_BoundsOnlyTheOtherSide()
    {
        OneOpenedEmailEach(Utc("1999-05-01T00:00:00Z"), Utc("2025-12-31T23:59:59.999Z"), Utc("2026-01-01T00:00:00.000Z"), Utc("2030-01-01T00:00:00Z"), null);

        var fromOnly = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "exists", "from": "2026-01-01"}""");
        var toOnly = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "exists", "to": "2025-12-31"}""");

        Assert.Equal([3L, 4], fromOnly);
        Assert.Equal([1L, 2], toOnly);
    }

    [Fact]
    public void MembersOf_AllTime_CountsEveryEventEvenWithoutATime()
    {
        OneOpenedEmailEach(Utc("1970-01-01T00:00:00Z"), Utc("2199-12-31T23:59:59.999Z"), null);

        var ever = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "exists"}""");
        var never = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "not_once"}""");

        Assert.Equal([1L, 2, 3], ever);
        Assert.Equal([4L], never);
    }

    [Fact]
    public void MembersOf_ClockMovesBetweenRuns_WindowMovesWithIt()
    {
        OneOpenedEmailEach(Now.AddDays(-10));
        _db.Db.Engine.Save(RulePlugins.Testing.Documents.Single("moving", "channel_activity.events", Params("""{"event": "opened", "channel": "email", "operator": "exists", "last_days": 14}""")));

        _db.Db.Engine.Recalculate("moving");
        var before = _db.Db.Engine.Members("moving");
        _db.Db.Clock.Now = Now.AddDays(4).AddMilliseconds(1);
        _db.Db.Engine.Recalculate("moving");
        var after = _db.Db.Engine.Members("moving");

        Assert.Equal([1L], before);
        Assert.Empty(after);
    }

    public void Dispose() => _db.Dispose();
}
