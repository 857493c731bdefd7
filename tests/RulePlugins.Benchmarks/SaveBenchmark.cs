using System.Diagnostics;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Store;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 2, save latency: the first save of the process (cold: Roslyn not yet JIT-ed), warm saves of distinct
/// documents, and loading the stored assemblies into a new engine without compiling.
/// </summary>
internal static class SaveBenchmark
{
    private const string Section = "2. Save latency";
    private const int WarmUpSaves = 3;
    private const int WarmSaves = 20;
    private const int LoadRounds = 5;

    public static void Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine(" Section 2: save latency (validate + generate + Roslyn compile + store)");
        Console.WriteLine("================================================================================");
        var path = temp.Database("save");
        var options = new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory };
        var database = Database.Sqlite(path);

        TimeSpan coldTotal;
        SaveResult cold;
        var warmCompile = new List<TimeSpan>();
        var warmTotal = new List<TimeSpan>();
        using (var engine = new RuleEngine(catalog, database, options, TimeProvider.System))
        {
            engine.Initialize();
            var document = Examples.Find(engine, Examples.BigCityWomenOrGmail);

            // Cold: nothing has compiled in this process yet.
            var stopwatch = Stopwatch.StartNew();
            cold = engine.Save(document);
            stopwatch.Stop();
            coldTotal = stopwatch.Elapsed;
            Console.WriteLine($"Cold save (first in the process) of '{cold.Id}': total {Stats.Time(coldTotal)}, of which Roslyn compile {Stats.Time(cold.CompileTime)}");

            // Warm: distinct documents (another city value each), so every save validates, compiles and stores anew.
            for (var i = 1; i <= WarmUpSaves + WarmSaves; i++)
            {
                var warmUp = i <= WarmUpSaves;
                var id = warmUp ? $"bench-warm-up-{i:00}" : $"bench-save-{i - WarmUpSaves:00}";
                var variant = Examples.Variant(document, id, "Moscow", $"Moscow {i:00}");
                stopwatch.Restart();
                var result = engine.Save(variant);
                stopwatch.Stop();
                if (!result.Created)
                {
                    throw new InvalidOperationException($"Save of '{id}' did not create a new version.");
                }

                if (!warmUp)
                {
                    warmCompile.Add(result.CompileTime);
                    warmTotal.Add(stopwatch.Elapsed);
                }
            }

            // The load below must not compile: every stored hash must match what the engine would compute now.
            var stale = engine.Segments().Count(s =>
            {
                var stored = engine.Store.GetVersion(s.Id)!;
                return SegmentHasher.Hash(engine.Generate(stored.Document)) != stored.Hash;
            });
            if (stale > 0)
            {
                Console.WriteLine($"WARNING: {stale} stored segment(s) have a stale hash and will be recompiled on load.");
            }
        }

        var medianCompile = Stats.Median(warmCompile);
        var medianTotal = Stats.Median(warmTotal);
        Console.WriteLine(
            $"Warm saves ({WarmSaves} distinct documents after {WarmUpSaves} unmeasured): median total {Stats.Time(medianTotal)} " +
            $"(min {Stats.Time(warmTotal.Min())}, max {Stats.Time(warmTotal.Max())}), median Roslyn compile {Stats.Time(medianCompile)} " +
            $"(min {Stats.Time(warmCompile.Min())}, max {Stats.Time(warmCompile.Max())})");

        // Load from store: a new engine over the same database and catalog. Initialize() migrates (a no-op here) and
        // loads every stored assembly whose hash matches, without compiling.
        var initializeTimes = new List<TimeSpan>();
        var segments = 0;
        for (var round = 0; round < LoadRounds; round++)
        {
            using var engine = new RuleEngine(catalog, Database.Sqlite(path), options, TimeProvider.System);
            var stopwatch = Stopwatch.StartNew();
            engine.Initialize();
            stopwatch.Stop();
            initializeTimes.Add(stopwatch.Elapsed);
            var list = engine.Segments();
            segments = list.Count;
            var notReady = list.Where(s => s.Status != SegmentStatus.Ready).ToList();
            if (notReady.Count > 0)
            {
                throw new InvalidOperationException($"Segments not ready after Initialize(): {string.Join(", ", notReady.Select(s => $"{s.Id} ({s.StatusReason})"))}");
            }
        }

        // The same, one segment at a time: GetCompiled on an engine that has not loaded anything yet loads that
        // segment from the store (validate + generate + hash check + load the stored bytes).
        var perSegment = new List<TimeSpan>();
        for (var round = 0; round < LoadRounds; round++)
        {
            using var engine = new RuleEngine(catalog, Database.Sqlite(path), options, TimeProvider.System);
            var ids = engine.Segments().Select(s => s.Id).ToList();
            foreach (var id in ids)
            {
                var stopwatch = Stopwatch.StartNew();
                _ = engine.GetCompiled(id);
                stopwatch.Stop();
                if (round > 0)
                {
                    perSegment.Add(stopwatch.Elapsed);
                }
            }
        }

        var initializeMedian = Stats.Median(initializeTimes);
        var initializePerSegment = initializeMedian / segments;
        var perSegmentMedian = Stats.Median(perSegment);
        Console.WriteLine(
            $"Load from store: Initialize() of a new engine over {segments} stored segments: median {Stats.Time(initializeMedian)} of {LoadRounds} rounds " +
            $"(first {Stats.Time(initializeTimes[0])}) = {Stats.Time(initializePerSegment)} per segment");
        Console.WriteLine($"Load from store, one segment at a time (GetCompiled on a fresh engine, rounds 2-{LoadRounds}): median {Stats.Time(perSegmentMedian)} per segment");
        Console.WriteLine();
        Console.WriteLine($"  warm compile / cold compile   = {Stats.Ratio(medianCompile, cold.CompileTime)}");
        Console.WriteLine($"  warm save / cold save (total) = {Stats.Ratio(medianTotal, coldTotal)}");
        Console.WriteLine($"  load per segment / warm save  = {Stats.Ratio(initializePerSegment, medianTotal)} (Initialize()/segments), {Stats.Ratio(perSegmentMedian, medianTotal)} (one at a time)");

        summary.Add(Section, "first save in the process (cold: Roslyn not JIT-ed), total", Stats.Time(coldTotal), "—", "—");
        summary.Add(Section, "first save, Roslyn compile part", Stats.Time(cold.CompileTime), "—", "—");
        summary.Add(Section, $"warm save, Roslyn compile (median of {WarmSaves})", Stats.Time(medianCompile), $"cold compile {Stats.Time(cold.CompileTime)}", Stats.Ratio(medianCompile, cold.CompileTime));
        summary.Add(Section, $"warm save, total (median of {WarmSaves})", Stats.Time(medianTotal), $"cold save {Stats.Time(coldTotal)}", Stats.Ratio(medianTotal, coldTotal));
        summary.Add(Section, $"load from store, Initialize() / {segments} segments (no compile)", Stats.Time(initializePerSegment), $"warm save {Stats.Time(medianTotal)}", Stats.Ratio(initializePerSegment, medianTotal));
        summary.Add(Section, "load from store, one segment (median)", Stats.Time(perSegmentMedian), $"warm save {Stats.Time(medianTotal)}", Stats.Ratio(perSegmentMedian, medianTotal));
    }
}
