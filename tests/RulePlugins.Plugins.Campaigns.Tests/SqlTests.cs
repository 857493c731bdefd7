using Dapper;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Campaigns.Tests.CampaignsBed;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// Members of saved segments against hand-written SQL over the same SQLite database (200 profiles of random spells in
/// both tables, see <see cref="RandomSpells"/>): each operator of each condition type, and a segment combining both
/// types. The SQL states the semantics independently of the SDK: a spell counts when its entity matches ignoring case
/// and surrounding white space and it entered at or before now; it is in when left is null or after now; entries are
/// counted by entered_at in [lo, hi].
/// </summary>
public sealed class SqlTests : IDisposable
{
    private const int Profiles = 200;
    private static readonly long NowMs = Now.ToUnixTimeMilliseconds();
    private static readonly long PeriodLo = RandomSpells.PeriodStart.ToUnixTimeMilliseconds();
    private static readonly long PeriodHi = RandomSpells.PeriodEnd.ToUnixTimeMilliseconds();

    private readonly CampaignsBed _db = new();

    public SqlTests()
    {
        _db.AddProfiles(Profiles);
        var random = new Random(42);
        foreach (var kind in SpellKind.All)
        {
            _db.AddSpells(kind, RandomSpells.For(kind, Profiles, random));
        }
    }

    private static string Spells(SpellKind kind, string id, string extra = "") =>
        $"FROM {kind.Table} s WHERE s.profile_id = p.id AND lower(trim(s.{kind.Column})) = '{id}' AND s.entered_at <= {NowMs}{extra}";

    private static string IsIn(SpellKind kind, string id) => $"EXISTS (SELECT 1 {Spells(kind, id, $" AND (s.left_at IS NULL OR s.left_at > {NowMs})")})";

    private static string Ever(SpellKind kind, string id) => $"EXISTS (SELECT 1 {Spells(kind, id)})";

    private static string Entries(SpellKind kind, string id, long lo, long hi) => $"(SELECT COUNT(*) {Spells(kind, id, $" AND s.entered_at >= {lo} AND s.entered_at <= {hi}")})";

    private static string Where(SpellKind kind, string op) => op switch
    {
        "currently_in" => IsIn(kind, kind.Ours),
        "currently_not_in" => $"NOT {IsIn(kind, kind.Ours)}",
        "ever_entered" => Ever(kind, kind.Ours),
        "never_entered" => $"NOT {Ever(kind, kind.Ours)}",
        "no_longer_in" => $"{Ever(kind, kind.Ours)} AND NOT {IsIn(kind, kind.Ours)}",
        "entered_times_last_days" => $"{Entries(kind, kind.Ours, NowMs - 7 * Day, NowMs)} >= 2",
        "entered_times_in_period" => $"{Entries(kind, kind.Ours, PeriodLo, PeriodHi)} >= 2",
        "not_entered_last_days" => $"{Entries(kind, kind.Ours, NowMs - 7 * Day, NowMs)} = 0",
        _ => $"{Entries(kind, kind.Ours, PeriodLo, PeriodHi)} = 0",
    };

    private static Params Parameters(SpellKind kind, string op) => op switch
    {
        "entered_times_last_days" => On(kind, """{"operator": "entered_times_last_days", "times": 2, "last_days": 7}"""),
        "entered_times_in_period" => On(kind, """{"operator": "entered_times_in_period", "times": 2, "from": "2026-05-20", "to": "2026-06-03"}"""),
        "not_entered_last_days" => On(kind, """{"operator": "not_entered_last_days", "last_days": 7}"""),
        "not_entered_in_period" => On(kind, """{"operator": "not_entered_in_period", "from": "2026-05-20", "to": "2026-06-03"}"""),
        _ => On(kind, $$"""{"operator": "{{op}}"}"""),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in SpellKind.All)
        {
            foreach (var op in Sdk.Operators.MembershipHistoryOperators.All)
            {
                data.Add(kind.Name, op);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_EachOperator_EqualHandWrittenSql(string kind, string op)
    {
        var spellKind = SpellKind.Named(kind);
        var sql = $"SELECT p.id FROM profiles p WHERE {Where(spellKind, op)}";
        var expected = _db.Bed.Database.Scalar<long>($"SELECT COUNT(*) FROM profiles p WHERE {Where(spellKind, op)}");

        _db.Bed.AssertSameAsSql(spellKind.Type, Parameters(spellKind, op), sql);
        Assert.InRange(expected, 1, Profiles - 1);
    }

    [Fact]
    public void MembersOf_SegmentCombiningBothTypes_EqualsHandWrittenSql()
    {
        // Entered the spring campaign at least twice in the last 7 days and is not in its local control group now, or
        // left the autumn campaign and never entered the spring test group A.
        var document = Documents.Json("combined", new
        {
            op = "or",
            items = new object[]
            {
                new
                {
                    op = "and",
                    items = new object[]
                    {
                        new { type = "campaigns.participation", @params = new { campaign = "spring", @operator = "entered_times_last_days", times = 2, last_days = 7 } },
                        new { type = "campaigns.group", @params = new { group = "spring-lcg", @operator = "currently_not_in" } },
                    },
                },
                new
                {
                    op = "and",
                    items = new object[]
                    {
                        new { type = "campaigns.participation", @params = new { campaign = "autumn", @operator = "no_longer_in" } },
                        new { type = "campaigns.group", @params = new { group = "spring-test-a", @operator = "never_entered" } },
                    },
                },
            },
        });
        var (campaign, group) = (SpellKind.Campaign, SpellKind.Group);
        var sql = $"""
            SELECT p.id FROM profiles p
            WHERE ({Entries(campaign, "spring", NowMs - 7 * Day, NowMs)} >= 2 AND NOT {IsIn(group, "spring-lcg")})
               OR ({Ever(campaign, "autumn")} AND NOT {IsIn(campaign, "autumn")} AND NOT {Ever(group, "spring-test-a")})
            ORDER BY p.id
            """;
        using var connection = _db.Bed.Database.Database.Open();
        var expected = connection.Query<long>(sql).ToList();

        var members = _db.Bed.MembersOf(document);

        Assert.Equal(expected, members);
        Assert.InRange(expected.Count, 1, Profiles - 1);
    }

    public void Dispose() => _db.Dispose();
}
