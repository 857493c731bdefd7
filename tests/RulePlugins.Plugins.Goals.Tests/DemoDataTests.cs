using System.Text.Json;
using Dapper;
using RulePlugins.Plugins.Goals.DemoData;
using RulePlugins.Plugins.Goals.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// The demo data: the same achievements for the same seed, the shape the plugin documents (about four achievements per
/// profile, recent ones more frequent, some profiles without any, values null for some, malformed pixel_data among the
/// rest), and example segments that select some but not all profiles, exactly what hand-written SQL selects on it.
/// </summary>
public sealed class DemoDataTests
{
    private const int Profiles = 3000;
    private const string AllRows = "SELECT profile_id, goal_id, achieved_at, cost, utm_source, pixel_data FROM goal_achievements ORDER BY profile_id, achieved_at, goal_id";
    private static readonly long Now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
    private static readonly Lazy<TestDatabase> Demo = new(() => Generated(42));

    private static TestDatabase Generated(int seed)
    {
        var db = new TestDatabase(new GoalsPlugin());
        db.Engine.GenerateDemoData(Profiles, seed);
        return db;
    }

    private static List<(long, string, long, double?, string?, string?)> Rows(TestDatabase db)
    {
        using var connection = db.Database.Open();
        return [.. connection.Query<(long, string, long, double?, string?, string?)>(AllRows)];
    }

    [Fact]
    public void GenerateDemoData_SameSeed_WritesTheSameAchievements()
    {
        using var again = Generated(42);
        using var other = Generated(43);

        Assert.Equal(Rows(Demo.Value), Rows(again));
        Assert.NotEqual(Rows(Demo.Value), Rows(other));
    }

    [Fact]
    public void GenerateDemoData_Achievements_AboutFourPerProfileRecentOnesMoreFrequentSomeProfilesWithout()
    {
        var db = Demo.Value;
        var rows = db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements");
        var without = db.Scalar<long>("SELECT COUNT(*) FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM goal_achievements a WHERE a.profile_id = p.id)");
        var lastMonth = db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements WHERE achieved_at >= @from", new { from = Now - 30 * 86_400_000L });
        var olderMonth = db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements WHERE achieved_at BETWEEN @from AND @to", new { from = Now - 330 * 86_400_000L, to = Now - 300 * 86_400_000L });

        Assert.InRange(rows, 3.0 * Profiles, 5.0 * Profiles);
        Assert.InRange(without, Profiles / 20, Profiles / 5);
        Assert.True(lastMonth > 2 * olderMonth, $"{lastMonth} achievements in the last 30 days, {olderMonth} in a month ten months ago");
        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements WHERE achieved_at > @now OR goal_id NOT IN (SELECT id FROM goals) OR pixel_id NOT IN (SELECT id FROM pixels)", new { now = Now }));
        Assert.Equal(8L, db.Scalar<long>("SELECT COUNT(*) FROM goals"));
        Assert.Equal(4L, db.Scalar<long>("SELECT COUNT(*) FROM pixels"));
    }

    [Fact]
    public void GenerateDemoData_ValuesAndLabels_NullForSomeWithSeveralSourcesDevicesAndCities()
    {
        var db = Demo.Value;
        var rows = db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements");

        Assert.InRange(db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements WHERE cost IS NULL"), rows / 10, rows * 3 / 4);
        Assert.True(db.Scalar<long>("SELECT COUNT(DISTINCT utm_source) FROM goal_achievements") >= 5);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements WHERE utm_source IS NULL") > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(DISTINCT device_type) FROM goal_achievements") >= 3);
        Assert.True(db.Scalar<long>("SELECT COUNT(DISTINCT city) FROM goal_achievements") >= 6);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements WHERE order_id IS NOT NULL AND order_amount > 0") > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM goal_achievements WHERE promo_code IS NOT NULL") > 0);
    }

    [Fact]
    public void GenerateDemoData_PixelData_EveryKindAndSomeMalformed()
    {
        using var connection = Demo.Value.Database.Open();
        var texts = connection.Query<string?>("SELECT pixel_data FROM goal_achievements").ToList();
        var parsed = texts.Select(PixelData.Parse).ToList();

        Assert.Contains(texts, t => t is null);
        Assert.Contains(parsed, d => d.String("plan") == "gold");
        Assert.Contains(parsed, d => d.String("plan") == "silver");
        Assert.Contains(parsed, d => d.Number("seats") > 10);
        Assert.Contains(parsed, d => d.Date("trial_ends") > Now);
        Assert.Contains(parsed, d => d.Boolean("newsletter") == false);
        // Malformed: broken JSON or not an object, and wrong kinds.
        var broken = texts.Count(t => t is not null && PixelData.Parse(t).Count == 0);
        Assert.InRange(broken, 1, texts.Count / 50);
        Assert.Contains(parsed, d => d.KindOf("seats") == PixelValueKind.String);
        Assert.Contains(parsed, d => d.KindOf("trial_ends") == PixelValueKind.String && d.Date("trial_ends") is null);
        Assert.Contains(parsed, d => d.KindOf("newsletter") == PixelValueKind.String);
    }

    public static TheoryData<string, string> Examples() => new()
    {
        {
            "gold-email-logins",
            """
            SELECT p.id FROM profiles p WHERE (
                SELECT COUNT(*) FROM goal_achievements a
                WHERE a.profile_id = p.id AND a.goal_id = 'login' AND a.utm_source = 'email'
                  AND (CASE WHEN json_valid(a.pixel_data) AND json_type(a.pixel_data) = 'object' THEN json_type(a.pixel_data, '$.plan') END) = 'text'
                  AND (CASE WHEN json_valid(a.pixel_data) AND json_type(a.pixel_data) = 'object' THEN json_extract(a.pixel_data, '$.plan') END) = 'gold') >= 3
            ORDER BY p.id
            """
        },
        {
            "high-average-goal-value",
            "SELECT p.id FROM profiles p WHERE (SELECT AVG(a.cost) FROM goal_achievements a WHERE a.profile_id = p.id AND a.achieved_at BETWEEN @now - 30 * 86400000 AND @now) > 1000 ORDER BY p.id"
        },
        {
            "mobile-cpc-orders",
            "SELECT p.id FROM profiles p WHERE EXISTS (SELECT 1 FROM goal_achievements a WHERE a.profile_id = p.id AND a.achieved_at BETWEEN @now - 90 * 86400000 AND @now AND a.utm_medium = 'cpc' AND a.device_type = 'mobile' AND a.order_id <> '' AND a.order_amount > 5000) ORDER BY p.id"
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleSegment_OnDemoData_SelectsWhatHandWrittenSqlSelects(string id, string sql)
    {
        var db = Demo.Value;
        var document = new GoalsDemoData().ExampleSegments.Single(d => JsonDocument.Parse(d).RootElement.GetProperty("id").GetString() == id);
        var saved = db.Engine.Save(document);
        db.Engine.Recalculate(saved.Id);

        using var connection = db.Database.Open();
        var expected = connection.Query<long>(sql, new { now = Now }).ToList();
        Assert.Equal(expected, db.Engine.Members(saved.Id, limit: int.MaxValue));
        Assert.InRange(expected.Count, 1, Profiles - 1);
    }

    [Fact]
    public void ExampleSegments_AllThree_AreSavedWithTheirIds() =>
        Assert.Equal(["gold-email-logins", "high-average-goal-value", "mobile-cpc-orders"],
            new GoalsDemoData().ExampleSegments.Select(d => JsonDocument.Parse(d).RootElement.GetProperty("id").GetString()));
}
