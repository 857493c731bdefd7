using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// Members of saved goal segments against hand-written SQL over the same random achievements (see
/// <see cref="RandomAchievements"/>): the SQL states the semantics on its own, with SQLite's JSON functions for
/// pixel_data (a key counts only when pixel_data is a valid JSON object and the key holds the kind compared).
/// </summary>
public sealed class SqlDifferentialTests : IDisposable
{
    private const int Profiles = 300;
    private const string Object = "json_valid(a.pixel_data) AND json_type(a.pixel_data) = 'object'";
    private static readonly long Now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
    private readonly PluginTestBed _bed = Create();

    public SqlDifferentialTests()
    {
        _bed.AddProfiles([.. Enumerable.Range(1, Profiles).Select(i => (long)i)]);
        RandomAchievements.Insert(_bed, new Random(20260615), Profiles);
    }

    private static string Count(string where) =>
        $"(SELECT COUNT(*) FROM goal_achievements a WHERE a.profile_id = p.id AND a.achieved_at <= @now AND {where})";

    private static string ProfilesWhere(string condition) => $"SELECT p.id FROM profiles p WHERE {condition}";

    // Guarded by CASE: SQLite evaluates both sides of AND, and json_extract fails on malformed JSON.
    private static string Extract(string key) => $"(CASE WHEN {Object} THEN json_extract(a.pixel_data, '$.{key}') END)";

    private static string PixelKey(string key, string type) =>
        $"(CASE WHEN {Object} THEN json_type(a.pixel_data, '$.{key}') END) {type}";

    public static TheoryData<string, string, string> Cases() => new()
    {
        {
            "at least 2 purchases from email in the last 30 days",
            """{"operator":"at_least","times":2,"goal":"purchase","utm_source":["email"],"last_days":30}""",
            ProfilesWhere(Count("lower(trim(a.goal_id)) = 'purchase' AND lower(trim(a.utm_source)) = 'email' AND a.achieved_at BETWEEN @now - 30 * 86400000 AND @now") + " >= 2")
        },
        {
            "no signup on the landing pixel",
            """{"operator":"not_once","goal":"signup","pixel":"landing"}""",
            ProfilesWhere(Count("lower(trim(a.goal_id)) = 'signup' AND lower(trim(a.pixel_id)) = 'landing'") + " = 0")
        },
        {
            "total goal value over 1500.5",
            """{"operator":"total","goal_cost_operator":"greater","goal_cost_value":1500.5}""",
            ProfilesWhere("(SELECT COALESCE(SUM(a.cost), 0) FROM goal_achievements a WHERE a.profile_id = p.id AND a.achieved_at <= @now) > 1500.5")
        },
        {
            "average goal value of plan gold below 600.5 in the last 30 days",
            """{"operator":"average","goal_cost_operator":"less","goal_cost_value":600.5,"last_days":30,"data1_kind":"string","data1_key":"plan","data1_string_operator":"equals","data1_string_value":"gold"}""",
            ProfilesWhere($"(SELECT AVG(a.cost) FROM goal_achievements a WHERE a.profile_id = p.id AND a.achieved_at <= @now AND a.achieved_at BETWEEN @now - 30 * 86400000 AND @now AND {PixelKey("plan", "= 'text'")} AND lower(trim({Extract("plan")})) = 'gold') < 600.5")
        },
        {
            "average goal value of logins at most 900.5 (no value is unknown)",
            """{"operator":"average","goal_cost_operator":"less_or_equal","goal_cost_value":900.5,"goal":"login"}""",
            ProfilesWhere("(SELECT AVG(a.cost) FROM goal_achievements a WHERE a.profile_id = p.id AND a.achieved_at <= @now AND lower(trim(a.goal_id)) = 'login') <= 900.5")
        },
    };

    public static TheoryData<string, string, string> ComplexCases() => new()
    {
        {
            "meets: cpc on mobile with 5 seats or more",
            """{"operator":"meets","utm_medium":["cpc"],"device_type":["mobile"],"data2_kind":"number","data2_key":"seats","data2_number_operator":"greater_or_equal","data2_number_value":5}""",
            ProfilesWhere(Count($"lower(trim(a.utm_medium)) = 'cpc' AND lower(trim(a.device_type)) = 'mobile' AND {PixelKey("seats", "IN ('integer', 'real')")} AND {Extract("seats")} >= 5") + " > 0")
        },
        {
            "does_not_meet: newsletter true in a period",
            """{"operator":"does_not_meet","from":"2026-05-26","to":"2026-06-10","data1_kind":"boolean","data1_key":"newsletter","data1_boolean_operator":"equals","data1_boolean_value":true}""",
            ProfilesWhere(Count($"a.achieved_at >= @from AND a.achieved_at < @after AND {PixelKey("newsletter", "= 'true'")}") + " = 0")
        },
        {
            "meets: trial ends on or before 2026-06-12 with an order",
            """{"operator":"meets","has_order":true,"data3_kind":"date","data3_key":"trial_ends","data3_date_operator":"less_or_equal","data3_date_value":"2026-06-12"}""",
            ProfilesWhere(Count($"trim(a.order_id) <> '' AND {PixelKey("trial_ends", "= 'text'")} AND date({Extract("trial_ends")}) IS NOT NULL AND date({Extract("trial_ends")}) <= '2026-06-12'") + " > 0")
        },
        {
            "meets: plan not gold (unknown counts) with a goal value not 0",
            """{"operator":"meets","cost_operator":"not_equals","cost_value":0,"data1_kind":"string","data1_key":"plan","data1_string_operator":"not_equals","data1_string_value":"gold"}""",
            ProfilesWhere(Count($"(a.cost IS NULL OR a.cost <> 0) AND NOT COALESCE({PixelKey("plan", "= 'text'")} AND lower(trim({Extract("plan")})) = 'gold', 0)") + " > 0")
        },
        {
            "meets: order amount below 5000.5 in the last 30 days",
            """{"operator":"meets","last_days":30,"order_amount_operator":"less","order_amount_value":5000.5}""",
            ProfilesWhere(Count("a.order_amount < 5000.5 AND a.achieved_at BETWEEN @now - 30 * 86400000 AND @now") + " > 0")
        },
    };

    private static object SqlParameters => new
    {
        now = Now,
        from = new DateTimeOffset(2026, 5, 26, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
        after = new DateTimeOffset(2026, 6, 11, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_Achieved_EqualHandWrittenSql(string what, string parameters, string sql) => Check(what, Achieved, parameters, sql);

    [Theory]
    [MemberData(nameof(ComplexCases))]
    public void Members_Complex_EqualHandWrittenSql(string what, string parameters, string sql) => Check(what, Complex, parameters, sql);

    private void Check(string what, string type, string parameters, string sql)
    {
        var count = _bed.Database.Scalar<long>($"SELECT COUNT(*) FROM ({sql}) x", SqlParameters);

        _bed.AssertSameAsSql(type, Params.Json(parameters), sql, SqlParameters);
        Assert.True(count is > 0 and < Profiles, $"{what}: the SQL selects {count} of {Profiles} profiles; the data says too little");
    }

    public void Dispose() => _bed.Dispose();
}
