using System.Text.Json;
using Dapper;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Plugins.Campaigns;
using RulePlugins.Plugins.Goals;
using RulePlugins.Plugins.Market;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Plugins.Scenarios;
using RulePlugins.Plugins.Segments;
using RulePlugins.Plugins.Weblayers;
using RulePlugins.Sdk;
using RulePlugins.Testing;

namespace RulePlugins.Families.Tests;

/// <summary>
/// Random AND/OR trees whose leaves come from every family (profile fields, market orders, scenarios, campaigns and
/// groups, dynamic and static segment membership and history, popups and forms, goals), saved and recalculated by the engine over one database,
/// must select exactly the profiles the same tree written as SQL selects (see <see cref="MixedConditions"/>). Runs on
/// SQLite and PostgreSQL; odd trees use a batch of 17 profiles, so rows of every family cross batch boundaries. Each tree
/// is recalculated with its SQL prefilter and without it (<see cref="RecalculationOptions.Pushdown"/>), with the same members.
/// </summary>
public sealed class MixedDifferentialTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Profiles = 200;
    private const int Trees = 24;
    private const int Singles = 14;

    // pixel_data.plan is a JSON string equal to gold, ignoring case and surrounding spaces (the world writes only valid JSON or null).
    private const string SqliteGold = "json_type(a.pixel_data, '$.plan') = 'text' AND lower(trim(json_extract(a.pixel_data, '$.plan'))) = 'gold'";
    private const string PostgresGold = "jsonb_typeof(a.pixel_data::jsonb -> 'plan') = 'string' AND lower(trim(a.pixel_data::jsonb ->> 'plan')) = 'gold'";

    private static IRulePlugin[] Plugins => [new ProfileFieldsPlugin(), new MarketPlugin(), new ScenariosPlugin(), new CampaignsPlugin(), new SegmentsPlugin(), new WeblayersPlugin(), new GoalsPlugin()];

    [Theory]
    [InlineData("sqlite", 1)]
    [InlineData("sqlite", 2)]
    [InlineData("sqlite", 3)]
    [InlineData("postgresql", 4)]
    [InlineData("postgresql", 5)]
    public void Recalculate_RandomTreesOfEveryFamily_WithAndWithoutPushdown_EqualHandWrittenSql(string provider, int seed)
    {
        using var db = provider == "sqlite" ? new TestDatabase(Plugins) : NewPostgres();
        var random = new Random(seed * 7919);
        MixedWorld.Populate(db, random, Profiles);

        var rules = Enumerable.Range(0, Singles).Select(_ => (MixedNode)new MixedGroup("and", [MixedConditions.Random(random)]))
            .Concat(Enumerable.Range(0, Trees).Select(_ => MixedConditions.Tree(random)))
            .ToList();
        var failures = new List<string>();
        var nonTrivial = 0;
        var translated = 0;
        using var connection = db.Database.Open();
        for (var i = 0; i < rules.Count; i++)
        {
            var id = $"mixed-{seed}-{i}";
            var json = JsonSerializer.Serialize(new { schemaVersion = 1, id, name = id, subject = "profile", rules = rules[i].Json });
            var sql = rules[i].Sql.Replace(MixedConditions.PlanIsGold, provider == "sqlite" ? SqliteGold : PostgresGold, StringComparison.Ordinal);
            var expected = connection.Query<long>($"SELECT p.id FROM profiles p WHERE {sql} ORDER BY p.id", new { now = MixedWorld.Now }).ToList();
            db.Engine.Save(json);
            var prefilter = db.Engine.GetPrefilter(id);
            translated += prefilter?.Translated.Length ?? 0;

            // With the SQL prefilter selecting the candidates, and without it (every profile judged by the predicate).
            foreach (var pushdown in new[] { true, false })
            {
                db.Engine.Recalculate(id, new RecalculationOptions { BatchSize = i % 2 == 0 ? 10_000 : 17, Pushdown = pushdown });
                var actual = db.Engine.Members(id, limit: int.MaxValue);
                output.WriteLine($"{id} (pushdown {(pushdown ? "on" : "off")}): {expected.Count} expected, {actual.Count} actual");
                if (!expected.SequenceEqual(actual))
                {
                    failures.Add($"{json}\n  pushdown {(pushdown ? "on" : "off")}: SQL {expected.Count}, engine {actual.Count}; only in SQL: {string.Join(", ", expected.Except(actual).Take(10))}; "
                        + $"only in engine: {string.Join(", ", actual.Except(expected).Take(10))}\n  prefilter:\n{prefilter?.Describe() ?? "none"}");
                }
            }

            nonTrivial += expected.Count is > 0 and < Profiles ? 1 : 0;
        }

        Assert.True(failures.Count == 0, $"seed {seed} on {provider}: {failures.Count} of {rules.Count} documents disagree with SQL:\n{string.Join("\n\n", failures)}");
        Assert.True(nonTrivial >= rules.Count / 2, $"only {nonTrivial} of {rules.Count} documents selected some but not all profiles");
        Assert.True(translated >= rules.Count / 2, $"only {translated} conditions of {rules.Count} documents were translated to SQL: the prefilter was hardly exercised");
    }

    [Fact]
    public void Populate_EveryFamily_HasRowsOnBothSidesOfNow()
    {
        using var db = new TestDatabase(Plugins);
        MixedWorld.Populate(db, new Random(1), Profiles);
        var now = MixedWorld.Now;

        // The edges the conditions must meet are present: spells open now and left exactly now, rows exactly 7 days ago,
        // both segments with closed spells (a history), and profiles of each family with no rows at all.
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM campaign_spells WHERE left_at IS NULL") > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM campaign_spells WHERE left_at = @now", new { now }) > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM market_orders WHERE created_at = @at", new { at = now - 7 * MixedWorld.Day }) > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM segment_member_spells WHERE segment_id = 'vip' AND left_at IS NOT NULL") > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM segment_member_spells WHERE segment_id = 'moscow' AND left_at IS NOT NULL") > 0);
        Assert.True(db.Scalar<long>("SELECT COUNT(*) FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM scenario_runs r WHERE r.profile_id = p.id)") > 0);
    }

    private TestDatabase NewPostgres()
    {
        var (database, drop) = postgres.NewDatabase();
        return new TestDatabase(database, drop, Plugins);
    }
}
