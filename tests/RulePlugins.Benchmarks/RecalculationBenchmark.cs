using System.Data.Common;
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
    private const int ReRuns = 2;
    private const int SqlRuns = 5;

    // 1980-01-01T00:00Z and 1996-01-01T00:00Z in Unix milliseconds ("to": 1995-12-31 includes the whole day).
    private static readonly long BornFrom = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long BornBefore = new DateTimeOffset(1996, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Runs the section; a member count that differs from its SQL COUNT is reported as a warning.</summary>
    public static void Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, int profiles, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 3: end-to-end recalculation on SQLite over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");
        var path = temp.Database("recalculation");
        var options = new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory };
        using var engine = new RuleEngine(catalog, Database.Sqlite(path), options, TimeProvider.System);
        engine.Initialize();

        var stopwatch = Stopwatch.StartNew();
        var lastReported = new Dictionary<string, int>(StringComparer.Ordinal);
        engine.GenerateDemoData(profiles, seed: 42, (stage, fraction) =>
        {
            var step = (int)(fraction * 4);
            if (!lastReported.TryGetValue(stage, out var last) || step > last)
            {
                lastReported[stage] = step;
                Console.WriteLine($"  demo data: {stage} {fraction:P0} ({Stats.Time(stopwatch.Elapsed)})");
            }
        });
        stopwatch.Stop();
        Console.WriteLine($"Generated demo data for {Stats.Count(profiles)} profiles (seed 42) in {Stats.Time(stopwatch.Elapsed)}; database {Stats.Bytes(new FileInfo(path).Length)}");
        Console.WriteLine(
            $"Recalculation options: batch {Stats.Count(options.Recalculation.BatchSize)} profiles, evaluation on {options.Recalculation.MaxDegreeOfParallelism} thread(s); " +
            "one run = keyset-load ids and rows, evaluate the compiled predicate, stage members, replace the membership and write the entered/left log in one transaction.");

        foreach (var id in new[] { Examples.MoscowAdults, Examples.BigCityWomenOrGmail })
        {
            var saved = engine.Save(Examples.Find(engine, id));
            Console.WriteLine();
            Console.WriteLine($"--- {id} (v{saved.Version}): {engine.GetCompiled(id).Plan.Tables[0].Describe()}");
            Measure(engine, id, profiles, summary);
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine();
        Console.WriteLine($"Process peak working set so far (Process.PeakWorkingSet64, includes demo data generation and section 2): {Stats.Bytes(peak)}");
        summary.Add(Section, "process peak working set after section 3 (PeakWorkingSet64, whole process so far)", Stats.Bytes(peak), "—", "—");
        summary.Note(
            "Section 3: the recalculation does more work than the SQL COUNT baseline: it reads every profile's row into objects, evaluates the compiled predicate " +
            $"per profile on all cores, stages the member ids, and replaces the membership with an entered/left log in one transaction. First run: every member is " +
            $"new (all 'entered' log rows written); re-runs: membership unchanged (median of {ReRuns}). SQL COUNT: median of {SqlRuns} after one warm-up.");
    }

    private static void Measure(RuleEngine engine, string id, int profiles, Summary summary)
    {
        // First run: the membership is empty, so every member is inserted and logged as entered.
        var (first, memory) = Recalculate(engine, id);
        Console.WriteLine(
            $"First run:  {Stats.Time(first.Duration)}, {Stats.Rate(first.ProfilesPerSecond)}, scanned {Stats.Count(first.Scanned)}, " +
            $"members {Stats.Count(first.Members)} (+{Stats.Count(first.Entered)} / -{Stats.Count(first.Left)})");
        Console.WriteLine(
            $"            memory sampled from the Progress callback: managed heap max {Stats.Bytes(memory.MaxHeapSize)} (GCMemoryInfo.HeapSizeBytes), " +
            $"max {Stats.Bytes(memory.MaxTotalMemory)} (GC.GetTotalMemory; {Stats.Bytes(memory.BaselineTotalMemory)} before the run), " +
            $"working set max {Stats.Bytes(memory.MaxWorkingSet)}, {memory.Samples} samples");

        var reRuns = new List<RecalculationResult>();
        for (var i = 0; i < ReRuns; i++)
        {
            var (result, _) = Recalculate(engine, id);
            reRuns.Add(result);
        }

        var reRun = Stats.Median(reRuns.Select(r => r.Duration));
        Console.WriteLine(
            $"Re-runs:    median {Stats.Time(reRun)} ({Stats.Rate(profiles / reRun.TotalSeconds)}) of {ReRuns}, " +
            $"members {string.Join(", ", reRuns.Select(r => Stats.Count(r.Members)))}, changes {string.Join(", ", reRuns.Select(r => $"+{r.Entered}/-{r.Left}"))}");

        // The hand-written SQL, against the same "now" as the first run.
        var (sql, parameters, semantics) = Sql(id, first.At);
        var counts = new List<long>();
        var times = new List<TimeSpan>();
        for (var i = 0; i <= SqlRuns; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var count = Count(engine.Database, sql, parameters);
            stopwatch.Stop();
            counts.Add(count);
            if (i > 0)
            {
                times.Add(stopwatch.Elapsed);
            }
        }

        var sqlTime = Stats.Median(times);
        var sqlCount = counts[0];
        var stored = engine.MemberCount(id);
        Console.WriteLine($"SQL COUNT:  median {Stats.Time(sqlTime)} of {SqlRuns} after one warm-up: {Stats.OneLine(sql)}");
        Console.WriteLine($"            {semantics}");
        Console.WriteLine($"Members:    recalculation {Stats.Count(first.Members)}, stored membership {Stats.Count(stored)}, SQL COUNT {Stats.Count(sqlCount)}");
        var same = first.Members == sqlCount && stored == sqlCount && counts.All(c => c == sqlCount) && reRuns.All(r => r.Members == first.Members);
        if (!same)
        {
            Console.WriteLine(
                $"WARNING: the recalculation ({first.Members}) and the SQL COUNT ({sqlCount}) differ. Possible semantic edges: SQLite NOCASE folds ASCII only " +
                "while the engine ignores case with ordinal Unicode rules; LIKE is ASCII case-insensitive; age is computed from the run's instant, so a run " +
                "crossing UTC midnight could move birthdays on the boundary.");
        }

        Console.WriteLine();
        Console.WriteLine($"  recalculation (first run) / SQL COUNT = {Stats.Ratio(first.Duration, sqlTime)}");
        Console.WriteLine($"  recalculation (re-run) / SQL COUNT    = {Stats.Ratio(reRun, sqlTime)}");
        Console.WriteLine("  (the recalculation does more work: it materializes rows, evaluates the predicate per profile, writes the membership and the log)");

        summary.Add(Section, $"recalculate \"{id}\", first run ({Stats.Count(profiles)} profiles)", $"{Stats.Time(first.Duration)}, {Stats.Rate(first.ProfilesPerSecond)}", $"SQL COUNT {Stats.Time(sqlTime)}", Stats.Ratio(first.Duration, sqlTime));
        summary.Add(Section, $"recalculate \"{id}\", re-run (median of {ReRuns})", $"{Stats.Time(reRun)}, {Stats.Rate(profiles / reRun.TotalSeconds)}", $"SQL COUNT {Stats.Time(sqlTime)}", Stats.Ratio(reRun, sqlTime));
        summary.Add(Section, $"\"{id}\" members (recalculation = SQL COUNT)", Stats.Count(first.Members), Stats.Count(sqlCount), same ? "equal" : "DIFFERENT");
        summary.Add(Section, $"\"{id}\" first run: max managed heap (HeapSizeBytes / GetTotalMemory)", $"{Stats.Bytes(memory.MaxHeapSize)} / {Stats.Bytes(memory.MaxTotalMemory)}", $"before the run: {Stats.Bytes(memory.BaselineTotalMemory)}", "—");
    }

    private static (RecalculationResult Result, MemorySampler Memory) Recalculate(RuleEngine engine, string id)
    {
        Stats.Settle();
        var sampler = new MemorySampler();
        var result = engine.Recalculate(id, engine.Options.Recalculation with { Progress = sampler.Sample });
        sampler.SampleNow();
        return (result, sampler);
    }

    /// <summary>The hand-written equivalent of each example segment, and what it does at the edges.</summary>
    private static (string Sql, Dictionary<string, object> Parameters, string Semantics) Sql(string id, long nowUnixMilliseconds)
    {
        switch (id)
        {
            case Examples.MoscowAdults:
            {
                // Age >= 18 in full years on the run's UTC day <=> born on or before the same calendar day 18 years
                // earlier (AddYears maps 29 February to 28 February, as the age computation does).
                var today = DateTimeOffset.FromUnixTimeMilliseconds(nowUnixMilliseconds).UtcDateTime.Date;
                var cutoff = new DateTimeOffset(today.AddYears(-18).AddDays(1), TimeSpan.Zero).ToUnixTimeMilliseconds();
                return (
                    "SELECT COUNT(*) FROM profile_fields WHERE city = 'Moscow' COLLATE NOCASE AND birth_date IS NOT NULL AND birth_date < @adultBornBefore",
                    new() { ["@adultBornBefore"] = cutoff },
                    $"age >= 18 on {today:yyyy-MM-dd} (the first run's UTC day) <=> birth_date < {DateTimeOffset.FromUnixTimeMilliseconds(cutoff):yyyy-MM-dd} 00:00Z");
            }

            case Examples.BigCityWomenOrGmail:
                return (
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

    /// <summary>Runs a scalar SQL query (a hand-written COUNT) with named parameters.</summary>
    internal static long Count(Database database, string sql, Dictionary<string, object> parameters)
    {
        using DbConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
