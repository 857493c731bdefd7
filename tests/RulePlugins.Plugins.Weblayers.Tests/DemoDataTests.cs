using System.Text.Json;
using Dapper;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Plugins.Weblayers.DemoData;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// The demo data: the same rows for the same seed, the shape the plugin documents (funnels from targets to opens to
/// actions, element clicks and custom events, recent activity, profiles without any, form fills for a minority), and the
/// example segment, which selects exactly what hand-written SQL selects on it.
/// </summary>
public sealed class DemoDataTests
{
    private const int Profiles = 4000;
    private const long Day = 86_400_000;
    private static readonly Lazy<TestDatabase> Demo = new(() => Generated(42));

    private static TestDatabase Generated(int seed)
    {
        var db = new TestDatabase(new WeblayersPlugin());
        db.Engine.GenerateDemoData(Profiles, seed);
        return db;
    }

    private static List<(long, string, string, string?, string?, long)> Events(TestDatabase db)
    {
        using var connection = db.Database.Open();
        return [.. connection.Query<(long, string, string, string?, string?, long)>(
            "SELECT profile_id, popup_id, event, element_name, event_name, occurred_at FROM popup_events ORDER BY profile_id, occurred_at, event, popup_id")];
    }

    private static long Count(string where, object? parameters = null) => Demo.Value.Scalar<long>($"SELECT COUNT(*) FROM popup_events WHERE {where}", parameters);

    [Fact]
    public void GenerateDemoData_SameSeed_WritesTheSameRows()
    {
        using var again = Generated(42);
        using var other = Generated(43);

        Assert.Equal(Events(Demo.Value), Events(again));
        Assert.NotEqual(Events(Demo.Value), Events(other));
    }

    [Fact]
    public void GenerateDemoData_ReferenceTables_HoldEightPopupsAndFiveFormsThatEveryRowNames()
    {
        var db = Demo.Value;

        Assert.Equal(8L, db.Scalar<long>("SELECT COUNT(DISTINCT name) FROM popups"));
        Assert.Equal(5L, db.Scalar<long>("SELECT COUNT(DISTINCT name) FROM forms"));
        Assert.Equal(0L, Count("popup_id NOT IN (SELECT id FROM popups)"));
        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM form_fills WHERE form_id NOT IN (SELECT id FROM forms)"));
    }

    [Fact]
    public void GenerateDemoData_Events_FollowAFunnelFromTargetsToOpensToActions()
    {
        long Of(string ev) => Count("event = @ev", new { ev });
        var perProfile = (double)Count("1 = 1") / Profiles;

        Assert.InRange(perProfile, 4.0, 9.0);
        Assert.True(Of(PopupEvents.Target) > 1.5 * Of(PopupEvents.Opened), "targets should far outnumber opens");
        foreach (var action in (string[])[PopupEvents.Filled, PopupEvents.Closed, PopupEvents.Click, PopupEvents.ElementClick, PopupEvents.CustomEvent])
        {
            Assert.InRange(Of(action), 1, Of(PopupEvents.Opened) / 2);
        }

        // Only element clicks name an element, only custom events an event name, and each has one.
        Assert.Equal(0L, Count("(element_name IS NOT NULL) <> (event = 'element_click')"));
        Assert.Equal(0L, Count("(event_name IS NOT NULL) <> (event = 'custom_event')"));
        Assert.True(Demo.Value.Scalar<long>("SELECT COUNT(DISTINCT element_name) FROM popup_events") >= 3);
        Assert.True(Count("event_name = 'wheel-spin'") > 0);
        Assert.Equal(0L, Count("event NOT IN ('opened', 'filled', 'closed', 'click', 'target', 'element_click', 'custom_event')"));
    }

    [Fact]
    public void GenerateDemoData_Times_SpreadOver180DaysMoreRecentlyNoneAfterNow()
    {
        var now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
        var all = Count("1 = 1");
        var lastMonth = Count("occurred_at >= @from", new { from = now - 30 * Day });
        var firstMonth = Count("occurred_at < @to", new { to = now - 150 * Day });

        Assert.Equal(0L, Count("occurred_at > @now OR occurred_at < @old", new { now, old = now - 181 * Day }));
        Assert.True(lastMonth > 2 * firstMonth, $"the last 30 days ({lastMonth}) should have far more events than days 150-180 ({firstMonth})");
        Assert.InRange(lastMonth, all / 10, all / 2);
        Assert.Equal(0L, Demo.Value.Scalar<long>("SELECT COUNT(*) FROM form_fills WHERE filled_at > @now", new { now }));
    }

    [Fact]
    public void GenerateDemoData_Profiles_SomeWithoutPopupsAMinorityWithFormFills()
    {
        var db = Demo.Value;
        var withEvents = db.Scalar<long>("SELECT COUNT(DISTINCT profile_id) FROM popup_events");
        var withFills = db.Scalar<long>("SELECT COUNT(DISTINCT profile_id) FROM form_fills");

        Assert.InRange(Profiles - withEvents, Profiles / 20, Profiles / 4);
        Assert.InRange(withFills, Profiles / 10, Profiles / 3);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM (SELECT 1 FROM form_fills GROUP BY profile_id, form_id HAVING COUNT(*) >= 2) x") > 0);
    }

    [Fact]
    public void ExampleSegment_OnDemoData_SelectsWhatHandWrittenSqlSelects()
    {
        var db = Demo.Value;
        var document = Assert.Single(new WeblayersDemoData().ExampleSegments);
        var saved = db.Engine.Save(document);
        db.Engine.Recalculate(saved.Id);
        const string sql = """
            SELECT p.id FROM profiles p
            WHERE EXISTS (SELECT 1 FROM popup_events e WHERE e.profile_id = p.id AND e.popup_id = 'newsletter-popup' AND e.event = 'filled'
                          AND e.occurred_at BETWEEN @now - 7 * 86400000 AND @now)
              AND NOT EXISTS (SELECT 1 FROM form_fills f WHERE f.profile_id = p.id AND f.form_id = 'newsletter' AND f.filled_at <= @now)
            ORDER BY p.id
            """;

        using var connection = db.Database.Open();
        var expected = connection.Query<long>(sql, new { now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds() }).ToList();
        Assert.Equal(expected, db.Engine.Members(saved.Id, limit: int.MaxValue));
        Assert.InRange(expected.Count, 5, Profiles / 10);
        Assert.Equal("newsletter-popup-not-form", JsonDocument.Parse(document).RootElement.GetProperty("id").GetString());
    }
}
