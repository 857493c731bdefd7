using Dapper;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 9: recalculation of segments with participation conditions (scenarios, campaigns, other segments) on a fresh
/// database with every plugin's demo data (SQLite, or PostgreSQL with <c>--provider postgresql</c>), against
/// hand-written SQL with the same semantics on the same database at the same "now"; and "in" against "not in" a
/// segment of about half the profiles.
/// </summary>
internal static class ParticipationRecalculationBenchmark
{
    private const int SqlRuns = 3;

    private static readonly string[] DiscountScenarios = ["discount-10", "discount-20", "free-delivery"];

    /// <returns>False when a recalculation and its hand-written SQL disagree.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        using var database = SectionDatabase.Create(options, temp, "participation");
        var section = $"9. Participation recalculation ({database.Title})";
        var profiles = options.Profiles;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 9: recalculation of segments with participation conditions on {database.Title} over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");

        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        using var engine = database.CreateEngine(catalog, pluginDirectory, new FrozenTimeProvider(now));
        var generated = database.GenerateDemoData(engine, profiles);
        using (var connection = engine.Database.Open())
        {
            Console.WriteLine(
                $"Generated demo data for {Stats.Count(profiles)} profiles (seed 42) in {Stats.Time(generated)}: " +
                $"{Stats.Count(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM scenario_runs"))} scenario runs, " +
                $"{Stats.Count(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM campaign_spells"))} campaign spells; database {Stats.Bytes(database.Size())}");
        }

        summary.Add(section, $"demo data: {Stats.Count(profiles)} profiles (seed 42), every plugin", "—", $"generated in {Stats.Time(generated)}", "—");
        var same = true;

        // The segment others refer to: about half the profiles.
        engine.Save(Document("half", """{ "type": "profile.gender", "params": { "operator": "equals", "value": "female" } }"""));
        var half = engine.Recalculate("half");
        Console.WriteLine($"Segment \"half\" (gender female): {Stats.Count(half.Members)} members, recalculated in {Stats.Time(half.Duration)}");

        foreach (var (id, document) in Segments())
        {
            engine.Save(document);
            Console.WriteLine();
            Console.WriteLine($"--- {id}");
            foreach (var table in engine.GetPlan(id).Tables)
            {
                Console.WriteLine($"    {table.Describe()}");
            }

            same &= RecalculationMeasurement.Measure(engine, id, profiles, section, SqlRuns, at => Sql(id, at), summary);
        }

        RecalculationMeasurement.ReportPeakWorkingSet(summary, section, 9, "demo data generation and any earlier section");
        summary.Note(
            "Section 9: the participation segments read scenario_runs, campaign_spells and segment_member_spells (the host's spells of every segment) per batch " +
            "of profiles; \"in-half\" and \"not-in-half\" read the same rows, so they cost the same. SQL: one hand-written COUNT per segment at the run's instant; " +
            $"median of {SqlRuns} after one warm-up.");
        return same;
    }

    private static IEnumerable<(string Id, string Document)> Segments()
    {
        yield return ("no-discount-scenarios", Document("no-discount-scenarios", string.Join(", ", DiscountScenarios.Select(s =>
            $$"""{ "type": "scenarios.participation", "params": { "scenario": "{{s}}", "operator": "never_was" } }"""))));
        yield return ("cart-twice-30-days", Document("cart-twice-30-days",
            """{ "type": "campaigns.participation", "params": { "campaign": "abandoned-cart", "operator": "entered_times_last_days", "times": 2, "last_days": 30 } }"""));
        yield return ("in-half", Document("in-half", """{ "type": "segments.membership", "params": { "segment": "half", "operator": "in_segment" } }"""));
        yield return ("not-in-half", Document("not-in-half", """{ "type": "segments.membership", "params": { "segment": "half", "operator": "not_in_segment" } }"""));
        yield return ("mixed", Document("mixed",
            """{ "type": "segments.membership", "params": { "segment": "half", "operator": "not_in_segment" } }, """ +
            """{ "type": "scenarios.participation", "params": { "scenario": "welcome", "operator": "was_at_least_once" } }, """ +
            """{ "type": "campaigns.participation", "params": { "campaign": "abandoned-cart", "operator": "never_entered" } }"""));
    }

    private static string Document(string id, string items) =>
        $$"""{ "schemaVersion": 1, "id": "{{id}}", "name": "{{id}}", "subject": "profile", "rules": { "op": "and", "items": [ {{items}} ] } }""";

    /// <summary>The hand-written equivalent of each segment (the demo's ids are stored as documents spell them).</summary>
    private static SqlBaseline Sql(string id, long now)
    {
        var window = new EvaluationClock(now).DaysAgo(30);
        const string InHalf = "EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = 'half' AND m.profile_id = p.id)";
        const string Welcome = "EXISTS (SELECT 1 FROM scenario_runs r WHERE r.profile_id = p.id AND r.scenario_id = 'welcome' AND r.entered_at <= @now)";
        const string EverCart = "EXISTS (SELECT 1 FROM campaign_spells c WHERE c.profile_id = p.id AND c.campaign_id = 'abandoned-cart' AND c.entered_at <= @now)";
        var parameters = new Dictionary<string, object> { ["@now"] = now, ["@from"] = window };
        return id switch
        {
            "no-discount-scenarios" => new SqlBaseline(
                "SELECT COUNT(*) FROM profiles p WHERE NOT EXISTS (SELECT 1 FROM scenario_runs r WHERE r.profile_id = p.id AND r.entered_at <= @now " +
                $"AND r.scenario_id IN ({string.Join(", ", DiscountScenarios.Select(s => $"'{s}'"))}))",
                parameters,
                "no run of any of the three discount scenarios entered at or before now"),
            "cart-twice-30-days" => new SqlBaseline(
                "SELECT COUNT(*) FROM (SELECT profile_id FROM campaign_spells WHERE campaign_id = 'abandoned-cart' AND entered_at BETWEEN @from AND @now " +
                "GROUP BY profile_id HAVING COUNT(*) >= 2) AS entries",
                parameters,
                "at least 2 spells of abandoned-cart entered in [now - 30 days, now]"),
            "in-half" => new SqlBaseline($"SELECT COUNT(*) FROM profiles p WHERE {InHalf}", parameters, "a current member of half"),
            "not-in-half" => new SqlBaseline($"SELECT COUNT(*) FROM profiles p WHERE NOT {InHalf}", parameters, "not a current member of half"),
            "mixed" => new SqlBaseline(
                $"SELECT COUNT(*) FROM profiles p WHERE NOT {InHalf} AND {Welcome} AND NOT {EverCart}", parameters,
                "not in half, ever in the welcome scenario, never in the abandoned-cart campaign"),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "No hand-written SQL for this segment."),
        };
    }
}
