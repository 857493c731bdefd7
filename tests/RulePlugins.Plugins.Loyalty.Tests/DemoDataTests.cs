using Dapper;
using RulePlugins.Plugins.Loyalty.DemoData;
using RulePlugins.Plugins.Market;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// The demo data: the same rows for the same seed, the documented shape (most profiles in Bonus Club with small balances,
/// a few with thousands of points, points expiring in the coming days), and example segments whose members are exactly
/// what the reference fold (and, for the market condition, hand-written SQL) selects on it.
/// </summary>
public sealed class DemoDataTests
{
    private const int Profiles = 3000;
    private const string AllRows = "SELECT id, profile_id, program_id, kind, points, occurred_at, promo_action_id, point_type, activates_at, expires_at FROM loyalty_transactions ORDER BY id";

    private static readonly Lazy<TestDatabase> Demo = new(() => Generated(42));

    private static TestDatabase Generated(int seed)
    {
        var db = new TestDatabase(new LoyaltyPlugin(), new MarketPlugin(), new ProfileFieldsPlugin());
        db.Engine.GenerateDemoData(Profiles, seed);
        return db;
    }

    private static List<TestTransaction> Ledger(TestDatabase db)
    {
        using var connection = db.Database.Open();
        return [.. connection.Query<(long Id, long Profile, string Program, string Kind, long Points, long At, string? Action, string? Type, long? Activates, long? Expires)>(AllRows)
            .Select(r => new TestTransaction(r.Id, r.Profile, r.Program, r.Kind, r.Points, r.At, r.Action, r.Type, r.Activates, r.Expires))];
    }

    private static long Now => TestDatabase.DefaultNow.ToUnixTimeMilliseconds();

    [Fact]
    public void GenerateDemoData_SameSeed_WritesTheSameLedgers()
    {
        using var again = Generated(42);
        using var other = Generated(43);

        Assert.Equal(Ledger(Demo.Value), Ledger(again));
        Assert.NotEqual(Ledger(Demo.Value), Ledger(other));
    }

    [Fact]
    public void GenerateDemoData_Shape_MostBalancesSmallSomeLargeSomeBurning()
    {
        var ledger = Ledger(Demo.Value).ToLookup(t => t.ProfileId);
        var finals = Enumerable.Range(1, Profiles).Select(p => ReferenceFold.Balance(ledger[p], "bonus-club", Now, active: false)).ToList();
        var burning = Enumerable.Range(1, Profiles).Count(p => ReferenceFold.Expiring(ledger[p], "bonus-club", Now, Now, Now + 7 * LoyaltyBed.Day, "double-points") >= 200);
        var rows = ledger.Sum(g => g.Count());

        Assert.InRange(rows / (double)Profiles, 7, 14);
        Assert.InRange(finals.Count(b => b > 0 && b <= 1000) / (double)Profiles, 0.4, 0.8);
        Assert.InRange(finals.Count(b => b > 5000) / (double)Profiles, 0.005, 0.06);
        Assert.InRange(burning, 10, Profiles / 5);
        Assert.Contains(ledger.SelectMany(g => g), t => t.ActivatesAt is not null);
        Assert.Contains(ledger.SelectMany(g => g), t => t.Kind == "accrual" && t.ExpiresAt is null);
        Assert.Contains(ledger.SelectMany(g => g), t => t.Kind == "spend" && t.Program == "premium");
    }

    [Fact]
    public void ExampleSegments_OnTheDemoData_SelectWhatTheReferenceSelects()
    {
        var db = Demo.Value;
        var ledger = Ledger(db).ToLookup(t => t.ProfileId);
        using var connection = db.Database.Open();
        var participants = connection.Query<long>(
            "SELECT DISTINCT profile_id FROM loyalty_participations WHERE program_id = 'bonus-club' AND joined_at <= @now AND (left_at IS NULL OR left_at > @now)", new { now = Now }).ToHashSet();
        var recentBuyers = connection.Query<long>(
            "SELECT DISTINCT profile_id FROM market_orders WHERE status IN ('paid', 'delivered') AND created_at >= @from AND created_at <= @now",
            new { now = Now, from = Now - 14 * LoyaltyBed.Day }).ToHashSet();
        var ids = Enumerable.Range(1, Profiles).Select(i => (long)i).ToList();
        long Active(long p) => ReferenceFold.Balance(ledger[p], "bonus-club", Now, active: true);
        var expected = new Dictionary<string, List<long>>
        {
            ["bonus-club-active-100-500"] = [.. ids.Where(p => participants.Contains(p) && Active(p) is >= 100 and <= 500)],
            ["burning-double-points"] = [.. ids.Where(p => ReferenceFold.Expiring(ledger[p], "bonus-club", Now, Now, Now + 7 * LoyaltyBed.Day, "double-points") >= 200)],
            ["active-customers"] = [.. ids.Where(p => recentBuyers.Contains(p) || Active(p) > 500)],
        };

        foreach (var document in new LoyaltyDemoData().ExampleSegments)
        {
            var saved = db.Engine.Save(document);
            db.Engine.Recalculate(saved.Id);

            Assert.Equal(expected[saved.Id], db.Engine.Members(saved.Id, limit: int.MaxValue));
            Assert.InRange(expected[saved.Id].Count, 10, Profiles - 10);
            Assert.Empty(db.Engine.FindUndeclaredColumns(saved.Id, sampleSize: 500));
        }
    }
}
