using System.Data.Common;
using System.Diagnostics;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Recalculation;

namespace RulePlugins.Benchmarks;

/// <summary>The hand-written SQL a recalculation is compared with, and what it does at the edges.</summary>
internal sealed record SqlBaseline(string Sql, Dictionary<string, object> Parameters, string Semantics);

/// <summary>
/// What sections 3 and 5 share: demo data with progress, and one segment's recalculation (a first run, re-runs)
/// measured against hand-written SQL on the same database at the same instant, with equal member counts required.
/// </summary>
internal static class RecalculationMeasurement
{
    public const int ReRuns = 2;

    /// <summary>Prints and records the process's peak working set after a section; <paramref name="includes"/> says what it covers.</summary>
    public static void ReportPeakWorkingSet(Summary summary, string section, int number, string includes)
    {
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine();
        Console.WriteLine($"Process peak working set so far (Process.PeakWorkingSet64, includes {includes}): {Stats.Bytes(peak)}");
        summary.Add(section, $"process peak working set after section {number} (PeakWorkingSet64, whole process so far)", Stats.Bytes(peak), "—", "—");
    }

    /// <summary>Generates demo data for <paramref name="profiles"/> profiles, printing progress per quarter; returns the time taken.</summary>
    public static TimeSpan GenerateDemoData(RuleEngine engine, int profiles)
    {
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
        return stopwatch.Elapsed;
    }

    /// <summary>
    /// Recalculates <paramref name="id"/> once from an empty membership and <see cref="ReRuns"/> more times, runs the
    /// SQL <paramref name="sqlRuns"/> times after one warm-up at the first run's instant, prints and records the
    /// figures. Returns false when the member counts differ.
    /// </summary>
    public static bool Measure(
        RuleEngine engine, string id, int profiles, string section, int sqlRuns, Func<long, SqlBaseline> sqlAt, Summary summary)
    {
        // First run: the membership is empty, so every member is inserted and logged as entered.
        var (first, memory) = Recalculate(engine, id);
        Console.WriteLine(
            $"First run:  {Stats.Time(first.Duration)}, {Stats.Rate(first.ProfilesPerSecond)}, scanned {Stats.Count(first.Scanned)}, judged by the predicate {Stats.Count(first.Judged)}, " +
            $"members {Stats.Count(first.Members)} (+{Stats.Count(first.Entered)} / -{Stats.Count(first.Left)})");
        Console.WriteLine(
            $"            memory sampled from the Progress callback: managed heap max {Stats.Bytes(memory.MaxHeapSize)} (GCMemoryInfo.HeapSizeBytes), " +
            $"max {Stats.Bytes(memory.MaxTotalMemory)} (GC.GetTotalMemory; {Stats.Bytes(memory.BaselineTotalMemory)} before the run), " +
            $"working set max {Stats.Bytes(memory.MaxWorkingSet)}, {memory.Samples} samples");
        Console.WriteLine($"            phases: {Phases(first.Phases)}");

        var reRuns = Enumerable.Range(0, ReRuns).Select(_ => Recalculate(engine, id).Result).ToList();
        var reRun = Stats.Median(reRuns.Select(r => r.Duration));
        Console.WriteLine(
            $"Re-runs:    median {Stats.Time(reRun)} ({Stats.Rate(profiles / reRun.TotalSeconds)}) of {ReRuns}, " +
            $"members {string.Join(", ", reRuns.Select(r => Stats.Count(r.Members)))}, changes {string.Join(", ", reRuns.Select(r => $"+{r.Entered}/-{r.Left}"))}");
        Console.WriteLine($"            phases of the last re-run: {Phases(reRuns[^1].Phases)}");

        var baseline = sqlAt(first.At);
        var counts = new List<long>();
        var times = new List<TimeSpan>();
        for (var i = 0; i <= sqlRuns; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            counts.Add(Count(engine.Database, baseline.Sql, baseline.Parameters));
            if (i > 0)
            {
                times.Add(stopwatch.Elapsed);
            }
        }

        var sqlTime = Stats.Median(times);
        var sqlCount = counts[0];
        var stored = engine.MemberCount(id);
        Console.WriteLine($"SQL:        median {Stats.Time(sqlTime)} of {sqlRuns} after one warm-up: {Stats.OneLine(baseline.Sql)}");
        Console.WriteLine($"            {baseline.Semantics}");
        Console.WriteLine($"Members:    recalculation {Stats.Count(first.Members)}, stored membership {Stats.Count(stored)}, SQL {Stats.Count(sqlCount)}");
        var same = first.Members == sqlCount && stored == sqlCount && counts.All(c => c == sqlCount) && reRuns.All(r => r.Members == first.Members);
        if (!same)
        {
            Console.Error.WriteLine(
                $"ERROR: \"{id}\": the recalculation ({first.Members}; re-runs {string.Join(", ", reRuns.Select(r => r.Members))}; stored {stored}) " +
                $"and the SQL ({string.Join(", ", counts)}) differ. SQL semantics: {baseline.Semantics}");
        }

        Console.WriteLine();
        Console.WriteLine($"  recalculation (first run) / SQL = {Stats.Ratio(first.Duration, sqlTime)}");
        Console.WriteLine($"  recalculation (re-run) / SQL    = {Stats.Ratio(reRun, sqlTime)}");

        summary.Add(section, $"recalculate \"{id}\", first run ({Stats.Count(profiles)} profiles)", $"{Stats.Time(first.Duration)}, {Stats.Rate(first.ProfilesPerSecond)}", $"SQL {Stats.Time(sqlTime)}", Stats.Ratio(first.Duration, sqlTime));
        summary.Add(section, $"recalculate \"{id}\", re-run (median of {ReRuns})", $"{Stats.Time(reRun)}, {Stats.Rate(profiles / reRun.TotalSeconds)}", $"SQL {Stats.Time(sqlTime)}", Stats.Ratio(reRun, sqlTime));
        summary.Add(section, $"\"{id}\" phases, first run / last re-run (overlapping: ids and rows load while a batch is evaluated)", Phases(first.Phases), Phases(reRuns[^1].Phases), "—");
        summary.Add(section, $"\"{id}\" members (recalculation = SQL)", Stats.Count(first.Members), Stats.Count(sqlCount), same ? "equal" : "DIFFERENT");
        summary.Add(section, $"\"{id}\" first run: max managed heap (HeapSizeBytes / GetTotalMemory)", $"{Stats.Bytes(memory.MaxHeapSize)} / {Stats.Bytes(memory.MaxTotalMemory)}", $"before the run: {Stats.Bytes(memory.BaselineTotalMemory)}", "—");
        return same;
    }

    /// <summary>A run's phases in one line: "setup 3 ms, ids 40 ms, rows 310 ms, ...".</summary>
    private static string Phases(RecalculationPhases? phases) =>
        phases is null ? "—" : string.Join(", ", phases.Named.Select(p => $"{p.Name} {Stats.Time(p.Time)}"));

    private static (RecalculationResult Result, MemorySampler Memory) Recalculate(RuleEngine engine, string id)
    {
        Stats.Settle();
        var sampler = new MemorySampler();
        var result = engine.Recalculate(id, engine.Options.Recalculation with { Progress = sampler.Sample });
        sampler.SampleNow();
        return (result, sampler);
    }

    /// <summary>Runs a scalar SQL query (a hand-written COUNT) with named parameters.</summary>
    private static long Count(Database database, string sql, Dictionary<string, object> parameters)
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
