using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Recalculation;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 3: end-to-end recalculation on a fresh database with demo data (SQLite, or PostgreSQL with
/// <c>--provider postgresql</c>), against a hand-written SQL COUNT with the same semantics on the same database.
/// </summary>
internal static class RecalculationBenchmark
{
    private const int SqlRuns = 5;

    // 1980-01-01T00:00Z and 1996-01-01T00:00Z in Unix milliseconds ("to": 1995-12-31 includes the whole day).
    private static readonly long BornFrom = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long BornBefore = new DateTimeOffset(1996, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Runs the section; returns false when a member count differs from its SQL COUNT.</summary>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        using var database = SectionDatabase.Create(options, temp, "recalculation");
        var postgres = database.Postgres;
        var section = $"3. Recalculation ({database.Title})";
        var profiles = options.Profiles;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 3: end-to-end recalculation on {database.Title} over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");
        using var engine = database.CreateEngine(catalog, pluginDirectory, TimeProvider.System);
        var engineOptions = engine.Options;
        var generated = database.GenerateDemoData(engine, profiles);
        Console.WriteLine($"Generated demo data for {Stats.Count(profiles)} profiles (seed 42) in {Stats.Time(generated)}; database {Stats.Bytes(database.Size())}");
        Console.WriteLine(
            $"Recalculation options: batch {Stats.Count(engineOptions.Recalculation.BatchSize)} profiles, evaluation on {engineOptions.Recalculation.MaxDegreeOfParallelism} thread(s); " +
            "one run = keyset-load ids and rows, evaluate the compiled predicate, stage members, replace the membership and write the entered/left log in one transaction.");

        var same = true;
        foreach (var id in new[] { Examples.MoscowAdults, Examples.BigCityWomenOrGmail })
        {
            var saved = engine.Save(Examples.Find(engine, id));
            Console.WriteLine();
            Console.WriteLine($"--- {id} (v{saved.Version}): {engine.GetCompiled(id).Plan.Tables[0].Describe()}");
            same &= RecalculationMeasurement.Measure(engine, id, profiles, section, SqlRuns, now => Sql(id, now, postgres), summary);
        }

        RecalculationMeasurement.ReportPeakWorkingSet(summary, section, 3, "demo data generation and section 2");
        summary.Note(
            "Section 3: the recalculation does more work than the SQL COUNT baseline: it reads every profile's row into objects, evaluates the compiled predicate " +
            $"per profile on all cores, stages the member ids, and replaces the membership with an entered/left log in one transaction. First run: every member is " +
            $"new (all 'entered' log rows written); re-runs: membership unchanged (median of {RecalculationMeasurement.ReRuns}). SQL COUNT: median of {SqlRuns} after one warm-up.");
        return same;
    }

    /// <summary>The hand-written equivalent of each example segment, and what it does at the edges.</summary>
    private static SqlBaseline Sql(string id, long nowUnixMilliseconds, bool postgres)
    {
        var text = new IgnoreCase(postgres);
        switch (id)
        {
            case Examples.MoscowAdults:
            {
                // Age >= 18 in full years on the run's UTC day <=> born on or before the same calendar day 18 years
                // earlier (AddYears maps 29 February to 28 February, as the age computation does).
                var today = DateTimeOffset.FromUnixTimeMilliseconds(nowUnixMilliseconds).UtcDateTime.Date;
                var cutoff = new DateTimeOffset(today.AddYears(-18).AddDays(1), TimeSpan.Zero).ToUnixTimeMilliseconds();
                return new SqlBaseline(
                    $"SELECT COUNT(*) FROM profile_fields WHERE {text.Is("city", "Moscow")} AND birth_date IS NOT NULL AND birth_date < @adultBornBefore",
                    new() { ["@adultBornBefore"] = cutoff },
                    $"age >= 18 on {today:yyyy-MM-dd} (the first run's UTC day) <=> birth_date < {DateTimeOffset.FromUnixTimeMilliseconds(cutoff):yyyy-MM-dd} 00:00Z");
            }

            case Examples.BigCityWomenOrGmail:
                return new SqlBaseline(
                    $"""
                    SELECT COUNT(*) FROM profile_fields
                    WHERE ({text.In("city", "Moscow", "Saint Petersburg", "Kazan")} AND {text.Is("gender", "female")}
                           AND birth_date >= @bornFrom AND birth_date < @bornBefore)
                       OR {text.Like("email", "%@gmail.%")}
                    """,
                    new() { ["@bornFrom"] = BornFrom, ["@bornBefore"] = BornBefore },
                    "birth date in [1980-01-01, 1996-01-01) UTC; LIKE / ILIKE ignore case for ASCII, like the engine's ordinal ignore-case contains");
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "No hand-written SQL for this segment.");
        }
    }
}
