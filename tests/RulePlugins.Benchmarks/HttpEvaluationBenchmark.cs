using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Engine;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;
using RulePlugins.Service;
using RulePlugins.Service.Security;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 6: the real-time order evaluation endpoint under load. The host service runs in this process on a
/// loopback port (Kestrel) over a SQLite database holding the market plugin's example order segments; a closed-loop
/// <see cref="HttpLoadDriver"/> posts one example order at several concurrency levels and checks every answer
/// against the in-process one. Baselines from the same run: the same order through
/// <see cref="RuleEngine.Evaluate(string, string, bool)"/> on one thread, and <c>GET /health</c> with the same driver.
/// </summary>
internal static class HttpEvaluationBenchmark
{
    private const string Section = "6. Order evaluation over HTTP";
    private const int DemoProfiles = 100;
    private const int InProcessIterations = 20_000;
    private const int WarmUpPasses = 2;
    private const int MeasuredPasses = 7;
    private const int ExplainConcurrency = 8;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstWarmUp = TimeSpan.FromSeconds(3);

    /// <returns>False when a request failed, answered other than 200, or disagreed with the in-process answer.</returns>
    public static bool Run(string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        var duration = TimeSpan.FromSeconds(options.HttpSeconds);
        var levels = options.HttpConcurrency;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 6: order evaluation over HTTP (in-process Kestrel on loopback), {string.Join("/", levels)} concurrent, {Stats.Time(duration)} per level");
        Console.WriteLine("================================================================================");
        Console.WriteLine(
            $"NOTE: {Environment.ProcessorCount} cores shared by the driver and the service (one process, one thread pool, one GC): " +
            "the figures are the service's throughput with a client on the same machine, not its throughput alone.");
        var loadBefore = LoadAverage();

        // 1. The database: demo reference data (currency rates, channels, categories) and the example order segments.
        var path = temp.Database("http");
        var stopwatch = Stopwatch.StartNew();
        string[] segments;
        ExampleDocument[] orders;
        var expected = new Dictionary<(string Segment, string Order), bool>();
        using (var engine = RuleEngine.Open(new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory }))
        {
            engine.GenerateDemoData(DemoProfiles, seed: 42);
            segments = [.. Examples.OfSubject(engine, Plugins.Market.Data.MarketSubjects.Order).Select(json => engine.Save(json).Id)];
            orders = [.. engine.ExampleDocuments().Where(d => d.Subject == Plugins.Market.Data.MarketSubjects.Order)];
            foreach (var segment in segments)
            {
                foreach (var order in orders)
                {
                    expected[(segment, order.Name)] = engine.Evaluate(segment, order.Json).Matched;
                }
            }
        }

