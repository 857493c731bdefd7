using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class MultiRowTableTests : IDisposable
{
    private static readonly long Now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
    private static readonly long Day = 86_400_000L;
    private readonly TestDatabase _db = new(new ProfileFieldsPlugin(), new TestEventsPlugin());

    public MultiRowTableTests()
    {
        _db.AddProfiles(Enumerable.Range(1, 6).Select(i => (long)i));
        var id = 0;
        void Event(long profile, string kind, long at, decimal amount) =>
            _db.Execute("INSERT INTO test_events (profile_id, id, kind, at, amount) VALUES (@profile, @id, @kind, @at, @amount)", new { profile, id = ++id, kind, at, amount });

        // 1: two recent purchases. 2: one recent, one old. 3: two old purchases, big amounts.
        // 4: two recent views only. 5: nothing. 6: a purchase exactly 14 days ago and one 1 ms before that.
        Event(1, "purchase", Now - 1 * Day, 10.5m);
        Event(1, "purchase", Now - 3 * Day, 20.25m);
        Event(2, "purchase", Now - 2 * Day, 5m);
        Event(2, "purchase", Now - 40 * Day, 5m);
        Event(3, "purchase", Now - 30 * Day, 600m);
        Event(3, "purchase", Now - 31 * Day, 400m);
        Event(4, "view", Now - 1 * Day, 0m);
        Event(4, "view", Now - 2 * Day, 0m);
        Event(6, "purchase", Now - 14 * Day, 1m);
        Event(6, "purchase", Now - 14 * Day - 1, 1m);
    }

    private static object Recent(int minCount, int days = 14) =>
        new { type = "test.recent_events", @params = new { kind = "purchase", days, min_count = minCount } };

    private static object Total(decimal value) => new { type = "test.total_amount_at_least", @params = new { value } };

    private IReadOnlyList<long> Members(string id, object rules)
    {
        _db.Engine.Save(Documents.Json(id, rules));
        _db.Engine.Recalculate(id, new Recalculation.RecalculationOptions { BatchSize = 2 });
        return _db.Engine.Members(id);
    }

    [Fact]
    public void Recalculate_CountInWindow_CountsEachProfilesOwnRows()
    {
        Assert.Equal([1L], Members("two-recent", new { op = "and", items = new[] { Recent(2) } }));
        Assert.Equal([1L, 2L, 6L], Members("one-recent", new { op = "and", items = new[] { Recent(1) } }));
    }

    [Fact]
    public void Generate_WindowedCondition_PushesTheWindowIntoTheQuery()
    {
        var plan = _db.Engine.Generate(Documents.Json("windowed", new { op = "and", items = new[] { Recent(1, days: 14) } })).Plan;

        var table = Assert.Single(plan.Tables);
        Assert.Equal("at", table.WindowColumn);
        Assert.Equal(["at", "kind"], table.Columns);
        Assert.Equal((Now - 14 * Day, Now), table.Resolve(new Sdk.Runtime.EvaluationClock(Now)));
        var sql = _db.Database.Dialect.SelectRows(table, from: true, to: true);
        Assert.Contains("at >= @from AND at <= @to", sql);
    }

    [Fact]
    public void Generate_WindowedAndUnboundedConditionsOnOneTable_LoadsEveryRow()
    {
        var plan = _db.Engine.Generate(Documents.Json("mixed", new { op = "or", items = new[] { Recent(1), Total(1000m) } })).Plan;

        var table = Assert.Single(plan.Tables);
        Assert.Null(table.WindowColumn);
        Assert.Equal(["amount", "at", "kind"], table.Columns);
    }

    [Fact]
    public void Generate_TwoWindowsOnOneTable_LoadsTheSpanCoveringBoth()
    {
        var plan = _db.Engine.Generate(Documents.Json("two-windows", new { op = "or", items = new[] { Recent(1, days: 7), Recent(2, days: 30) } })).Plan;

        Assert.Equal((Now - 30 * Day, Now), Assert.Single(plan.Tables).Resolve(new Sdk.Runtime.EvaluationClock(Now)));
    }

    [Fact]
    public void Recalculate_WindowedOrUnbounded_GivesTheUnionOfBoth()
    {
        Assert.Equal([1L, 2L, 3L, 6L], Members("recent-or-big", new { op = "or", items = new[] { Recent(1), Total(1000m) } }));
    }

    [Fact]
    public void Recalculate_DecimalColumn_SumsExactly()
    {
        // Profile 1 spent exactly 10.5 + 20.25 = 30.75; profile 3 spent 1000.
        Assert.Equal([1L, 3L], Members("at-exact-sum", new { op = "and", items = new[] { Total(30.75m) } }));
        Assert.Equal([3L], Members("just-above-sum", new { op = "and", items = new[] { Total(30.76m) } }));
    }

    [Fact]
    public void Recalculate_EventsAndProfileFieldsTogether_ReadBothTables()
    {
        _db.AddProfiles(new ProfileData(7) { City = "Kazan" });
        _db.Execute("INSERT INTO profile_fields (profile_id, city) VALUES (1, 'Kazan'), (2, 'Moscow')");

        var members = Members("kazan-buyers", new
        {
            op = "and",
            items = new object[] { Recent(1), new { type = "profile.city", @params = new { @operator = "equals", value = "Kazan" } } },
        });

        Assert.Equal([1L], members);
    }

    public void Dispose() => _db.Dispose();
}
