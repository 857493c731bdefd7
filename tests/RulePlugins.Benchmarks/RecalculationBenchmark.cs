using System.Diagnostics;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Recalculation;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 3: end-to-end recalculation on a fresh SQLite database with demo data, against a hand-written SQL COUNT
/// with the same semantics on the same database.
/// </summary>
internal static class RecalculationBenchmark
{
    private const string Section = "3. Recalculation (SQLite)";
    private const int SqlRuns = 5;

    // 1980-01-01T00:00Z and 1996-01-01T00:00Z in Unix milliseconds ("to": 1995-12-31 includes the whole day).
    private static readonly long BornFrom = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long BornBefore = new DateTimeOffset(1996, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Runs the section; returns false when a member count differs from its SQL COUNT.</summary>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, int profiles, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 3: end-to-end recalculation on SQLite over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");
        var path = temp.Database("recalculation");
        var options = new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory };
        using var engine = new RuleEngine(catalog, Database.Sqlite(path), options, TimeProvider.System);
        engine.Initialize();

        var generated = RecalculationMeasurement.GenerateDemoData(engine, profiles);
        Console.WriteLine($"Generated demo data for {Stats.Count(profiles)} profiles (seed 42) in {Stats.Time(generated)}; database {Stats.Bytes(new FileInfo(path).Length)}");
        Console.WriteLine(
            $"Recalculation options: batch {Stats.Count(options.Recalculation.BatchSize)} profiles, evaluation on {options.Recalculation.MaxDegreeOfParallelism} thread(s); " +
            "one run = keyset-load ids and rows, evaluate the compiled predicate, stage members, replace the membership and write the entered/left log in one transaction.");

        var same = true;
        foreach (var id in new[] { Examples.MoscowAdults, Examples.BigCityWomenOrGmail })
        {
            var saved = engine.Save(Examples.Find(engine, id));
            Console.WriteLine();
            Console.WriteLine($"--- {id} (v{saved.Version}): {engine.GetCompiled(id).Plan.Tables[0].Describe()}");
            same &= RecalculationMeasurement.Measure(engine, id, profiles, Section, SqlRuns, now => Sql(id, now), summary);
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine();
        Console.WriteLine($"Process peak working set so far (Process.PeakWorkingSet64, includes demo data generation and section 2): {Stats.Bytes(peak)}");
        summary.Add(Section, "process peak working set after section 3 (PeakWorkingSet64, whole process so far)", Stats.Bytes(peak), "—", "—");
        summary.Note(
            "Section 3: the recalculation does more work than the SQL COUNT baseline: it reads every profile's row into objects, evaluates the compiled predicate " +
            $"per profile on all cores, stages the member ids, and replaces the membership with an entered/left log in one transaction. First run: every member is " +
            $"new (all 'entered' log rows written); re-runs: membership unchanged (median of {RecalculationMeasurement.ReRuns}). SQL COUNT: median of {SqlRuns} after one warm-up.");
        return same;
    }

    /// <summary>The hand-written equivalent of each example segment, and what it does at the edges.</summary>
    private static SqlBaseline Sql(string id, long nowUnixMilliseconds)
    {
        switch (id)
        {
            case Examples.MoscowAdults:
            {
                // Age >= 18 in full years on the run's UTC day <=> born on or before the same calendar day 18 years
                // earlier (AddYears maps 29 February to 28 February, as the age computation does).
                var today = DateTimeOffset.FromUnixTimeMilliseconds(nowUnixMilliseconds).UtcDateTime.Date;
                var cutoff = new DateTimeOffset(today.AddYears(-18).AddDays(1), TimeSpan.Zero).ToUnixTimeMilliseconds();
                return new SqlBaseline(
                    "SELECT COUNT(*) FROM profile_fields WHERE city = 'Moscow' COLLATE NOCASE AND birth_date IS NOT NULL AND birth_date < @adultBornBefore",
                    new() { ["@adultBornBefore"] = cutoff },
                    $"age >= 18 on {today:yyyy-MM-dd} (the first run's UTC day) <=> birth_date < {DateTimeOffset.FromUnixTimeMilliseconds(cutoff):yyyy-MM-dd} 00:00Z");
            }

            case Examples.BigCityWomenOrGmail:
                return new SqlBaseline(
                    """
                    SELECT COUNT(*) FROM profile_fields
                    WHERE (city COLLATE NOCASE IN ('Moscow', 'Saint Petersburg', 'Kazan') AND gender = 'female' COLLATE NOCASE
                           AND birth_date >= @bornFrom AND birth_date < @bornBefore)
                       OR email LIKE '%@gmail.%'
                    """,
                    new() { ["@bornFrom"] = BornFrom, ["@bornBefore"] = BornBefore },
                    "birth date in [1980-01-01, 1996-01-01) UTC; LIKE is case-insensitive for ASCII, like the engine's ordinal ignore-case contains");
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "No hand-written SQL for this segment.");
        }
    }
}
