using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RulePlugins.Engine;
using RulePlugins.Engine.Compilation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;
using RulePlugins.Service.Security;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 7, compilation isolated from serving. The real <c>rulehost serve</c> runs as its own process (built in
/// Release beside the benchmark, its API key in <c>RuleHost__ApiKey</c>) and this process only drives load and measures,
/// so the driver's garbage collections are not the service's (<c>--in-process</c> runs the service here instead, as
/// section 6 does). <c>POST /order-segments/cart-three-products/evaluate</c> is driven closed-loop while a prober sends
/// <c>GET /health</c> every 10 ms from its own thread; first with no save (the baseline), then while N clients save
/// worst-case segments over HTTP (each save a new literal, so each compiles): the largest segment the default compile
/// budget admits, the 499-condition document (refused by the budget before Roslyn runs), and the 499-condition document
/// again on a service whose budget is raised so it compiles; for each compile isolation (thread, process). The service's
/// working set (and its compile workers') is read from /proc, its GC pauses from its runtime's GC events (EventPipe).
/// Before that, the cost of compiling by size (in this process), and the first save after start in fresh service
/// processes with and without the pre-warm.
/// </summary>
internal static class CompileIsolationBenchmark
{
    private const string Section = "7. Compilation isolation";
    private const int DemoProfiles = 100;
    private const int FirstSaveRuns = 3;
    private const int DefaultEvaluationConcurrency = 8;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HealthTarget = TimeSpan.FromMilliseconds(50);

    /// <returns>False when a request failed or answered an unexpected status.</returns>
    public static bool Run(string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        var duration = TimeSpan.FromSeconds(options.HttpSeconds);
        var concurrency = options.HttpConcurrencyGiven ? options.HttpConcurrency.Max() : DefaultEvaluationConcurrency;
        var isolations = options.Isolations ?? ["thread", "process"];
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 7: compilation isolated from serving ({options.Saves} concurrent savers, evaluation at C={concurrency}, {Stats.Time(duration)} per phase)");
        Console.WriteLine($" The service: {(options.InProcess ? "in this process (--in-process)" : "rulehost serve in its own process")}; isolation {string.Join(", ", isolations)}");
        Console.WriteLine("================================================================================");
        var defaults = new CompilationSettings();
        Console.WriteLine(
            $"Compilation defaults on this machine: MaxConcurrency {defaults.MaxConcurrency} ({Environment.ProcessorCount} cores), MaxQueueLength {defaults.MaxQueueLength}, " +
            $"QueueTimeout {defaults.QueueTimeout.TotalSeconds:0} s, budget {defaults.MaxConditions:N0} conditions / {defaults.MaxSourceCharacters:N0} characters, lower priority {defaults.LowerPriority}");

        var ok = true;
        foreach (var isolation in options.PhasesOnly ? [] : isolations)
        {
            ok &= FirstSaves(pluginDirectory, temp, isolation, summary);
        }

        // The database: demo reference data and the example order segments, as in section 6.
        var path = temp.Database("isolation");
        ExampleDocument order;
        bool matched;
        int budgetConditions;
        using (var engine = RuleEngine.Open(new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory }))
        {
            engine.GenerateDemoData(DemoProfiles, seed: 42);
            foreach (var json in Examples.OfSubject(engine, Plugins.Market.Data.MarketSubjects.Order))
            {
                engine.Save(json);
            }

            var orders = engine.ExampleDocuments().Where(d => d.Subject == Plugins.Market.Data.MarketSubjects.Order).ToList();
            order = orders.FirstOrDefault(o => engine.Evaluate(Examples.CartThreeProducts, o.Json).Matched) ?? orders[0];
            matched = engine.Evaluate(Examples.CartThreeProducts, order.Json).Matched;
            budgetConditions = options.PhasesOnly ? LargestWithinBudget(engine, defaults) : CostCurve(engine, defaults, summary);
        }

        var body = Encoding.UTF8.GetBytes(JsonNode.Parse(order.Json)!.ToJsonString());
        var phases = new List<PhaseResult>();
        foreach (var isolation in isolations)
        {
            string[] mode = [$"--RuleHost:Compilation:Isolation={isolation}", .. options.ServiceArguments ?? []];
            ok &= WithService(options, pluginDirectory, path, mode, isolation, phases, service =>
            {
                var evaluate = new LoadTarget($"POST /order-segments/{Examples.CartThreeProducts}/evaluate", HttpMethod.Post, new Uri(service.Address, $"/order-segments/{Examples.CartThreeProducts}/evaluate"), body, matched);
                using var driver = new HttpLoadDriver(service.ApiKey, ApiKeyMiddleware.HeaderName, concurrency);
                var warm = driver.Run(evaluate, concurrency, TimeSpan.FromSeconds(3), TimeSpan.Zero);
                phases.Add(Phase(isolation, "no save (baseline)", service, driver, evaluate, concurrency, duration, null));
                phases.Add(Phase(isolation, $"{options.Saves} clients saving {budgetConditions}-condition segments (the largest the default budget admits)", service, driver, evaluate, concurrency, duration,
                    new SaveLoad(options.Saves, budgetConditions, HttpStatusCode.OK)));
                phases.Add(Phase(isolation, $"{options.Saves} clients saving the {WorstCaseSegments.AtNodeLimit}-condition document (refused by the default budget; each client sends one a second)", service, driver, evaluate, concurrency, duration,
                    new SaveLoad(options.Saves, WorstCaseSegments.AtNodeLimit, HttpStatusCode.BadRequest)));
                return warm.Errors.Total == 0;
            });

            // The same document compiled: a service whose budget admits it.
            ok &= WithService(options, pluginDirectory, path, [.. mode, "--RuleHost:Compilation:MaxConditions=1000", "--RuleHost:Compilation:MaxSourceCharacters=50000000"], isolation, phases, service =>
            {
                var evaluate = new LoadTarget($"POST /order-segments/{Examples.CartThreeProducts}/evaluate", HttpMethod.Post, new Uri(service.Address, $"/order-segments/{Examples.CartThreeProducts}/evaluate"), body, matched);
                using var driver = new HttpLoadDriver(service.ApiKey, ApiKeyMiddleware.HeaderName, concurrency);
                var warm = driver.Run(evaluate, concurrency, TimeSpan.FromSeconds(3), TimeSpan.Zero);
                phases.Add(Phase(isolation, "no save (baseline, budget raised)", service, driver, evaluate, concurrency, duration, null));
                phases.Add(Phase(isolation, $"{options.Saves} clients saving the {WorstCaseSegments.AtNodeLimit}-condition document (budget raised: it compiles)", service, driver, evaluate, concurrency, duration,
                    new SaveLoad(options.Saves, WorstCaseSegments.AtNodeLimit, HttpStatusCode.OK)));
                return warm.Errors.Total == 0;
            });
        }

        ok &= phases.All(p => p.Evaluate.Errors.Total == 0 && p.Saves.Unexpected == 0);
        Report(phases, options.InProcess, summary);
        return ok;
    }

    /// <summary>
    /// The first save after start, each in a fresh <c>rulehost serve</c> process (<see cref="FirstSaveRuns"/> runs per mode):
    /// without the pre-warm, once the pre-warm has finished, and right after start while the pre-warm may still run.
    /// </summary>
    private static bool FirstSaves(string pluginDirectory, TempFolder temp, string isolation, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine($"First save after start, {isolation} isolation (PUT of a one-condition segment, a fresh rulehost serve each, {FirstSaveRuns} runs per mode; client warmed by GET /health first):");
        var ok = true;
        var medians = new Dictionary<string, (double Save, double Compile, double WarmUp, double WarmedAt)>();
        foreach (var mode in new[] { "cold", "after-warm-up", "immediately" })
        {
            var runs = new List<double[]>();
            for (var i = 0; i < FirstSaveRuns; i++)
            {
                try
                {
                    runs.Add(FirstSave(mode, isolation, pluginDirectory, temp.Path));
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
                {
                    Console.Error.WriteLine($"ERROR: the first save ({mode}, {isolation}) failed: {ex.Message}");
                    ok = false;
                }
            }

            if (runs.Count == 0)
            {
                continue;
            }

            double Median(int index) => Stats.Median(runs.Select(r => r[index]));
            medians[mode] = (Median(0), Median(1), Median(3), Median(2));
            Console.WriteLine(
                $"  {mode,-14} save {string.Join(" / ", runs.Select(r => Ms(r[0])))} (median {Ms(Median(0))}), compile median {Ms(Median(1))}" +
                (mode == "cold" ? string.Empty : $", pre-warm took {Ms(Median(3))}") + (mode == "after-warm-up" ? $" and was done {Ms(Median(2))} after the process was started" : string.Empty));
        }

        if (medians.TryGetValue("cold", out var cold))
        {
            summary.Add(Section, $"first save after start, {isolation} isolation, no pre-warm (fresh rulehost serve, median of 3)", $"{Ms(cold.Save)} (compile {Ms(cold.Compile)})", "—", "—");
            if (medians.TryGetValue("after-warm-up", out var warm))
            {
                summary.Add(Section, $"first save after start, {isolation} isolation, pre-warmed (background at start)", $"{Ms(warm.Save)} (compile {Ms(warm.Compile)}); pre-warm {Ms(warm.WarmUp)}", $"no pre-warm {Ms(cold.Save)}", Stats.Ratio(warm.Save / cold.Save));
            }

            if (medians.TryGetValue("immediately", out var immediate))
            {
                summary.Add(Section, $"first save right after start, {isolation} isolation, pre-warm still running", Ms(immediate.Save), $"no pre-warm {Ms(cold.Save)}", Stats.Ratio(immediate.Save / cold.Save));
            }
        }

        return ok;
    }

    /// <summary>One first save: [save ms, compile ms, pre-warm done after start ms, pre-warm took ms].</summary>
    private static double[] FirstSave(string mode, string isolation, string pluginDirectory, string folder)
    {
        var clock = Stopwatch.StartNew();
        using var service = ServiceUnderTest.Start(
            inProcess: false, pluginDirectory, Path.Combine(folder, $"first-save-{Guid.NewGuid():N}.db"),
            [$"--RuleHost:Compilation:Isolation={isolation}", $"--RuleHost:Compilation:PreWarm={mode != "cold"}"], waitUntilWarm: mode == "after-warm-up");
        var warmedAt = mode == "after-warm-up" ? clock.Elapsed.TotalMilliseconds : 0;
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add(ApiKeyMiddleware.HeaderName, service.ApiKey);
        client.GetAsync("/health").GetAwaiter().GetResult().EnsureSuccessStatusCode();
        const string document = """{ "schemaVersion": 1, "id": "first", "name": "First", "subject": "profile", "rules": { "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "equals", "value": "Moscow" } } ] } }""";
        var save = Stopwatch.StartNew();
        using var response = client.PutAsync("/segments/first", new StringContent(document, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
        save.Stop();
        var answer = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"the first save answered {(int)response.StatusCode}: {answer}");
        }

        var compile = JsonNode.Parse(answer)!["compileMilliseconds"]!.GetValue<double>();
        var state = service.CompilerState();
        var warmUp = state.StartsWith("warm (pre-warmed in ", StringComparison.Ordinal)
            ? double.Parse(state["warm (pre-warmed in ".Length..state.IndexOf(" ms)", StringComparison.Ordinal)], CultureInfo.InvariantCulture)
            : 0;
        return [save.Elapsed.TotalMilliseconds, compile, warmedAt, warmUp];
    }

    /// <summary>The most worst-case conditions (of the sizes the cost curve measures) the default budget admits, without compiling.</summary>
    private static int LargestWithinBudget(RuleEngine engine, CompilationSettings budget) =>
        new[] { 1, 10, 50, 100, 150, 200, 300, WorstCaseSegments.AtNodeLimit }
            .Where(c => c <= budget.MaxConditions && engine.Generate(WorstCaseSegments.Document($"cost-{c}", c, 0)).Text.Length <= budget.MaxSourceCharacters)
            .Max();

    /// <summary>
    /// Warm compile time by size (in process, SegmentCompiler alone, median of 3): conditions, document and source
    /// size. Returns the most conditions of this shape the default budget admits.
    /// </summary>
    private static int CostCurve(RuleEngine engine, CompilationSettings budget, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine(
            "Compile cost by size (worst-case market.orders conditions; warm, median of 3; the worker at normal priority like this thread; allocations are " +
            "this process's, so for the worker only what sending the request and reading the answer cost here):");
        Console.WriteLine("| conditions | document | generated source | validate: time, allocated | generate: time, allocated | compile in thread: time, allocated | compile in worker: time, allocated here | within the default budget |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        using var inThread = new SegmentCompiler();
        // Both at normal priority (the thread compile runs on this thread): the difference is the process boundary.
        using var inWorker = new SegmentCompiler(new CompilationSettings { Isolation = CompilationIsolation.Process, MaxConcurrency = 1, LowerPriority = false });
        foreach (var compiler in new[] { inThread, inWorker })
        {
            compiler.WarmUp(engine.Catalog.Plugins);
            _ = compiler.Compile(engine.Generate(WorstCaseSegments.Document("cost-warm-up", 5, 0)));
        }

        var largest = 1;
        foreach (var conditions in new[] { 1, 10, 50, 100, 150, 200, 300, WorstCaseSegments.AtNodeLimit })
        {
            var document = WorstCaseSegments.Document($"cost-{conditions}", conditions, 0);
            var bound = engine.Validator.Validate(document);
            var source = engine.Generate(document);
            var validate = Measure(() => engine.Validator.Validate(document));
            var generate = Measure(() => engine.Generate(document));
            var thread = Measure(() => inThread.Compile(source));
            var worker = Measure(() => inWorker.Compile(source));
            var within = conditions <= budget.MaxConditions && source.Text.Length <= budget.MaxSourceCharacters;
            if (within)
            {
                largest = Math.Max(largest, conditions);
            }

            // Generating includes validating (RuleEngine.Generate): the difference is the emitter's.
            Console.WriteLine(
                $"| {conditions} | {Encoding.UTF8.GetByteCount(document) / 1024.0:N0} KB | {source.Text.Length:N0} chars | {Stats.Time(validate.Time)}, {Stats.Bytes(validate.Allocated)} | " +
                $"{Stats.Time(generate.Time - validate.Time)}, {Stats.Bytes(generate.Allocated - validate.Allocated)} | {Stats.Time(thread.Time)}, {Stats.Bytes(thread.Allocated)} | " +
                $"{Stats.Time(worker.Time)}, {Stats.Bytes(worker.Allocated)} | {(within ? "yes" : "no: refused")} |");
            if (conditions is 1 or 150 or 200 or WorstCaseSegments.AtNodeLimit)
            {
                summary.Add(Section, $"warm compile, {conditions} worst-case conditions ({Encoding.UTF8.GetByteCount(document) / 1024.0:N0} KB document, {source.Text.Length:N0} chars of source): in thread / in worker",
                    $"{Stats.Time(thread.Time)}, {Stats.Bytes(thread.Allocated)} allocated / {Stats.Time(worker.Time)}, {Stats.Bytes(worker.Allocated)} allocated in the service",
                    $"validate {Stats.Time(validate.Time)}, {Stats.Bytes(validate.Allocated)}", within ? "within the default budget" : "refused by the default budget");
            }

            GC.KeepAlive(bound);
        }

        return largest;
    }

    private static bool WithService(BenchmarkOptions options, string pluginDirectory, string path, string[] arguments, string isolation, List<PhaseResult> phases, Func<ServiceUnderTest, bool> measure)
    {
        using var service = ServiceUnderTest.Start(options.InProcess, pluginDirectory, path, arguments, waitUntilWarm: true, options.ServiceEnvironment);
        Console.WriteLine();
        Console.WriteLine(
            $"Service {service.Kind} on {service.Address} ({string.Join(" ", arguments)}" +
            (options.ServiceEnvironment is { Count: > 0 } environment ? $"; environment {string.Join(" ", environment)}" : string.Empty) + $"); compiler: {service.CompilerState()}");
        var first = phases.Count;
        var ok = measure(service);
        if (service.PeakWorkingSet is { } peak)
        {
            Console.WriteLine($"  service process peak working set (VmHWM) over its life: {Stats.Bytes(peak)}");
            for (var i = first; i < phases.Count; i++)
            {
                phases[i] = phases[i] with { ServicePeak = peak };
            }
        }

        return ok;
    }

    private static PhaseResult Phase(
        string isolation, string name, ServiceUnderTest service, HttpLoadDriver driver, LoadTarget evaluate, int concurrency, TimeSpan duration, SaveLoad? saves)
    {
        Stats.Settle();
        using var stop = new CancellationTokenSource();
        var memory = new MemoryWatch(service);
        var health = new HealthProber(new Uri(service.Address, "/health"));
        var savers = saves is null ? null : new Savers(saves, service.Address, service.ApiKey);
        var started = DateTime.UtcNow;
        memory.Start(stop.Token);
        health.Start(stop.Token);
        savers?.Start(stop.Token);

        // With savers, let the queue fill before the evaluation's warm-up and measured span begin.
        if (savers is not null)
        {
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }

        var result = driver.Run(evaluate, concurrency, WarmUp, duration);
        stop.Cancel();
        health.Join();
        memory.Join();
        var ended = DateTime.UtcNow;
        var saveStats = savers?.Join() ?? new SaveStats(0, 0, 0, 0, []);

        // Whatever was still compiling finishes before the next phase; meanwhile the GC events of the phase arrive.
        var drain = Stopwatch.StartNew();
        while (service.PendingCompiles() > 0 && drain.Elapsed < TimeSpan.FromMinutes(5))
        {
            Thread.Sleep(100);
        }

        Thread.Sleep(TimeSpan.FromSeconds(Math.Max(0, 2 - drain.Elapsed.TotalSeconds)));
        var pauses = service.GcPauses.Between(started, ended);
        var phase = new PhaseResult(isolation, name, result, health.Latencies(), memory.MaxWorkingSet, memory.MaxWorkers, memory.MaxManaged, pauses, saveStats);
        Console.WriteLine(
            $"  [{isolation}] {name}: evaluate {Stats.Count(result.Requests)} requests, p50 {Stats.Time(result.Percentile(50))}, p99 {Stats.Time(result.Percentile(99))}, max {Stats.Time(result.Max)}; " +
            $"/health {phase.Health.Length} probes, p99 {Stats.Time(phase.HealthPercentile(99))}, max {Stats.Time(phase.HealthMax)}, over 50 ms {phase.Health.Count(h => h > HealthTarget)}; " +
            $"service working set max {Stats.Bytes(phase.MaxWorkingSet)}, workers {Stats.Bytes(phase.MaxWorkers)}; service GC: {phase.GcSummary}" +
            (saves is null ? string.Empty : $"; saves: {saveStats}") + $"; errors: {result.Errors}; machine load average {LoadAverage()}");
        return phase;
    }

    private static void Report(List<PhaseResult> phases, bool inProcess, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine($"Section 7 ({(inProcess ? "service in the benchmark process: its GC figures include the driver's" : "service as its own rulehost serve process")}):");
        Console.WriteLine("| Isolation | Phase | evaluate p50 | evaluate p99 | p99 / baseline p99 | evaluate max | /health p99 | /health max | service working set max (peak) | workers' working set max | service GC pauses (count, max, total) | saves (ok / busy 503 / refused 400; latency p50, max) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        PhaseResult? baseline = null;
        foreach (var phase in phases)
        {
            if (phase.Saves.Clients == 0)
            {
                baseline = phase;
            }

            var ratio = baseline is null ? 1 : phase.Evaluate.Percentile(99).TotalMicroseconds / baseline.Evaluate.Percentile(99).TotalMicroseconds;
            Console.WriteLine(
                $"| {phase.Isolation} | {phase.Name} | {Stats.Time(phase.Evaluate.Percentile(50))} | {Stats.Time(phase.Evaluate.Percentile(99))} | {Stats.Ratio(ratio)} | {Stats.Time(phase.Evaluate.Max)} | " +
                $"{Stats.Time(phase.HealthPercentile(99))} | {Stats.Time(phase.HealthMax)} | {Stats.Bytes(phase.MaxWorkingSet)}{(phase.ServicePeak is { } peak ? $" ({Stats.Bytes(peak)})" : string.Empty)} | {Stats.Bytes(phase.MaxWorkers)} | {phase.GcSummary} | " +
                (phase.Saves.Clients == 0 ? "—" : phase.Saves.ToString()) + " |");
            if (phase.Saves.Clients > 0 && baseline is not null)
            {
                var met = ratio <= 2 && phase.HealthMax <= HealthTarget;
                summary.Add(Section, $"[{phase.Isolation}] evaluate p99 and /health max while {phase.Name}",
                    $"p99 {Stats.Time(phase.Evaluate.Percentile(99))}, /health max {Stats.Time(phase.HealthMax)}, service working set max {Stats.Bytes(phase.MaxWorkingSet)}, GC {phase.GcSummary}; saves {phase.Saves}",
                    $"no save: p99 {Stats.Time(baseline.Evaluate.Percentile(99))}, /health max {Stats.Time(baseline.HealthMax)}, working set {Stats.Bytes(baseline.MaxWorkingSet)}",
                    $"p99 {Stats.Ratio(ratio)}; {(met ? "within 2× and 50 ms" : "TARGET MISSED (2× p99, 50 ms /health)")}");
            }
        }
    }

    /// <summary>The 1-minute load average (other work on the machine shows here), or "?" where /proc has none.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>The median time of three runs of <paramref name="work"/> and the bytes this process allocated in the last.</summary>
    private static (TimeSpan Time, long Allocated) Measure(Func<object> work)
    {
        var times = new List<TimeSpan>();
        long allocated = 0;
        for (var i = 0; i < 3; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            GC.KeepAlive(work());
            times.Add(stopwatch.Elapsed);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        return (Stats.Median(times), allocated);
    }

    private static string Ms(double milliseconds) => Stats.Time(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>What the savers of a phase send: how many clients, how many conditions, and the status each save should get.</summary>
    private sealed record SaveLoad(int Clients, int Conditions, HttpStatusCode Expected);

    private sealed record SaveStats(int Clients, long Succeeded, long Busy, long Refused, List<TimeSpan> Latencies)
    {
        public long Unexpected { get; init; }

        public override string ToString()
        {
            var sorted = Latencies.Order().ToList();
            var latency = sorted.Count == 0 ? "no save answered" : $"p50 {Stats.Time(sorted[sorted.Count / 2])}, max {Stats.Time(sorted[^1])}";
            return $"{Succeeded} / {Busy} / {Refused}; {latency}" + (Unexpected > 0 ? $"; {Unexpected} UNEXPECTED" : string.Empty);
        }
    }

    private sealed record PhaseResult(
        string Isolation, string Name, LoadResult Evaluate, TimeSpan[] Health, long MaxWorkingSet, long MaxWorkers, long MaxManaged, List<GcPause> GcPauses, SaveStats Saves)
    {
        public long? ServicePeak { get; init; }

        public TimeSpan HealthMax => Health.Length == 0 ? TimeSpan.Zero : Health[^1];

        public string GcSummary => GcPauses.Count == 0
            ? "none"
            : $"{GcPauses.Count}, max {Stats.Time(GcPauses.Max(p => p.Duration))} (gen {GcPauses.MaxBy(p => p.Duration).Generation}), " +
              $"total {Stats.Time(TimeSpan.FromTicks(GcPauses.Sum(p => p.Duration.Ticks)))}, over 20 ms {GcPauses.Count(p => p.Duration > TimeSpan.FromMilliseconds(20))}";

        public TimeSpan HealthPercentile(double percent) =>
            Health.Length == 0 ? TimeSpan.Zero : Health[Math.Clamp((int)Math.Ceiling(percent / 100 * Health.Length), 1, Health.Length) - 1];
    }

    /// <summary>Sends GET /health every 10 ms from a dedicated thread (not the thread pool) and records each latency.</summary>
    private sealed class HealthProber(Uri uri)
    {
        private readonly List<TimeSpan> _latencies = [];
        private Thread? _thread;
        private CancellationToken _stop;

        public void Start(CancellationToken stop)
        {
            _stop = stop;
            _thread = new Thread(Loop) { IsBackground = true, Name = "health-prober" };
            _thread.Start();
        }

        public void Join() => _thread!.Join();

        public TimeSpan[] Latencies() => [.. _latencies.Order()];

        private void Loop()
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
            while (!_stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                using (var response = client.Send(new HttpRequestMessage(HttpMethod.Get, uri)))
                {
                    using var stream = response.Content.ReadAsStream();
                    stream.CopyTo(Stream.Null);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        _latencies.Add(Stopwatch.GetElapsedTime(start));
                    }
                }

                _stop.WaitHandle.WaitOne(10);
            }
        }
    }

    /// <summary>Samples the service's working set, its workers' and (in process) the managed heap every 100 ms.</summary>
    private sealed class MemoryWatch(ServiceUnderTest service)
    {
        private Thread? _thread;

        public long MaxWorkingSet { get; private set; }

        public long MaxWorkers { get; private set; }

        public long MaxManaged { get; private set; }

        public void Start(CancellationToken stop)
        {
            _thread = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var sample = service.Sample();
                    MaxWorkingSet = Math.Max(MaxWorkingSet, sample.WorkingSet);
                    MaxWorkers = Math.Max(MaxWorkers, sample.WorkersWorkingSet);
                    MaxManaged = Math.Max(MaxManaged, sample.ManagedHeap);
                    stop.WaitHandle.WaitOne(100);
                }
            }) { IsBackground = true, Name = "memory-watch" };
            _thread.Start();
        }

        public void Join() => _thread!.Join();
    }

    /// <summary>N clients, each saving its own worst-case segment again and again with a new literal; a 503 waits Retry-After.</summary>
    private sealed class Savers(SaveLoad load, Uri address, string apiKey)
    {
        private readonly List<Task<SaveStats>> _tasks = [];

        public void Start(CancellationToken stop)
        {
            for (var i = 0; i < load.Clients; i++)
            {
                var id = $"worst-{load.Conditions}-{i}";
                var client = i;
                _tasks.Add(Task.Run(() => LoopAsync(id, client, stop)));
            }
        }

        public SaveStats Join()
        {
            var all = _tasks.Select(t => t.GetAwaiter().GetResult()).ToList();
            return new SaveStats(load.Clients, all.Sum(s => s.Succeeded), all.Sum(s => s.Busy), all.Sum(s => s.Refused), [.. all.SelectMany(s => s.Latencies)])
            {
                Unexpected = all.Sum(s => s.Unexpected),
            };
        }

        private async Task<SaveStats> LoopAsync(string id, int client, CancellationToken stop)
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Add(ApiKeyMiddleware.HeaderName, apiKey);
            long ok = 0, busy = 0, refused = 0, unexpected = 0;
            var latencies = new List<TimeSpan>();
            var variant = client * 1_000_000;
            while (!stop.IsCancellationRequested)
            {
                var document = WorstCaseSegments.Document(id, load.Conditions, variant++);
                var start = Stopwatch.GetTimestamp();
                HttpResponseMessage response;
                try
                {
                    response = await http.PutAsync($"/segments/{id}", new StringContent(document, Encoding.UTF8, "application/json"), stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                using (response)
                {
                    var elapsed = Stopwatch.GetElapsedTime(start);
                    switch (response.StatusCode)
                    {
                        case HttpStatusCode.OK or HttpStatusCode.Created:
                            ok++;
                            latencies.Add(elapsed);
                            unexpected += load.Expected == HttpStatusCode.OK ? 0 : 1;
                            break;
                        case HttpStatusCode.ServiceUnavailable:
                            busy++;
                            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                            try
                            {
                                await Task.Delay(wait, stop);
                            }
                            catch (OperationCanceledException)
                            {
                            }

                            break;
                        case HttpStatusCode.BadRequest:
                            refused++;
                            latencies.Add(elapsed);
                            unexpected += load.Expected == HttpStatusCode.BadRequest ? 0 : 1;

                            // A client told its document is refused sends the next one later, not at once: one a second.
                            try
                            {
                                await Task.Delay(TimeSpan.FromSeconds(1) - elapsed > TimeSpan.Zero ? TimeSpan.FromSeconds(1) - elapsed : TimeSpan.Zero, stop);
                            }
                            catch (OperationCanceledException)
                            {
                            }

                            break;
                        default:
                            unexpected++;
                            Console.Error.WriteLine($"ERROR: save of {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                            break;
                    }
                }
            }

            return new SaveStats(1, ok, busy, refused, latencies) { Unexpected = unexpected };
        }
    }
}
