using System.Text.Json;
using Dapper;
using RulePlugins.Plugins.Scenarios.DemoData;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>
/// The demo data: the same runs for the same seed, the shape the plugin documents (most profiles in few scenarios, some
/// in many, runs finished long ago and recently, with errors, and still active), and example segments that select
/// exactly what hand-written SQL selects on it.
/// </summary>
public sealed class DemoDataTests
{
    private const int Profiles = 3000;
    private const string AllRuns = "SELECT profile_id, scenario_id, entered_at, finished_at, outcome FROM scenario_runs ORDER BY profile_id, entered_at, scenario_id";

    private static readonly Lazy<TestDatabase> Demo = new(() => Generated(42));

    private static TestDatabase Generated(int seed)
    {
        var db = new TestDatabase(new ScenariosPlugin());
        db.Engine.GenerateDemoData(Profiles, seed);
        return db;
    }

    private static List<(long, string, long, long?, string?)> Runs(TestDatabase db)
    {
        using var connection = db.Database.Open();
        return [.. connection.Query<(long, string, long, long?, string?)>(AllRuns)];
    }

    [Fact]
    public void GenerateDemoData_SameSeed_WritesTheSameRuns()
    {
        using var again = Generated(42);
        using var other = Generated(43);

        Assert.Equal(Runs(Demo.Value), Runs(again));
        Assert.NotEqual(Runs(Demo.Value), Runs(other));
    }

    [Fact]
    public void GenerateDemoData_Scenarios_AreTheTwelveNamedOnesWithTheThreeDiscounts()
    {
        using var connection = Demo.Value.Database.Open();
        var names = connection.Query<(string Id, string Name)>("SELECT id, name FROM scenarios ORDER BY id").ToList();

        Assert.Equal(12, names.Count);
        Assert.Contains(("discount-10", "Discount 10%"), names);
        Assert.Contains(("discount-20", "Discount 20%"), names);
        Assert.Contains(("free-delivery", "Free delivery"), names);
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct().Count());
        // Every run names a scenario of the table.
        Assert.Equal(0L, Demo.Value.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE scenario_id NOT IN (SELECT id FROM scenarios)"));
    }

    [Fact]
    public void GenerateDemoData_Profiles_MostInFewScenariosSomeInMany()
    {
        using var connection = Demo.Value.Database.Open();
        var perProfile = connection.Query<long>(
            "SELECT (SELECT COUNT(DISTINCT r.scenario_id) FROM scenario_runs r WHERE r.profile_id = p.id) FROM profiles p").ToList();

        var none = perProfile.Count(c => c == 0);
        var few = perProfile.Count(c => c is >= 1 and <= 3);
        var many = perProfile.Count(c => c >= 7);
        Assert.InRange(none, Profiles / 20, Profiles / 4);
        Assert.True(few > Profiles / 2, $"only {few} of {Profiles} profiles are in one to three scenarios");
        Assert.InRange(many, 1, Profiles / 10);
        // Some profiles entered one scenario several times.
        Assert.True(Demo.Value.Scalar<long>("SELECT COUNT(*) FROM (SELECT profile_id FROM scenario_runs GROUP BY profile_id, scenario_id HAVING COUNT(*) >= 3) x") > 0);
    }

    [Fact]
    public void GenerateDemoData_Runs_FinishedLongAgoRecentlyWithErrorsAndActiveNow()
    {
        var now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
        const long day = 86_400_000;
        var db = Demo.Value;
        var runs = db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs");

        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE entered_at > @now OR finished_at > @now OR finished_at < entered_at", new { now }));
        // Finish and outcome are both null (active) or both set.
        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE (finished_at IS NULL) <> (outcome IS NULL)"));
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE finished_at < @old", new { old = now - 365 * day }) > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE finished_at >= @recent", new { recent = now - 7 * day }) > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE finished_at IS NULL") > 0);
        var errors = db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE outcome = 'error'");
        Assert.InRange(errors, runs / 100, runs / 8);
        Assert.Equal(runs, db.Scalar<long>("SELECT COUNT(*) FROM scenario_runs WHERE outcome IN ('completed', 'error') OR outcome IS NULL"));
    }

    public static TheoryData<string, string> Examples() => new()
    {
        {
            "no-discount-scenarios",
            "SELECT p.id FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM scenario_runs r WHERE r.profile_id = p.id AND r.entered_at <= @now AND r.scenario_id IN ('discount-10', 'discount-20', 'free-delivery')) ORDER BY p.id"
        },
        {
            "in-welcome-series",
            "SELECT DISTINCT r.profile_id FROM scenario_runs r WHERE r.scenario_id = 'welcome' AND r.entered_at <= @now AND (r.finished_at IS NULL OR r.finished_at > @now) ORDER BY r.profile_id"
        },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void ExampleSegment_OnDemoData_SelectsWhatHandWrittenSqlSelects(string id, string sql)
    {
        var db = Demo.Value;
        var document = new ScenariosDemoData().ExampleSegments.Single(d => JsonDocument.Parse(d).RootElement.GetProperty("id").GetString() == id);
        var saved = db.Engine.Save(document);
        db.Engine.Recalculate(saved.Id);

        using var connection = db.Database.Open();
        var expected = connection.Query<long>(sql, new { now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds() }).ToList();
        Assert.Equal(expected, db.Engine.Members(saved.Id, limit: int.MaxValue));
        Assert.InRange(expected.Count, 1, Profiles - 1);
    }
}
