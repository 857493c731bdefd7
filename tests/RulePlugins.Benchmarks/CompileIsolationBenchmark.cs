using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Engine;
using RulePlugins.Engine.Compilation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;
using RulePlugins.Service;
using RulePlugins.Service.Security;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 7, compilation isolated from serving. The host service runs in this process (as in section 6) and
/// <c>POST /order-segments/cart-three-products/evaluate</c> is driven closed-loop while a prober sends <c>GET /health</c>
/// every 10 ms from its own thread; first with no save (the baseline), then while N clients save worst-case segments
/// over HTTP (each save a new literal, so each compiles): the largest segment the default compile budget admits, the
/// 499-condition document (refused by the budget before Roslyn runs), and the 499-condition document again on a
/// service whose budget is raised so it compiles. Before that, the cost of compiling by size (in process), and the
/// first save after start in fresh processes with and without the pre-warm.
/// </summary>
internal static class CompileIsolationBenchmark
{
    public const string ChildSwitch = "--first-save-child";
    private const string Section = "7. Compilation isolation";
    private const int DemoProfiles = 100;
    private const int ChildRuns = 3;
    private const int DefaultEvaluationConcurrency = 8;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HealthTarget = TimeSpan.FromMilliseconds(50);

    /// <returns>False when a request failed or answered an unexpected status.</returns>
    public static bool Run(string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        var duration = TimeSpan.FromSeconds(options.HttpSeconds);
        var concurrency = options.HttpConcurrencyGiven ? options.HttpConcurrency.Max() : DefaultEvaluationConcurrency;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 7: compilation isolated from serving ({options.Saves} concurrent savers, evaluation at C={concurrency}, {Stats.Time(duration)} per phase)");
        Console.WriteLine("================================================================================");
        var defaults = new CompilationSettings();
        Console.WriteLine(
            $"Compilation defaults on this machine: MaxConcurrency {defaults.MaxConcurrency} ({Environment.ProcessorCount} cores), MaxQueueLength {defaults.MaxQueueLength}, " +
            $"QueueTimeout {defaults.QueueTimeout.TotalSeconds:0} s, budget {defaults.MaxConditions:N0} conditions / {defaults.MaxSourceCharacters:N0} characters, lower priority {defaults.LowerPriority}");

        var ok = true;
        ok &= FirstSaves(pluginDirectory, temp, summary);

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
            budgetConditions = CostCurve(engine, defaults, summary);
        }

        var body = Encoding.UTF8.GetBytes(JsonNode.Parse(order.Json)!.ToJsonString());
        var phases = new List<PhaseResult>();
        ok &= WithService(pluginDirectory, path, [], (engine, address, apiKey) =>
        {
            var evaluate = new LoadTarget($"POST /order-segments/{Examples.CartThreeProducts}/evaluate", HttpMethod.Post, new Uri(address, $"/order-segments/{Examples.CartThreeProducts}/evaluate"), body, matched);
            using var driver = new HttpLoadDriver(apiKey, ApiKeyMiddleware.HeaderName, concurrency);
            var warm = driver.Run(evaluate, concurrency, TimeSpan.FromSeconds(3), TimeSpan.Zero);
            var fine = warm.Errors.Total == 0;
            phases.Add(Phase("no save (baseline)", engine, driver, evaluate, concurrency, duration, address, apiKey, null));
            phases.Add(Phase($"{options.Saves} clients saving {budgetConditions}-condition segments (the largest the default budget admits)", engine, driver, evaluate, concurrency, duration, address, apiKey,
                new SaveLoad(options.Saves, budgetConditions, HttpStatusCode.OK)));
            phases.Add(Phase($"{options.Saves} clients saving the {WorstCaseSegments.AtNodeLimit}-condition document (refused by the default budget; each client sends one a second)", engine, driver, evaluate, concurrency, duration, address, apiKey,
                new SaveLoad(options.Saves, WorstCaseSegments.AtNodeLimit, HttpStatusCode.BadRequest)));
            return fine;
        });

