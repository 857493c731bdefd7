using System.Text.Json;
using Dapper;
using RulePlugins.Plugins.Campaigns.DemoData;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// The demo data on 3,000 profiles (seed 42, the clock at 2026-06-15T12:00:00Z): the shapes it promises (fifteen
/// campaigns each with one local control group, test groups A and B on some, group spells only for profiles of the
/// campaign, re-entries, open spells and spells closed long ago, skewed participation), determinism, and the example
/// segments recalculated against hand-written SQL.
/// </summary>
public sealed class DemoDataTests : IDisposable
{
    private const int Profiles = 3000;
    private static readonly long NowMs = CampaignsBed.Now.ToUnixTimeMilliseconds();

    private readonly PluginTestBed _bed = new(new CampaignsPlugin());

    public DemoDataTests() => _bed.Engine.GenerateDemoData(Profiles, seed: 42);

    private long Count(string sql) => _bed.Database.Scalar<long>(sql);

    [Fact]
    public void Generate_Groups_EveryCampaignHasOneLocalControlGroupAndSomeTwoTestGroups()
    {
        Assert.Equal(15L, Count("SELECT COUNT(*) FROM campaigns"));
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM campaigns c WHERE (SELECT COUNT(*) FROM campaign_groups g WHERE g.campaign_id = c.id AND g.kind = 'control') <> 1"));
        Assert.InRange(Count("SELECT COUNT(DISTINCT campaign_id) FROM campaign_groups WHERE kind = 'test'"), 3, 10);
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM campaign_groups g WHERE g.kind = 'test' AND (SELECT COUNT(*) FROM campaign_groups t WHERE t.campaign_id = g.campaign_id AND t.kind = 'test') <> 2"));
    }

    [Fact]
    public void Generate_GroupSpells_AreOnlyForProfilesInThatCampaignAtTheSameTimes()
    {
        var orphans = Count(
            """
            SELECT COUNT(*) FROM campaign_group_spells gs JOIN campaign_groups g ON g.id = gs.group_id
            WHERE NOT EXISTS (SELECT 1 FROM campaign_spells s WHERE s.profile_id = gs.profile_id AND s.campaign_id = g.campaign_id
                              AND s.entered_at = gs.entered_at AND (s.left_at = gs.left_at OR (s.left_at IS NULL AND gs.left_at IS NULL)))
            """);

        Assert.Equal(0L, orphans);
        Assert.True(Count("SELECT COUNT(*) FROM campaign_group_spells gs JOIN campaign_groups g ON g.id = gs.group_id AND g.kind = 'control'") > 100);
        Assert.Equal(Count("SELECT COUNT(*) FROM campaign_group_spells"), Count("SELECT COUNT(*) FROM campaign_group_spells gs JOIN campaign_groups g ON g.id = gs.group_id"));
    }

    [Fact]
    public void Generate_Spells_HaveReEntriesOpenAndLongClosedSpellsAndSkewedParticipation()
    {
        var reEntered = Count("SELECT COUNT(*) FROM (SELECT profile_id, campaign_id FROM campaign_spells GROUP BY profile_id, campaign_id HAVING COUNT(*) >= 3) x");
        var open = Count($"SELECT COUNT(*) FROM campaign_spells WHERE left_at IS NULL OR left_at > {NowMs}");
        var closedLongAgo = Count($"SELECT COUNT(*) FROM campaign_spells WHERE left_at < {NowMs - 365 * CampaignsBed.Day}");
        var inNone = Count("SELECT COUNT(*) FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM campaign_spells s WHERE s.profile_id = p.id)");
        var inFew = Count("SELECT COUNT(*) FROM (SELECT profile_id FROM campaign_spells GROUP BY profile_id HAVING COUNT(DISTINCT campaign_id) <= 3) x");
        var inMany = Count("SELECT COUNT(*) FROM (SELECT profile_id FROM campaign_spells GROUP BY profile_id HAVING COUNT(DISTINCT campaign_id) >= 5) x");
        var overlapping = Count(
            """
            SELECT COUNT(*) FROM campaign_spells a JOIN campaign_spells b ON a.profile_id = b.profile_id AND a.campaign_id = b.campaign_id
            AND b.entered_at > a.entered_at AND (a.left_at IS NULL OR a.left_at > b.entered_at)
            """);

        Assert.True(reEntered > 50, $"{reEntered} profile-campaign pairs with 3 entries or more");
        Assert.True(open > 100 && closedLongAgo > 100, $"{open} open spells, {closedLongAgo} closed over a year ago");
        Assert.InRange(inNone, Profiles * 3 / 10, Profiles * 6 / 10);
        Assert.True(inMany >= Profiles / 50 && inFew > 5 * inMany, $"{inFew} profiles in 1 to 3 campaigns, {inMany} in 5 or more");
        Assert.Equal(0L, overlapping);
    }

    [Fact]
    public void Generate_SameSeed_WritesTheSameSpells()
    {
        using var again = new PluginTestBed(new CampaignsPlugin());
        again.Engine.GenerateDemoData(Profiles, seed: 42);
        const string dump = "SELECT profile_id || '|' || campaign_id || '|' || entered_at || '|' || COALESCE(left_at, -1) FROM campaign_spells ORDER BY 1";

        using var first = _bed.Database.Database.Open();
        using var second = again.Database.Database.Open();

        Assert.Equal(first.Query<string>(dump), second.Query<string>(dump));
    }

    [Fact]
    public void ExampleSegments_OnTheDemoData_SelectSomeProfilesAndEqualHandWrittenSql()
    {
        var examples = _bed.Engine.ExampleSegments().ToDictionary(d => JsonDocument.Parse(d).RootElement.GetProperty("id").GetString()!);
        var twiceSql = $"""
            SELECT p.id FROM profiles p
            WHERE (SELECT COUNT(*) FROM campaign_spells s WHERE s.profile_id = p.id AND s.campaign_id = '{CampaignsDemoData.RepeatedCampaign}'
                   AND s.entered_at >= {NowMs - 30 * CampaignsBed.Day} AND s.entered_at <= {NowMs}) >= 2
            ORDER BY p.id
            """;
        var controlSql = $"""
            SELECT p.id FROM profiles p
            WHERE EXISTS (SELECT 1 FROM campaign_group_spells s WHERE s.profile_id = p.id AND s.group_id = '{CampaignsDemoData.RunningCampaign}-lcg'
                          AND s.entered_at <= {NowMs} AND (s.left_at IS NULL OR s.left_at > {NowMs}))
            ORDER BY p.id
            """;
        using var connection = _bed.Database.Database.Open();

        foreach (var (id, sql) in new[] { ("abandoned-cart-twice-30-days", twiceSql), ("summer-sale-control-group", controlSql) })
        {
            var expected = connection.Query<long>(sql).ToList();
            var members = _bed.MembersOf(examples[id]);

            Assert.Equal(expected, members);
            Assert.InRange(expected.Count, 20, Profiles / 4);
        }

        Assert.Equal(2, examples.Count);
    }

    public void Dispose() => _bed.Dispose();
}
