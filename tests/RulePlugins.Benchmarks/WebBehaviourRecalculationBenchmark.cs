using System.Data.Common;
using System.Diagnostics;
using Dapper;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 10: recalculation of segments with a popup condition and a complex goal condition (utm_source and a
/// pixel_data key on the same achievement) on a fresh database with every plugin's demo data (about ten million popup
/// events and goal achievements for a million profiles), against hand-written SQL with the same semantics on the same
/// database at the same "now". To show what the time goes to, each segment's rows are also read alone: one query per
/// table with the plan's columns and window, every field read, nothing evaluated.
/// </summary>
internal static class WebBehaviourRecalculationBenchmark
{
    private const int SqlRuns = 3;

    /// <returns>False when a recalculation and its hand-written SQL disagree.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        using var database = SectionDatabase.Create(options, temp, "webbehaviour");
        var section = $"10. Popup and goal recalculation ({database.Title})";
        var profiles = options.Profiles;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 10: recalculation of segments with popup and complex goal conditions on {database.Title} over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");

        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        using var engine = database.CreateEngine(catalog, pluginDirectory, new FrozenTimeProvider(now));
        var generated = database.GenerateDemoData(engine, profiles);
        long events, achievements;
        using (var connection = engine.Database.Open())
        {
            events = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM popup_events");
            achievements = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM goal_achievements");
            if (database.Postgres)
            {
                // PostgreSQL 15 has no IS JSON: the baseline's pixel_data test needs a cast that answers NULL for broken JSON.
                connection.Execute(
                    """
                    CREATE OR REPLACE FUNCTION bench_try_jsonb(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
                    BEGIN RETURN t::jsonb; EXCEPTION WHEN others THEN RETURN NULL; END $$
                    """);
            }
        }

        Console.WriteLine(
            $"Generated demo data for {Stats.Count(profiles)} profiles (seed 42) in {Stats.Time(generated)}: {Stats.Count(events)} popup events, " +
            $"{Stats.Count(achievements)} goal achievements; database {Stats.Bytes(database.Size())}");
        summary.Add(section, $"demo data: {Stats.Count(profiles)} profiles (seed 42), every plugin; {Stats.Count(events)} popup events, {Stats.Count(achievements)} goal achievements", "—", $"generated in {Stats.Time(generated)}", "—");

        var same = true;
        foreach (var (id, document) in Segments())
        {
            engine.Save(document);
            Console.WriteLine();
            Console.WriteLine($"--- {id}");
            var plan = engine.GetPlan(id);
            foreach (var table in plan.Tables)
            {
                Console.WriteLine($"    {table.Describe()}");
            }

            same &= RecalculationMeasurement.Measure(engine, id, profiles, section, SqlRuns, at => Sql(id, at, database.Postgres), summary);

            // The rows alone: what the database and the driver cost for this plan, before any object or evaluation.
            var clock = new EvaluationClock(now.ToUnixTimeMilliseconds());
            var read = Stopwatch.StartNew();
            long rows = 0;
            using (var connection = engine.Database.Open())
            {
                foreach (var table in plan.Tables)
                {
                    rows += ReadAll(connection, table.Table.Name, table.Table.SubjectKeyColumn!, [.. table.Columns], table.WindowColumn, table.Resolve(clock));
                }
            }

            read.Stop();
            Console.WriteLine($"Rows alone: {Stats.Count(rows)} rows of the plan's tables and columns read in {Stats.Time(read.Elapsed)} (one ordered query per table, no evaluation)");
            summary.Add(section, $"\"{id}\": reading the plan's {Stats.Count(rows)} rows alone", Stats.Time(read.Elapsed), "—", "—");
        }

        RecalculationMeasurement.ReportPeakWorkingSet(summary, section, 10, "demo data generation and any earlier section");
        summary.Note(
            "Section 10: the popup segment reads popup_events (popup, event, time) in its 30-day window; the goal segment reads goal_achievements " +
            "(utm_source, pixel_data, time) in its window, pixel_data parsed once per loaded row. SQL: one hand-written COUNT per segment at the run's " +
            $"instant, median of {SqlRuns} after one warm-up. \"Rows alone\" reads the plan's rows with one query per table and no evaluation.");
        return same;
    }

    private static IEnumerable<(string Id, string Document)> Segments()
    {
        const string Popup = """{ "type": "weblayers.popup", "params": { "popup": "welcome-discount", "event": "opened", "operator": "at_least", "times": 2, "last_days": 30 } }""";
        const string Goal = """
            { "type": "goals.complex", "params": { "operator": "meets", "last_days": 30, "utm_source": ["email"],
              "data1_kind": "string", "data1_key": "plan", "data1_string_operator": "equals", "data1_string_value": "gold" } }
            """;
        yield return ("popup-opened-twice-30-days", Document("popup-opened-twice-30-days", Popup));
        yield return ("goal-email-gold-30-days", Document("goal-email-gold-30-days", Goal));
        yield return ("popup-and-goal", Document("popup-and-goal", Popup + ", " + Goal));
    }

    private static string Document(string id, string items) =>
        $$"""{ "schemaVersion": 1, "id": "{{id}}", "name": "{{id}}", "subject": "profile", "rules": { "op": "and", "items": [ {{items}} ] } }""";

    /// <summary>The hand-written equivalent of each segment (the demo's ids and labels are stored as documents spell them).</summary>
    private static SqlBaseline Sql(string id, long now, bool postgres)
    {
        var parameters = new Dictionary<string, object> { ["@now"] = now, ["@from"] = new EvaluationClock(now).DaysAgo(30) };
        const string Opened = "SELECT profile_id FROM popup_events WHERE popup_id = 'welcome-discount' AND event = 'opened' AND occurred_at BETWEEN @from AND @now GROUP BY profile_id HAVING COUNT(*) >= 2";
        var gold = postgres
            ? "jsonb_typeof(bench_try_jsonb(pixel_data) -> 'plan') = 'string' AND lower(trim(bench_try_jsonb(pixel_data) ->> 'plan')) = 'gold'"
            : "json_valid(pixel_data) AND json_type(pixel_data, '$.plan') = 'text' AND lower(trim(json_extract(pixel_data, '$.plan'))) = 'gold'";
        var goal = $"SELECT DISTINCT profile_id FROM goal_achievements WHERE achieved_at BETWEEN @from AND @now AND lower(trim(utm_source)) = 'email' AND {gold}";
        return id switch
        {
            "popup-opened-twice-30-days" => new SqlBaseline($"SELECT COUNT(*) FROM ({Opened}) AS opened", parameters,
                "at least 2 'opened' events of welcome-discount in [now - 30 days, now]"),
            "goal-email-gold-30-days" => new SqlBaseline($"SELECT COUNT(*) FROM ({goal}) AS goal", parameters,
                "an achievement in [now - 30 days, now] from utm_source email whose pixel_data.plan is the string gold (ignoring case)"),
            // Each side computed once (PostgreSQL otherwise re-runs the goal side per popup row and exceeds the command timeout).
            "popup-and-goal" => new SqlBaseline(
                $"WITH opened AS {(postgres ? "MATERIALIZED " : string.Empty)}({Opened}), goal AS {(postgres ? "MATERIALIZED " : string.Empty)}({goal}) " +
                "SELECT COUNT(*) FROM opened JOIN goal ON goal.profile_id = opened.profile_id",
                parameters,
                "both"),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id, "No hand-written SQL for this segment."),
        };
    }

    private static long ReadAll(DbConnection connection, string table, string key, string[] columns, string? windowColumn, (long? From, long? To) window)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (windowColumn is not null && window.From is { } from)
        {
            where.Add($"{windowColumn} >= @from");
            parameters.Add("from", from);
        }

        if (windowColumn is not null && window.To is { } to)
        {
            where.Add($"{windowColumn} <= @to");
            parameters.Add("to", to);
        }

        var sql = $"SELECT {string.Join(", ", columns.Prepend(key))} FROM {table}{(where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where))} ORDER BY {key}";
        using var reader = connection.ExecuteReader(sql, parameters);
        var values = new object[columns.Length + 1];
        long rows = 0;
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }
}