        // The same document compiled: a service whose budget admits it.
        ok &= WithService(pluginDirectory, path, ["--RuleHost:Compilation:MaxConditions=1000", "--RuleHost:Compilation:MaxSourceCharacters=50000000"], (engine, address, apiKey) =>
        {
            var evaluate = new LoadTarget($"POST /order-segments/{Examples.CartThreeProducts}/evaluate", HttpMethod.Post, new Uri(address, $"/order-segments/{Examples.CartThreeProducts}/evaluate"), body, matched);
            using var driver = new HttpLoadDriver(apiKey, ApiKeyMiddleware.HeaderName, concurrency);
            var warm = driver.Run(evaluate, concurrency, TimeSpan.FromSeconds(3), TimeSpan.Zero);
            phases.Add(Phase("no save (baseline, budget raised)", engine, driver, evaluate, concurrency, duration, address, apiKey, null));
            phases.Add(Phase($"{options.Saves} clients saving the {WorstCaseSegments.AtNodeLimit}-condition document (budget raised: it compiles)", engine, driver, evaluate, concurrency, duration, address, apiKey,
                new SaveLoad(options.Saves, WorstCaseSegments.AtNodeLimit, HttpStatusCode.OK)));
            return warm.Errors.Total == 0;
        });

        ok &= phases.All(p => p.Evaluate.Errors.Total == 0 && p.Saves.Unexpected == 0);
        Report(phases, summary);
        return ok;
    }

    /// <summary>The child process of <see cref="FirstSaves"/>: starts the service, saves one small segment, prints the times.</summary>
    public static int RunChild(IReadOnlyList<string> args)
    {
        var mode = args[1];
        var pluginDirectory = args[2];
        var folder = args[3];
        var clock = Stopwatch.StartNew();
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var app = ServiceHost.Create(
        [
            "--urls", "http://127.0.0.1:0", $"--RuleHost:ApiKey={apiKey}", $"--RuleHost:Database:Path={Path.Combine(folder, $"first-save-{Guid.NewGuid():N}.db")}",
            $"--RuleHost:PluginDirectory={pluginDirectory}", "--RuleHost:Scheduling:Enabled=false", $"--RuleHost:Compilation:PreWarm={mode != "cold"}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        app.StartAsync().GetAwaiter().GetResult();
        var started = clock.Elapsed;
        try
        {
            var engine = app.Services.GetRequiredService<RuleEngine>();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var client = new HttpClient { BaseAddress = address };
            client.DefaultRequestHeaders.Add(ApiKeyMiddleware.HeaderName, apiKey);
            client.GetAsync("/health").GetAwaiter().GetResult().EnsureSuccessStatusCode();
            var warmedAfter = TimeSpan.Zero;
            if (mode == "after-warm-up")
            {
                engine.WarmUp!.GetAwaiter().GetResult();
                warmedAfter = clock.Elapsed;
            }

            const string document = """{ "schemaVersion": 1, "id": "first", "name": "First", "subject": "profile", "rules": { "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "equals", "value": "Moscow" } } ] } }""";
            var save = Stopwatch.StartNew();
            using var response = client.PutAsync("/segments/first", new StringContent(document, Encoding.UTF8, "application/json")).GetAwaiter().GetResult();
            save.Stop();
            var answer = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Console.Error.WriteLine($"first save answered {(int)response.StatusCode}: {answer}");
                return 1;
            }

            var compile = JsonNode.Parse(answer)!["compileMilliseconds"]!.GetValue<double>();
            var warmUp = engine.WarmUp is { IsCompletedSuccessfully: true } w ? w.Result.TotalMilliseconds : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FIRST-SAVE {save.Elapsed.TotalMilliseconds:0.0} {compile:0.0} {started.TotalMilliseconds:0.0} {warmedAfter.TotalMilliseconds:0.0} {warmUp:0.0}"));
            return 0;
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The first save after start, each in a fresh process (<see cref="ChildRuns"/> runs per mode): without the pre-warm,
    /// once the pre-warm has finished, and right after start while the pre-warm may still run.
    /// </summary>
    private static bool FirstSaves(string pluginDirectory, TempFolder temp, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine($"First save after start (PUT of a one-condition segment, fresh process each, {ChildRuns} runs per mode; client warmed by GET /health first):");
        var ok = true;
        var medians = new Dictionary<string, (double Save, double Compile, double WarmUp, double WarmedAt)>();
        foreach (var mode in new[] { "cold", "after-warm-up", "immediately" })
        {
            var runs = new List<double[]>();
            for (var i = 0; i < ChildRuns; i++)
            {
                if (Child(mode, pluginDirectory, temp.Path) is { } figures)
                {
                    runs.Add(figures);
                }
                else
                {
                    ok = false;
                }
            }

            if (runs.Count == 0)
            {
                continue;
            }

            double Median(int index) => Stats.Median(runs.Select(r => r[index]));
            medians[mode] = (Median(0), Median(1), Median(4), Median(3));
            Console.WriteLine(
                $"  {mode,-14} save {string.Join(" / ", runs.Select(r => Ms(r[0])))} (median {Ms(Median(0))}), Roslyn compile median {Ms(Median(1))}" +
                (mode == "cold" ? string.Empty : $", pre-warm took {Ms(Median(4))}") + (mode == "after-warm-up" ? $" and was done {Ms(Median(3))} after the process started" : string.Empty));
        }

        if (medians.TryGetValue("cold", out var cold))
        {
            summary.Add(Section, "first save after start, no pre-warm (fresh process, median of 3)", $"{Ms(cold.Save)} (compile {Ms(cold.Compile)})", "—", "—");
            if (medians.TryGetValue("after-warm-up", out var warm))
            {
                summary.Add(Section, "first save after start, pre-warmed (background at start)", $"{Ms(warm.Save)} (compile {Ms(warm.Compile)}); pre-warm {Ms(warm.WarmUp)}", $"no pre-warm {Ms(cold.Save)}", Stats.Ratio(warm.Save / cold.Save));
            }

            if (medians.TryGetValue("immediately", out var immediate))
            {
                summary.Add(Section, "first save right after start, pre-warm still running", Ms(immediate.Save), $"no pre-warm {Ms(cold.Save)}", Stats.Ratio(immediate.Save / cold.Save));
            }
        }

        return ok;
    }

    private static double[]? Child(string mode, string pluginDirectory, string folder)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CompileIsolationBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { ChildSwitch, mode, pluginDirectory, folder })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("FIRST-SAVE ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.Error.WriteLine($"ERROR: the first-save child ({mode}) exited {process.ExitCode}: {error.Trim()}");
            return null;
        }

        return [.. line["FIRST-SAVE ".Length..].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// Warm compile time by size (in process, SegmentCompiler alone, median of 3): conditions, document and source
    /// size. Returns the most conditions of this shape the default budget admits.
    /// </summary>
    private static int CostCurve(RuleEngine engine, CompilationSettings budget, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("Compile cost by size (worst-case market.orders conditions; warm, in process, SegmentCompiler.Compile alone, median of 3):");
        Console.WriteLine("| conditions | document | generated source | compile (warm) | allocated by the compile | within the default budget |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var compiler = new SegmentCompiler();
        compiler.WarmUp(engine.Catalog.Plugins);
        _ = compiler.Compile(engine.Generate(WorstCaseSegments.Document("cost-warm-up", 5, 0)));
        var largest = 1;
        foreach (var conditions in new[] { 1, 10, 50, 100, 150, 200, 300, WorstCaseSegments.AtNodeLimit })
        {
            var document = WorstCaseSegments.Document($"cost-{conditions}", conditions, 0);
            var source = engine.Generate(document);
            var times = new List<TimeSpan>();
            long allocated = 0;
            for (var i = 0; i < 3; i++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var stopwatch = Stopwatch.StartNew();
                _ = compiler.Compile(source);
                times.Add(stopwatch.Elapsed);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            var within = conditions <= budget.MaxConditions && source.Text.Length <= budget.MaxSourceCharacters;
            if (within)
            {
                largest = Math.Max(largest, conditions);
            }

            var median = Stats.Median(times);
            Console.WriteLine($"| {conditions} | {Encoding.UTF8.GetByteCount(document) / 1024.0:N0} KB | {source.Text.Length:N0} chars | {Stats.Time(median)} | {Stats.Bytes(allocated)} | {(within ? "yes" : "no: refused")} |");
            if (conditions is 1 or 200 or WorstCaseSegments.AtNodeLimit)
            {
                summary.Add(Section, $"warm compile, {conditions} worst-case conditions ({Encoding.UTF8.GetByteCount(document) / 1024.0:N0} KB document, {source.Text.Length:N0} chars of source)",
                    Stats.Time(median), "—", within ? "within the default budget" : "refused by the default budget");
            }
        }

        return largest;
    }

    private static bool WithService(string pluginDirectory, string path, string[] extra, Func<RuleEngine, Uri, string, bool> measure)
    {
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", $"--RuleHost:ApiKey={apiKey}", $"--RuleHost:Database:Path={path}", $"--RuleHost:PluginDirectory={pluginDirectory}",
            "--RuleHost:Scheduling:Enabled=false", .. extra,
        ];
        var app = ServiceHost.Create(args);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
            var engine = app.Services.GetRequiredService<RuleEngine>();
            engine.WarmUp?.GetAwaiter().GetResult();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            Console.WriteLine();
            Console.WriteLine($"Service on {address} ({(extra.Length == 0 ? "default compilation settings" : string.Join(" ", extra))}); compile queue: {engine.Compilation.Settings.MaxConcurrency} at a time, {engine.Compilation.Settings.MaxQueueLength} waiting");
            return measure(engine, address, apiKey);
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static PhaseResult Phase(
        string name, RuleEngine engine, HttpLoadDriver driver, LoadTarget evaluate, int concurrency, TimeSpan duration, Uri address, string apiKey, SaveLoad? saves)
    {
        Stats.Settle();
        using var stop = new CancellationTokenSource();
        var memory = new MemoryWatch();
        var health = new HealthProber(new Uri(address, "/health"));
        var savers = saves is null ? null : new Savers(saves, address, apiKey);
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen1Before = GC.CollectionCount(1);
        var gen2Before = GC.CollectionCount(2);
        memory.Start(stop.Token);
        health.Start(stop.Token);
        savers?.Start(stop.Token);

        // With savers, let the queue fill before the evaluation's warm-up and measured span begin.
        if (savers is not null)
        {
            Thread.Sleep(TimeSpan.FromSeconds(1));
        }

        var result = driver.Run(evaluate, concurrency, WarmUp, duration);
        var pauses = GC.GetTotalPauseDuration() - pauseBefore;
        var gcs = $"GC pauses {Stats.Time(pauses)} in all, {GC.CollectionCount(1) - gen1Before} gen1 / {GC.CollectionCount(2) - gen2Before} gen2 collections, longest recent pause {Stats.Time(memory.MaxPause)}";
        stop.Cancel();
        health.Join();
        memory.Join();
        var saveStats = savers?.Join() ?? new SaveStats(0, 0, 0, 0, []);

        // Whatever was still compiling finishes before the next phase.
        var drain = Stopwatch.StartNew();
        while (engine.Compilation.Pending > 0 && drain.Elapsed < TimeSpan.FromMinutes(5))
        {
            Thread.Sleep(100);
        }

        var phase = new PhaseResult(name, result, health.Latencies(), memory.MaxWorkingSet, memory.MaxManaged, memory.FirstWorkingSet, saveStats);
        Console.WriteLine(
            $"  {name}: evaluate {Stats.Count(result.Requests)} requests, p50 {Stats.Time(result.Percentile(50))}, p99 {Stats.Time(result.Percentile(99))}, max {Stats.Time(result.Max)}; " +
            $"/health {phase.Health.Length} probes, p99 {Stats.Time(phase.HealthPercentile(99))}, max {Stats.Time(phase.HealthMax)}; working set max {Stats.Bytes(phase.MaxWorkingSet)}" +
            (saves is null ? string.Empty : $"; saves: {saveStats}") + $"; {gcs}; errors: {result.Errors}");
        return phase;
    }

    private static void Report(List<PhaseResult> phases, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("| Phase | evaluate p50 | evaluate p99 | p99 / baseline p99 | evaluate max | /health p99 | /health max | working set max | managed heap max | saves (ok / busy 503 / refused 400; latency p50, max) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        PhaseResult? baseline = null;
        foreach (var phase in phases)
        {
            if (phase.Saves.Clients == 0)
            {
                baseline = phase;
            }

            var ratio = baseline is null ? 1 : phase.Evaluate.Percentile(99).TotalMicroseconds / baseline.Evaluate.Percentile(99).TotalMicroseconds;
            Console.WriteLine(
                $"| {phase.Name} | {Stats.Time(phase.Evaluate.Percentile(50))} | {Stats.Time(phase.Evaluate.Percentile(99))} | {Stats.Ratio(ratio)} | {Stats.Time(phase.Evaluate.Max)} | " +
                $"{Stats.Time(phase.HealthPercentile(99))} | {Stats.Time(phase.HealthMax)} | {Stats.Bytes(phase.MaxWorkingSet)} | {Stats.Bytes(phase.MaxManaged)} | " +
                (phase.Saves.Clients == 0 ? "—" : phase.Saves.ToString()) + " |");
            if (phase.Saves.Clients > 0 && baseline is not null)
            {
                var met = ratio <= 2 && phase.HealthMax <= HealthTarget;
                summary.Add(Section, $"evaluate p99 and /health max while {phase.Name}",
                    $"p99 {Stats.Time(phase.Evaluate.Percentile(99))}, /health max {Stats.Time(phase.HealthMax)}, working set max {Stats.Bytes(phase.MaxWorkingSet)}; saves {phase.Saves}",
                    $"no save: p99 {Stats.Time(baseline.Evaluate.Percentile(99))}, /health max {Stats.Time(baseline.HealthMax)}, working set {Stats.Bytes(baseline.MaxWorkingSet)}",
                    $"p99 {Stats.Ratio(ratio)}; {(met ? "within 2× and 50 ms" : "TARGET MISSED (2× p99, 50 ms /health)")}");
            }
        }
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

    private sealed record PhaseResult(string Name, LoadResult Evaluate, TimeSpan[] Health, long MaxWorkingSet, long MaxManaged, long FirstWorkingSet, SaveStats Saves)
    {
        public TimeSpan HealthMax => Health.Length == 0 ? TimeSpan.Zero : Health[^1];

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

    /// <summary>Samples the working set and the managed heap every 100 ms.</summary>
    private sealed class MemoryWatch
    {
        private Thread? _thread;

        public long MaxWorkingSet { get; private set; }

        public long MaxManaged { get; private set; }

        public long FirstWorkingSet { get; private set; }

        /// <summary>The longest GC pause among those the runtime reported while sampling.</summary>
        public TimeSpan MaxPause { get; private set; }

        public void Start(CancellationToken stop)
        {
            FirstWorkingSet = Environment.WorkingSet;
            _thread = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    MaxWorkingSet = Math.Max(MaxWorkingSet, Environment.WorkingSet);
                    MaxManaged = Math.Max(MaxManaged, GC.GetTotalMemory(forceFullCollection: false));
                    foreach (var kind in (GCKind[])[GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background])
                    {
                        foreach (var pause in GC.GetGCMemoryInfo(kind).PauseDurations)
                        {
                            MaxPause = pause > MaxPause ? pause : MaxPause;
                        }
                    }

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
