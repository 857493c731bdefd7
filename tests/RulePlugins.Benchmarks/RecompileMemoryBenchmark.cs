using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 8, memory across recompiles: one segment saved again and again through <see cref="RuleEngine.Save(string)"/>
/// with a literal that changes every time (so every save generates, compiles, stores and loads a new version and
/// unloads the previous one). Every <see cref="SampleEvery"/> saves it samples, after full blocking collections, the
/// managed heap (<see cref="GC.GetTotalMemory(bool)"/>), the committed GC heap, the working set and the private bytes,
/// and counts the segment's load contexts still alive (<see cref="AssemblyLoadContext.All"/>, and weak references to
/// every version's context). Memory must level off: the figures of the last samples are compared with the first
/// sample after warm-up.
/// </summary>
internal static class RecompileMemoryBenchmark
{
    private const string Section = "8. Memory across recompiles";
    private const string SegmentId = "recompile-memory";
    private const int SampleEvery = 1_000;
    private const int WarmUpSaves = 200;

    /// <returns>False when load contexts of replaced versions stay alive, or the heap keeps growing.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        var recompiles = options.Recompiles;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 8: memory across {Stats.Count(recompiles)} recompiles of one segment (RuleEngine.Save, a changing literal)");
        Console.WriteLine("================================================================================");
        var path = temp.Database("recompile");
        var engineOptions = new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory };
        using var engine = new RuleEngine(catalog, Database.Sqlite(path), engineOptions, TimeProvider.System);
        engine.Initialize();
        var template = Examples.Find(engine, Examples.MoscowAdults);
        var contexts = new List<WeakReference>(recompiles + WarmUpSaves);

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < WarmUpSaves; i++)
        {
            contexts.Add(SaveAndTrack(engine, template, i));
        }

        var samples = new List<Sample> { Sample.Take(0, contexts, stopwatch.Elapsed) };
        Console.WriteLine($"After {WarmUpSaves} unmeasured saves (warm-up):");
        Console.WriteLine("| saves | managed heap after full GC | GC heap committed | working set | private bytes (before malloc_trim) | segment load contexts alive (All / weak refs) | time |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Print(samples[0]);
        stopwatch.Restart();
        for (var i = 1; i <= recompiles; i++)
        {
            contexts.Add(SaveAndTrack(engine, template, WarmUpSaves + i));
            if (i % SampleEvery == 0 || i == recompiles)
            {
                var sample = Sample.Take(i, contexts, stopwatch.Elapsed);
                samples.Add(sample);
                Print(sample);
            }
        }

        var first = samples[0];
        var last = samples[^1];

        // Growth per 1,000 saves over the second half of the run (after the heap has had time to settle).
        var half = samples.First(s => s.Saves >= recompiles / 2);
        var perThousand = last.Saves == half.Saves ? 0 : (last.ManagedHeap - half.ManagedHeap) * 1000.0 / (last.Saves - half.Saves);
        var workingPerThousand = last.Saves == half.Saves ? 0 : (last.WorkingSet - half.WorkingSet) * 1000.0 / (last.Saves - half.Saves);
        var maxAlive = samples.Max(s => s.AliveWeak);
        Console.WriteLine();
        Console.WriteLine(
            $"Managed heap: {Stats.Bytes(first.ManagedHeap)} after warm-up, {Stats.Bytes(last.ManagedHeap)} after {Stats.Count(last.Saves)} saves; " +
            $"second half {Mib(perThousand)} per 1,000 saves. Working set {Stats.Bytes(first.WorkingSet)} -> {Stats.Bytes(last.WorkingSet)} " +
            $"(second half {Mib(workingPerThousand)} per 1,000). Load contexts of the segment alive at a sample: at most {maxAlive}.");
        var levelled = maxAlive <= 2 && perThousand < 1024 * 1024;
        if (!levelled)
        {
            Console.Error.WriteLine("ERROR: memory did not level off (replaced versions' load contexts alive, or the managed heap grows by 1 MiB or more per 1,000 saves).");
        }

        var phases = Components(engine, template, Math.Min(3_000, recompiles));

        summary.Add(Section, $"managed heap after full GC, after {WarmUpSaves} saves / after {Stats.Count(last.Saves)} more", $"{Stats.Bytes(first.ManagedHeap)} / {Stats.Bytes(last.ManagedHeap)}", "—", $"{Mib(perThousand)} per 1,000 (2nd half)");
        summary.Add(Section, "working set, same points", $"{Stats.Bytes(first.WorkingSet)} / {Stats.Bytes(last.WorkingSet)}", "—", $"{Mib(workingPerThousand)} per 1,000 (2nd half)");
        summary.Add(Section, "segment load contexts alive at a sample (max)", maxAlive.ToString(System.Globalization.CultureInfo.InvariantCulture), "1 (the current version)", levelled ? "levelled" : "GROWING");
        summary.Add(Section, "save (validate, generate, compile, store, load), mean", Stats.Time(last.Elapsed / Math.Max(1, last.Saves)), "—", "—");
        foreach (var (name, growth) in phases)
        {
            summary.Add(Section, $"private bytes per 1,000, {name} alone", Mib(growth), "—", "—");
        }

        return levelled;
    }

    /// <summary>
    /// The parts of a save, each repeated alone, with the growth of private bytes per 1,000 repetitions: Roslyn
    /// compiling distinct sources (no load), loading compiled bytes into a new collectible context and unloading it
    /// (no compile), and storing a version (no compile, no load).
    /// </summary>
    private static List<(string Name, double Growth)> Components(RuleEngine engine, string template, int count)
    {
        Console.WriteLine();
        Console.WriteLine($"The parts of a save alone, {Stats.Count(count)} times each (private bytes after full GC and malloc_trim, before -> after, per 1,000):");
        var compiler = new Engine.Compilation.SegmentCompiler();
        var sources = Enumerable.Range(0, count)
            .Select(i => engine.Generate(Examples.Variant(template, SegmentId, "Moscow", $"Part {i:00000}")))
            .ToList();
        var bytes = sources.Take(50).Select(compiler.Compile).ToList();
        var phases = new List<(string Name, double Growth)>();
        phases.Add(Phase("Roslyn compile", count, i => compiler.Compile(sources[i])));
        phases.Add(Phase("load into a collectible context and unload", count, i =>
        {
            var compiled = Engine.Compilation.CompiledSegment.Load(sources[i % bytes.Count], i, "profile", bytes[i % bytes.Count]);
            compiled.Unload();
        }));
        var stored = engine.Store.GetVersion(SegmentId)!;
        phases.Add(Phase("store a version (SQLite)", count, i =>
            engine.Store.SaveVersion(SegmentId + "-store", "store", "profile", stored.Document.Replace("Moscow", $"Store {i:00000}", StringComparison.Ordinal), stored.Source, stored.Assembly, stored.Hash + i, i)));
        return phases;
    }

    private static (string Name, double Growth) Phase(string name, int count, Action<int> action)
    {
        var before = Private();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            action(i);
        }

        stopwatch.Stop();
        var after = Private();
        var growth = (after - before) * 1000.0 / count;
        Console.WriteLine($"  {name,-45} {Stats.Bytes(before)} -> {Stats.Bytes(after)}  {Mib(growth)} per 1,000  ({Stats.Time(stopwatch.Elapsed / count)} each)");
        return (name, growth);
    }

    private static long Private()
    {
        for (var i = 0; i < 4; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        NativeMemory.Trim();
        using var process = Process.GetCurrentProcess();
        return process.PrivateMemorySize64;
    }

    private static string Mib(double bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):+0.0;-0.0;0.0} MiB");

    private static void Print(Sample s) =>
        Console.WriteLine(
            $"| {Stats.Count(s.Saves)} | {Stats.Bytes(s.ManagedHeap)} | {Stats.Bytes(s.Committed)} | {Stats.Bytes(s.WorkingSet)} | {Stats.Bytes(s.PrivateBytes)} ({Stats.Bytes(s.UntrimmedPrivateBytes)}) | " +
            $"{s.AliveAll} / {s.AliveWeak} | {Stats.Time(s.Elapsed)} |");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference SaveAndTrack(RuleEngine engine, string template, int i)
    {
        var json = Examples.Variant(template, SegmentId, "Moscow", $"Moscow {i:00000}");
        var result = engine.Save(json);
        if (!result.Created)
        {
            throw new InvalidOperationException($"Save {i} did not create a new version.");
        }

        var assembly = engine.GetCompiled(SegmentId).Predicate.GetType().Assembly;
        return new WeakReference(AssemblyLoadContext.GetLoadContext(assembly));
    }

    private sealed record Sample(int Saves, long ManagedHeap, long Committed, long WorkingSet, long PrivateBytes, long UntrimmedPrivateBytes, int AliveAll, int AliveWeak, TimeSpan Elapsed)
    {
        public static Sample Take(int saves, List<WeakReference> contexts, TimeSpan elapsed)
        {
            for (var i = 0; i < 4; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            var managed = GC.GetTotalMemory(forceFullCollection: true);
            var untrimmed = Process.GetCurrentProcess().PrivateMemorySize64;
            NativeMemory.Trim();
            var committed = GC.GetGCMemoryInfo(GCKind.Any).TotalCommittedBytes;
            using var process = Process.GetCurrentProcess();
            var aliveAll = AssemblyLoadContext.All.Count(c => c.Name?.StartsWith(SegmentId + " v", StringComparison.Ordinal) == true);
            var aliveWeak = contexts.Count(c => c.IsAlive);
            return new Sample(saves, managed, committed, process.WorkingSet64, process.PrivateMemorySize64, untrimmed, aliveAll, aliveWeak, elapsed);
        }
    }
}

/// <summary>glibc's <c>malloc_trim</c>: returns the allocator's free memory to the system, so what stays is in use.</summary>
internal static class NativeMemory
{
    public static void Trim()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (EntryPointNotFoundException)
            {
                // Not glibc (musl): nothing to trim.
            }
            catch (DllNotFoundException)
            {
            }
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the benchmark project for one call.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