        stopwatch.Stop();
        Console.WriteLine(
            $"Database {path}: demo data for {DemoProfiles} profiles (order evaluation reads only the reference data), order segments {string.Join(", ", segments)}; " +
            $"example orders {string.Join(", ", orders.Select(o => $"\"{o.Name}\""))}; prepared in {Stats.Time(stopwatch.Elapsed)}");
        if (!segments.Contains(Examples.CartThreeProducts) || orders.Length == 0)
        {
            Console.Error.WriteLine($"ERROR: the market plugin's example order segment '{Examples.CartThreeProducts}' or its example orders are missing.");
            return false;
        }

        foreach (var ((segment, order), matched) in expected)
        {
            Console.WriteLine($"  in process: {segment,-24} \"{order}\" -> matched {matched}");
        }

        // The measured order: the one "cart-three-products" matches (every condition of the tree is evaluated).
        var loadOrder = orders.FirstOrDefault(o => expected[(Examples.CartThreeProducts, o.Name)]) ?? orders[0];

        // 2. The real service, in this process.
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--RuleHost:ApiKey={apiKey}",
            $"--RuleHost:Database:Path={path}",
            $"--RuleHost:PluginDirectory={pluginDirectory}",
            "--RuleHost:Scheduling:Enabled=false",
        ];
        stopwatch.Restart();
        var app = ServiceHost.Create(args);
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
            stopwatch.Stop();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine(
                $"Service started in {Stats.Time(stopwatch.Elapsed)} on {address} (ServiceHost.Create, as `rulehost serve`; " +
                $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; framework request logging at Warning)");
            var measurement = new Measurement(app.Services.GetRequiredService<RuleEngine>(), new Uri(address), apiKey, loadOrder, expected, options, summary);
            var ok = measurement.Run(segments, orders, temp.Path);

            // Other work on the machine competes for the same cores: say how busy it was.
            if (loadBefore is not null && LoadAverage() is { } loadAfter)
            {
                Console.WriteLine($"Load average (1, 5, 15 min; /proc/loadavg) before the section: {loadBefore}; after: {loadAfter}");
                summary.Note($"Section 6: load average (1, 5, 15 min) before {loadBefore}, after {loadAfter}, on {Environment.ProcessorCount} cores.");
            }

            return ok;
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The first three fields of /proc/loadavg, or null where there is none.</summary>
    private static string? LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

        private static string PerSecond(double value) => value.ToString("N0", CultureInfo.InvariantCulture) + " req/s";

    private static string Micro(double microseconds) => string.Create(CultureInfo.InvariantCulture, $"{microseconds:0.00} µs");

    /// <summary>How many times <paramref name="microseconds"/> the duration is.</summary>
    private static double Over(this TimeSpan value, double microseconds) => value.TotalMicroseconds / microseconds;

    /// <summary>The measurements against a started service.</summary>
    private sealed class Measurement(
        RuleEngine engine, Uri address, string apiKey, ExampleDocument order, Dictionary<(string Segment, string Order), bool> expected, BenchmarkOptions options, Summary summary)
    {
        private readonly string _segment = Examples.CartThreeProducts;
        private readonly TimeSpan _duration = TimeSpan.FromSeconds(options.HttpSeconds);
        private readonly bool _matched = expected[(Examples.CartThreeProducts, order.Name)];

        public bool Run(string[] segments, ExampleDocument[] orders, string folder)
        {
            var ok = true;

            // The service's engine answers as the engine that prepared the database did.
            foreach (var ((segment, name), matched) in expected)
            {
                var json = orders.First(o => o.Name == name).Json;
                if (engine.Evaluate(segment, json).Matched != matched)
                {
                    Console.Error.WriteLine($"ERROR: the service's engine answers {!matched} for {segment} on \"{name}\", the preparing engine {matched}.");
                    ok = false;
                }
            }

            var compact = JsonNode.Parse(order.Json)!.ToJsonString();
            using var driver = new HttpLoadDriver(apiKey, ApiKeyMiddleware.HeaderName, options.HttpConcurrency.Max());
            ok &= CheckAnswers(driver, segments, orders);

            var body = Encoding.UTF8.GetBytes(compact);
            var evaluate = new LoadTarget($"POST /order-segments/{_segment}/evaluate", HttpMethod.Post, new Uri(address, $"/order-segments/{_segment}/evaluate"), body, _matched);
            var explain = evaluate with { Name = evaluate.Name + "?explain=true", Uri = new Uri(address, $"/order-segments/{_segment}/evaluate?explain=true") };
            var health = new LoadTarget("GET /health", HttpMethod.Get, new Uri(address, "/health"), null, null);

            // 3. The load: at each level the trivial endpoint, then the evaluation; explain at one level. A first round
            // over every request at the highest level opens the connections and lets the JIT work off the tier-up
            // backlog that starting the service left, so the first level measured does not pay for it.
            Console.WriteLine();
            Console.WriteLine(
                $"Driver: one HttpClient (SocketsHttpHandler, up to {options.HttpConcurrency.Max()} connections, HTTP/1.1 keep-alive), C closed-loop workers each sending " +
                $"the next request when its answer is read and checked; a first warm-up of {Stats.Time(FirstWarmUp)} per request kind at C={options.HttpConcurrency.Max()}, " +
                $"then per level {Stats.Time(WarmUp)} warm-up and {Stats.Time(_duration)} measured.");
            foreach (var target in new[] { health, evaluate, explain })
            {
                var warm = driver.Run(target, options.HttpConcurrency.Max(), FirstWarmUp, TimeSpan.Zero);
                ok &= warm.Errors.Total == 0;
                Console.WriteLine($"  warm-up {target.Name,-50} errors: {warm.Errors}");
            }

            var results = new List<(LoadResult Health, LoadResult Evaluate)>();
            foreach (var concurrency in options.HttpConcurrency)
            {
                var h = Load(driver, health, concurrency);
                var e = Load(driver, evaluate, concurrency);
                results.Add((h, e));
            }

            var explainLevel = options.HttpConcurrency.Contains(ExplainConcurrency) ? ExplainConcurrency : options.HttpConcurrency[options.HttpConcurrency.Count / 2];
            var explained = Load(driver, explain, explainLevel);
            var all = results.SelectMany(r => new[] { r.Health, r.Evaluate }).Append(explained).ToList();
            ok &= all.All(r => r.Errors.Total == 0 && r.Requests > 0);

            // 5. wrk beside the driver, when it is installed.
            var wrk = RunWrk(evaluate, folder);
            ok &= wrk.All(w => w.StatusErrors == 0);

            // 4. The in-process baseline, measured last with everything warm and the service idle: the same order
            // through the service's own engine, one thread.
            var inProcess = InProcess(compact, explain: false);
            var inProcessExplain = InProcess(compact, explain: true);
            ok &= inProcess.Consistent && inProcessExplain.Consistent;
            Console.WriteLine();
            Console.WriteLine(
                $"In process, engine.Evaluate(\"{_segment}\", json) on the service's engine (after the load, service idle), \"{order.Name}\" " +
                $"({Encoding.UTF8.GetByteCount(compact)} bytes of JSON, matched {_matched}), 1 thread, {Stats.Count(InProcessIterations)} calls a pass, median of {MeasuredPasses} after {WarmUpPasses} warm-up:");
            Console.WriteLine($"  explain=false: {Micro(inProcess.PerCall)}/order (min {Micro(inProcess.Min)}), {inProcess.Bytes:N0} bytes allocated/order");
            Console.WriteLine($"  explain=true:  {Micro(inProcessExplain.PerCall)}/order (min {Micro(inProcessExplain.Min)}), {inProcessExplain.Bytes:N0} bytes allocated/order");

            Report(results, explained, inProcess, inProcessExplain, wrk);
            return ok;
        }

        private InProcessTime InProcess(string json, bool explain)
        {
            var times = new List<double>();
            var bytes = new List<double>();
            var consistent = true;
            for (var pass = 0; pass < WarmUpPasses + MeasuredPasses; pass++)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                var matched = CountMatched(engine, _segment, json, explain, InProcessIterations);
                var elapsed = Stopwatch.GetElapsedTime(start);
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                consistent &= matched == (_matched ? InProcessIterations : 0);
                if (pass >= WarmUpPasses)
                {
                    times.Add(elapsed.TotalMicroseconds / InProcessIterations);
                    bytes.Add(allocated / (double)InProcessIterations);
                }
            }

            if (!consistent)
            {
                Console.Error.WriteLine($"ERROR: engine.Evaluate changed its answer for {_segment} between calls (explain={explain}).");
            }

            return new InProcessTime(Stats.Median(times), times.Min(), Stats.Median(bytes), consistent);
        }

        /// <summary>One request for each order segment and example order, with and without explain, before the load.</summary>
        private bool CheckAnswers(HttpLoadDriver driver, string[] segments, ExampleDocument[] orders)
        {
            var ok = true;
            foreach (var segment in segments)
            {
                foreach (var example in orders)
                {
                    foreach (var query in new[] { string.Empty, "?explain=true" })
                    {
                        var target = new LoadTarget(
                            "check", HttpMethod.Post, new Uri(address, $"/order-segments/{segment}/evaluate{query}"), Encoding.UTF8.GetBytes(example.Json), expected[(segment, example.Name)]);
                        var (status, text) = driver.Send(target);
                        var matched = HttpLoadDriver.ReadMatched(Encoding.UTF8.GetBytes(text));
                        var explanation = JsonNode.Parse(text) is JsonObject answer && answer["explanation"] is JsonObject;
                        if (status != System.Net.HttpStatusCode.OK || matched != target.ExpectedMatched || explanation != (query.Length > 0))
                        {
                            Console.Error.WriteLine($"ERROR: {target.Uri.PathAndQuery} with \"{example.Name}\" answered {(int)status}: {text}");
                            ok = false;
                        }
                    }
                }
            }

            Console.WriteLine(
                $"Answers checked over HTTP before the load: {segments.Length} segments × {orders.Length} orders × explain false/true: " +
                (ok ? "200 and the in-process `matched` each time (and an explanation only when asked)" : "DIFFERENT (see the errors above)"));
            return ok;
        }

        private LoadResult Load(HttpLoadDriver driver, LoadTarget target, int concurrency)
        {
            var result = driver.Run(target, concurrency, WarmUp, _duration);
            Console.WriteLine(
                $"  {target.Name,-58} C={concurrency,-3} {Stats.Count(result.Requests),9} requests  {PerSecond(result.RequestsPerSecond),13}  " +
                $"p50 {Stats.Time(result.Percentile(50))}  p99 {Stats.Time(result.Percentile(99))}  max {Stats.Time(result.Max)}  errors: {result.Errors}");
            return result;
        }

        private List<WrkResult> RunWrk(LoadTarget target, string folder)
        {
            var wrk = WrkRunner.Find();
            var results = new List<WrkResult>();
            Console.WriteLine();
            if (wrk is null)
            {
                Console.WriteLine("wrk: not installed (`command -v wrk` finds nothing), so no second opinion from an external load generator; the benchmark does not install it.");
                return results;
            }

            Console.WriteLine($"wrk: {wrk}, same endpoint and body (Lua script), 2 threads (1 at C=1), {Stats.Time(_duration)} per level, no warm-up of its own (the service is warm); it checks statuses only:");
            var headers = new Dictionary<string, string> { [ApiKeyMiddleware.HeaderName] = apiKey };
            foreach (var concurrency in options.HttpConcurrency)
            {
                if (WrkRunner.Run(wrk, folder, target, headers, concurrency, _duration) is { } result)
                {
                    results.Add(result);
                    Console.WriteLine(
                        $"  wrk {target.Name,-54} C={concurrency,-3} {Stats.Count(result.Requests),9} requests  {PerSecond(result.RequestsPerSecond),13}  " +
                        $"p50 {Stats.Time(result.P50)}  p99 {Stats.Time(result.P99)}  max {Stats.Time(result.Max)}  non-2xx {result.StatusErrors}, socket errors {result.SocketErrors}");
                }
            }

            return results;
        }

        private void Report(
            List<(LoadResult Health, LoadResult Evaluate)> results, LoadResult explained, InProcessTime inProcess, InProcessTime inProcessExplain, List<WrkResult> wrk)
        {
            Console.WriteLine();
            Console.WriteLine("| Request | C | req/s | p50 | p90 | p99 | p99.9 | max | > 10 ms | CPU/req (process) | allocated/req (process) | gen0 / gen2 GCs | errors |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in results.SelectMany(r => new[] { r.Health, r.Evaluate }).Append(explained))
            {
                Console.WriteLine(
                    $"| {r.Target.Name} | {r.Concurrency} | {r.RequestsPerSecond:N0} | {Stats.Time(r.Percentile(50))} | {Stats.Time(r.Percentile(90))} | {Stats.Time(r.Percentile(99))} | " +
                    $"{Stats.Time(r.Percentile(99.9))} | {Stats.Time(r.Max)} | {r.SlowerThan(TimeSpan.FromMilliseconds(10))} | {Micro(r.CpuMicrosecondsPerRequest)} | {r.BytesPerRequest:N0} B | " +
                    $"{r.Gen0Collections} / {r.Gen2Collections} | {r.Errors} |");
            }

            Console.WriteLine();
            Console.WriteLine($"Ratios (in-process engine.Evaluate: {Micro(inProcess.PerCall)}/order, {inProcess.Bytes:N0} B/order):");
            var first = results[0];
            var share = inProcess.PerCall / first.Evaluate.Percentile(50).TotalMicroseconds;
            Console.WriteLine(
                $"  C={first.Evaluate.Concurrency}: request p50 / in-process evaluation = {Stats.Ratio(first.Evaluate.Percentile(50).Over(inProcess.PerCall))}; the evaluation is {share:P1} " +
                $"of the request's latency, HTTP and the endpoint around it the rest (GET /health p50 {Stats.Time(first.Health.Percentile(50))})");
            foreach (var (h, e) in results)
            {
                var cpuDelta = e.CpuMicrosecondsPerRequest - h.CpuMicrosecondsPerRequest;
                Console.WriteLine(
                    $"  C={e.Concurrency,-3} evaluate / health: req/s {Stats.Ratio(e.RequestsPerSecond / h.RequestsPerSecond)}, p50 {Stats.Ratio(e.Percentile(50), h.Percentile(50))}, " +
                    $"p99 {Stats.Ratio(e.Percentile(99), h.Percentile(99))}; process CPU per request {Micro(e.CpuMicrosecondsPerRequest)} vs {Micro(h.CpuMicrosecondsPerRequest)} " +
                    $"(difference {Micro(cpuDelta)} = {Stats.Ratio(cpuDelta / inProcess.PerCall)} the in-process evaluation); " +
                    $"allocated {e.BytesPerRequest:N0} vs {h.BytesPerRequest:N0} B/request");
            }

            var same = results.First(r => r.Evaluate.Concurrency == explained.Concurrency).Evaluate;
            Console.WriteLine(
                $"  C={explained.Concurrency,-3} explain=true / explain=false: req/s {Stats.Ratio(explained.RequestsPerSecond / same.RequestsPerSecond)}, p50 {Stats.Ratio(explained.Percentile(50), same.Percentile(50))}; " +
                $"in process {Micro(inProcessExplain.PerCall)} vs {Micro(inProcess.PerCall)} ({Stats.Ratio(inProcessExplain.PerCall / inProcess.PerCall)})");
            foreach (var w in wrk)
            {
                var driver = results.First(r => r.Evaluate.Concurrency == w.Connections).Evaluate;
                Console.WriteLine(
                    $"  C={w.Connections,-3} wrk / driver: req/s {Stats.Ratio(w.RequestsPerSecond / driver.RequestsPerSecond)}, p50 {Stats.Ratio(w.P50, driver.Percentile(50))}, p99 {Stats.Ratio(w.P99, driver.Percentile(99))}");
            }

            Summarize(results, explained, inProcess, inProcessExplain, wrk);
        }

        private void Summarize(
            List<(LoadResult Health, LoadResult Evaluate)> results, LoadResult explained, InProcessTime inProcess, InProcessTime inProcessExplain, List<WrkResult> wrk)
        {
            var baseline = $"in-process Evaluate {Micro(inProcess.PerCall)}";
            summary.Add(
                Section, $"in-process `engine.Evaluate(\"{_segment}\", json)` on the service's engine, 1 thread (median of {MeasuredPasses} × {Stats.Count(InProcessIterations)})",
                $"{Micro(inProcess.PerCall)}/order (explain=true {Micro(inProcessExplain.PerCall)})", "—", "baseline");
            foreach (var (h, e) in results)
            {
                summary.Add(
                    Section, $"POST evaluate, {e.Concurrency} concurrent ({Stats.Time(_duration)})",
                    $"{PerSecond(e.RequestsPerSecond)}; p50 {Stats.Time(e.Percentile(50))}, p99 {Stats.Time(e.Percentile(99))}",
                    $"GET /health {PerSecond(h.RequestsPerSecond)}, p50 {Stats.Time(h.Percentile(50))}; {baseline}",
                    $"req/s {Stats.Ratio(e.RequestsPerSecond / h.RequestsPerSecond)} of health; p50 {Stats.Ratio(e.Percentile(50).Over(inProcess.PerCall))} in-process");
            }

            var same = results.First(r => r.Evaluate.Concurrency == explained.Concurrency).Evaluate;
            summary.Add(
                Section, $"POST evaluate?explain=true, {explained.Concurrency} concurrent",
                $"{PerSecond(explained.RequestsPerSecond)}; p50 {Stats.Time(explained.Percentile(50))}, p99 {Stats.Time(explained.Percentile(99))}",
                $"without explain {PerSecond(same.RequestsPerSecond)}",
                $"req/s {Stats.Ratio(explained.RequestsPerSecond / same.RequestsPerSecond)}");
            foreach (var w in wrk)
            {
                var driver = results.First(r => r.Evaluate.Concurrency == w.Connections).Evaluate;
                summary.Add(
                    Section, $"wrk, POST evaluate, {w.Connections} concurrent (connections)",
                    $"{PerSecond(w.RequestsPerSecond)}; p50 {Stats.Time(w.P50)}, p99 {Stats.Time(w.P99)}",
                    $"driver {PerSecond(driver.RequestsPerSecond)}",
                    $"req/s {Stats.Ratio(w.RequestsPerSecond / driver.RequestsPerSecond)}");
            }

            var all = results.SelectMany(r => new[] { r.Health, r.Evaluate }).Append(explained).ToList();
            var errors = all.Sum(r => r.Errors.Total);
            summary.Add(
                Section, "answers: 200 with the in-process `matched` / failed, other status or different",
                $"{Stats.Count(all.Sum(r => r.Requests))} / {Stats.Count(errors)}", "every answer checked", errors == 0 ? "equal" : "DIFFERENT");
            summary.Note(
                $"Section 6: the service runs in the benchmark process on loopback, so on this {Environment.ProcessorCount}-core machine the driver and the service share the cores, " +
                "the thread pool and the GC; CPU and allocations per request are the whole process's (driver included). Latency is from sending the request to having read " +
                "the whole answer; percentiles are nearest-rank over every request of the measured span." +
                (wrk.Count == 0 ? " wrk was not installed." : string.Empty));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static int CountMatched(RuleEngine engine, string id, string json, bool explain, int iterations)
        {
            var count = 0;
            for (var i = 0; i < iterations; i++)
            {
                if (engine.Evaluate(id, json, explain).Matched)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Microseconds per call (median and minimum of the passes) and bytes allocated per call.</summary>
    private sealed record InProcessTime(double PerCall, double Min, double Bytes, bool Consistent);
}
