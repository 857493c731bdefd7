using System.Diagnostics;
using System.Globalization;
using RulePlugins.Engine.Plugins;

namespace RulePlugins.Benchmarks;

/// <summary>
/// On-demand benchmarks of the rule engine: predicate evaluation against hand-written C#, save latency (cold,
/// warm, load from store), end-to-end recalculation on SQLite or PostgreSQL against a hand-written SQL COUNT, order-segment
/// evaluation against hand-written C# and Microsoft RulesEngine, recalculation of segments with order
/// conditions against hand-written SQL (SQLite or PostgreSQL), and the host service's order evaluation endpoint under HTTP load against
/// in-process evaluation and a trivial endpoint. Every figure is reported as a ratio against a baseline measured in the
/// same run.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"benchmarks: {ex.Message}");
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        var total = Stopwatch.StartNew();
        var environment = RunEnvironment.Capture(options);
        environment.Print();

        // One catalog for the whole process: the plugins are loaded once, like in the host, and the default load
        // context resolves the plugin assembly the hand-written baseline compiles against to this very instance.
        var pluginDirectory = Path.Combine(AppContext.BaseDirectory, "plugins");
        var catalog = PluginDirectoryLoader.Load(pluginDirectory);
        foreach (var failure in catalog.Failures)
        {
            Console.Error.WriteLine($"warning: plugin {failure.Name} failed to load: {failure.Reason}");
        }

        if (catalog.Plugins.IsEmpty)
        {
            Console.Error.WriteLine($"benchmarks: no plugins in {pluginDirectory}; build the project so plugins/Plugins.targets copies them.");
            return 1;
        }

        PluginAssemblyResolver.Register(catalog);

        var summary = new Summary(environment);
        var failed = false;
        using var temp = new TempFolder();
        Console.WriteLine($"Temporary databases: {temp.Path}");

        // Section 2 runs first: its cold save must be the first Roslyn compilation in the process.
        // Sections 3 and 5 run before sections 4 and 1 so that the process peak working set they report is not
        // inflated by the in-memory rows of section 4 (orders) and section 1 (a million profiles).
        if (options.Runs(2))
        {
            SaveBenchmark.Run(catalog, pluginDirectory, temp, summary);
        }

        if (options.Runs(3))
        {
            failed |= !RecalculationBenchmark.Run(catalog, pluginDirectory, temp, options, summary);
        }

        if (options.Runs(5))
        {
            failed |= !MarketRecalculationBenchmark.Run(catalog, pluginDirectory, temp, options, summary);
        }

        if (options.Runs(9))
        {
            failed |= !ParticipationRecalculationBenchmark.Run(catalog, pluginDirectory, temp, options, summary);
        }

        if (options.Runs(10))
        {
            failed |= !WebBehaviourRecalculationBenchmark.Run(catalog, pluginDirectory, temp, options, summary);
        }

        if (options.Runs(11))
        {
            failed |= !LoyaltyRecalculationBenchmark.Run(catalog, pluginDirectory, temp, options, summary);
        }

        if (options.Runs(4))
        {
            failed |= !OrderSegmentBenchmark.Run(catalog, pluginDirectory, temp, summary);
        }

        if (options.Runs(1))
        {
            failed |= !PredicateBenchmark.Run(catalog, pluginDirectory, temp, options.Profiles, summary);
        }

        // Section 6 runs last: the web server it starts in this process (Kestrel, connections, a grown thread pool)
        // stays out of every other section's memory and timing figures.
        if (options.Runs(6))
        {
            failed |= !HttpEvaluationBenchmark.Run(pluginDirectory, temp, options, summary);
        }

        // Section 8 before 7: the service of section 7 grows the thread pool and the heap the memory figures would include.
        if (options.Runs(8))
        {
            failed |= !RecompileMemoryBenchmark.Run(catalog, pluginDirectory, temp, options, summary);
        }

        if (options.Runs(7))
        {
            failed |= !CompileIsolationBenchmark.Run(pluginDirectory, temp, options, summary);
        }

        total.Stop();
        summary.Print(total.Elapsed);
        if (failed)
        {
            Console.Error.WriteLine("benchmarks: FAILED (see the errors above).");
            return 1;
        }

        return 0;
    }
}
