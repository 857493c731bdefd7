using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace RulePlugins.Benchmarks;

/// <summary>What the figures were measured on.</summary>
internal sealed record RunEnvironment(
    int Cores, string Os, string Architecture, string Runtime, string Configuration, string Gc, int Profiles, string Section, DateTimeOffset StartedAt)
{
    public static RunEnvironment Capture(BenchmarkOptions options)
    {
#if DEBUG
        const string configuration = "Debug (figures are not representative: run with -c Release)";
#else
        const string configuration = "Release";
#endif
        var gc = (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent");
        return new RunEnvironment(
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            RuntimeInformation.ProcessArchitecture.ToString(),
            RuntimeInformation.FrameworkDescription,
            configuration,
            gc,
            options.Profiles,
            options.Section,
            TimeProvider.System.GetUtcNow());
    }

    public string Engine => typeof(RulePlugins.Engine.RuleEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";

    public string Date => StartedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public void Print()
    {
        Console.WriteLine("RulePlugins benchmarks");
        Console.WriteLine($"  machine:       {Cores} cores (Environment.ProcessorCount), {Os}, {Architecture}");
        Console.WriteLine($"  runtime:       {Runtime}, {Configuration} build, {Gc} GC");
        Console.WriteLine($"  engine:        {Engine}");
        Console.WriteLine($"  profiles:      {Stats.Count(Profiles)} (sections 1, 3 and 5)");
        Console.WriteLine($"  section(s):    {Section}");
        Console.WriteLine($"  started:       {Date}");
#if DEBUG
        Console.WriteLine("  WARNING: Debug build; run with -c Release for meaningful figures.");
#endif
    }
}
