using System.Globalization;
using RulePlugins.Testing;

namespace Acme.Tickets.Tests;

/// <summary>
/// <c>tickets.opened</c> on tickets whose answer is known by hand, the window's edges, hand-written SQL, and random
/// trees against a reference written here. Every check of the kit also evaluates each segment with every column of
/// its tables loaded, so reading a column the condition did not declare fails the test.
/// </summary>
public sealed class TicketsOpenedTests : IDisposable
{
    private const string Opened = "tickets.opened";
    private readonly PluginTestBed _bed = new(new TicketsPlugin());

    private void Tickets(long profile, params (string Status, double DaysAgo)[] tickets) =>
        _bed.Insert(TicketsPlugin.Tickets, profile, [.. tickets.Select(t => new TicketRow { Status = t.Status, OpenedAt = _bed.DaysAgo(t.DaysAgo) })]);

    [Fact]
    public void Members_AtLeastThreeInTheLastThirtyDays_SelectsOnlyProfilesWithThreeSuchTickets()
    {
        _bed.AddProfiles(1, 2, 3, 4);
        Tickets(1, ("open", 1), ("closed", 10), ("open", 29));
        Tickets(2, ("open", 1), ("open", 2));
        Tickets(3, ("open", 1), ("open", 2), ("closed", 31));

        _bed.AssertMembers(Opened, Params.Operator("at_least").With("times", 3).With("last_days", 30), 1);
        _bed.AssertMembers(Opened, Params.Operator("not_once").With("last_days", 30), 4);
        _bed.AssertMembers(Opened, Params.Operator("exists").With("status", "closed"), 1, 3);
    }

    [Fact]
    public void Members_LastDays_IncludesTheTicketOpenedExactlyXDaysAgoButNotAMillisecondEarlier()
    {
        _bed.AddProfiles(1, 2);
        _bed.Insert(TicketsPlugin.Tickets, 1, new TicketRow { Status = "open", OpenedAt = _bed.DaysAgo(30) });
        _bed.Insert(TicketsPlugin.Tickets, 2, new TicketRow { Status = "open", OpenedAt = _bed.DaysAgo(30, TimeSpan.FromMilliseconds(-1)) });

        _bed.AssertMembers(Opened, Params.Operator("exists").With("last_days", 30), 1);
    }

    [Fact]
    public void Members_AtLeastTwoOpenTickets_AgreeWithHandWrittenSql()
    {
        _bed.AddProfiles(1, 2, 3);
        Tickets(1, ("open", 1), ("open", 40));
        Tickets(2, ("open", 1), ("closed", 2));
        Tickets(3, ("OPEN", 3), ("open", 5));

        _bed.AssertSameAsSql(
            Opened,
            Params.Operator("at_least").With("times", 2).With("status", "open"),
            "SELECT profile_id FROM tickets WHERE LOWER(status) = 'open' GROUP BY profile_id HAVING COUNT(*) >= 2");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomTrees_AgreeWithTheReference(int seed)
    {
        var random = new Random(seed);
        var tickets = new Dictionary<long, List<(string Status, long OpenedAt)>>();
        for (var profile = 1L; profile <= 40; profile++)
        {
            _bed.AddProfiles(profile);
            tickets[profile] = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => (random.Next(2) == 0 ? "open" : "closed", _bed.DaysAgo(random.Next(0, 60))))];
            _bed.Insert(TicketsPlugin.Tickets, profile, [.. tickets[profile].Select(t => new TicketRow { Status = t.Status, OpenedAt = t.OpenedAt })]);
        }

        var now = _bed.Now.ToUnixTimeMilliseconds();
        var harness = new DifferentialHarness(_bed, RandomCondition, (id, condition) =>
        {
            var status = condition.Get("status") as string;
            var lastDays = condition.Get("last_days") is { } days ? Convert.ToInt64(days, CultureInfo.InvariantCulture) : (long?)null;
            var count = tickets[id].Count(t => (status is null || t.Status == status) && (lastDays is null || (t.OpenedAt >= now - (lastDays * 86_400_000L) && t.OpenedAt <= now)));
            return (string)condition.Get("operator")! switch
            {
                "at_least" => count >= Convert.ToInt64(condition.Get("times"), CultureInfo.InvariantCulture),
                "not_once" => count == 0,
                var other => throw new ArgumentException(other),
            };
        });

        Assert.True(harness.Run(seed, trees: 15, singles: 10) >= 10, "the random trees should mostly select some but not all profiles");
    }

    private static KitCondition RandomCondition(Random random)
    {
        var parameters = random.Next(2) == 0 ? Params.Operator("at_least").With("times", random.Next(1, 4)) : Params.Operator("not_once");
        if (random.Next(2) == 0)
        {
            parameters = parameters.With("status", random.Next(2) == 0 ? "open" : "closed");
        }

        if (random.Next(3) > 0)
        {
            parameters = parameters.With("last_days", random.Next(1, 60));
        }

        return new KitCondition(Opened, parameters);
    }

    public void Dispose() => _bed.Dispose();
}
