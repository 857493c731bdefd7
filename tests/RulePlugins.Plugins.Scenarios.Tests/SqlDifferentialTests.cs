using Dapper;
using RulePlugins.Plugins.Scenarios.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Scenarios.Tests.ScenarioBed;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>
/// Members of saved participation segments against hand-written SQL over the same random runs (see
/// <see cref="RandomRuns"/>): every operator on every scenario the data names, and a three-condition segment (never in
/// any of the discount scenarios). The SQL states the semantics on its own, as EXISTS over the runs of the scenario.
/// </summary>
public sealed class SqlDifferentialTests : IDisposable
{
    private const int Profiles = 250;
    private readonly PluginTestBed _bed = Create();

    public SqlDifferentialTests()
    {
        _bed.AddProfiles([.. Enumerable.Range(1, Profiles).Select(i => (long)i)]);
        RandomRuns.Insert(_bed, new Random(20260615), Profiles);
    }

    private static string Exists(string op) => op switch
    {
        "was_at_least_once" or "never_was" => "r.entered_at <= @now",
        "currently_in" or "currently_not_in" => "r.entered_at <= @now AND (r.finished_at IS NULL OR r.finished_at > @now)",
        "completed" => "r.entered_at <= @now AND lower(trim(r.outcome)) = 'completed' AND r.finished_at IS NOT NULL AND r.finished_at <= @now",
        _ => "r.entered_at <= @now AND lower(trim(r.outcome)) = 'error' AND r.finished_at IS NOT NULL AND r.finished_at <= @now",
    };

    private static string Sql(string op) =>
        $"""
        SELECT p.id FROM profiles p
        WHERE {(op is "never_was" or "currently_not_in" ? "NOT " : "")}EXISTS (
            SELECT 1 FROM scenario_runs r WHERE r.profile_id = p.id AND lower(trim(r.scenario_id)) = @scenario AND {Exists(op)})
        """;

    public static TheoryData<string> Operators() => [.. ParticipationOperators.All];

    [Theory]
    [MemberData(nameof(Operators))]
    public void Members_OperatorOnEveryScenario_EqualHandWrittenSql(string op)
    {
        var split = 0;
        foreach (var scenario in RandomRuns.Named)
        {
            var count = _bed.Database.Scalar<long>($"SELECT COUNT(*) FROM ({Sql(op)}) x", new { scenario, now = _bed.NowMs() });
            _bed.AssertSameAsSql(Participation, Of(scenario, op), Sql(op), new { scenario, now = _bed.NowMs() });
            split += count is > 0 and < Profiles ? 1 : 0;
        }

        Assert.True(split >= 3, $"only {split} of {RandomRuns.Named.Length} scenarios split the profiles for {op}; the data says too little");
    }

    [Fact]
    public void Members_NeverInAnyDiscountScenario_EqualHandWrittenSql()
    {
        var document = Documents.Json("no-discounts", new
        {
            op = "and",
            items = new object[]
            {
                new { type = Participation, @params = Of("discount-10", "never_was").ToObject() },
                new { type = Participation, @params = Of("discount-20", "never_was").ToObject() },
                new { type = Participation, @params = Of("free-delivery", "never_was").ToObject() },
            },
        });
        const string sql = """
            SELECT p.id FROM profiles p
            WHERE NOT EXISTS (
                SELECT 1 FROM scenario_runs r
                WHERE r.profile_id = p.id AND r.entered_at <= @now AND lower(trim(r.scenario_id)) IN ('discount-10', 'discount-20', 'free-delivery'))
            ORDER BY p.id
            """;

        var members = _bed.MembersOf(document);

        using var connection = _bed.Database.Database.Open();
        var expected = connection.Query<long>(sql, new { now = _bed.NowMs() }).ToList();
        Assert.Equal(expected, members);
        Assert.InRange(expected.Count, 1, Profiles - 1);
    }

    public void Dispose() => _bed.Dispose();
}
