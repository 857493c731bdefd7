using System.Globalization;

namespace RulePlugins.Reliability.Tests.Fuzzing;

/// <summary>
/// How much to fuzz, from the environment: <c>RULEPLUGINS_FUZZ_CASES</c> (cases per in-process fuzzer; default
/// 20,000), <c>RULEPLUGINS_FUZZ_HTTP_CASES</c> (cases through the service; default 300), <c>RULEPLUGINS_FUZZ_SEED</c>
/// (default a fixed seed, so the normal run is repeatable) and <c>RULEPLUGINS_FUZZ_CASE</c> (run only that case, to
/// replay a failure). Case <c>n</c> of seed <c>s</c> always draws from <c>new Random(CaseSeed(s, n))</c>.
/// </summary>
public static class FuzzSettings
{
    /// <summary>The seed of the normal run.</summary>
    public const int DefaultSeed = 20261123;

    /// <summary>The seed in force.</summary>
    public static int Seed => Read("RULEPLUGINS_FUZZ_SEED") ?? DefaultSeed;

    /// <summary>Cases per in-process fuzzer.</summary>
    public static int Cases => Read("RULEPLUGINS_FUZZ_CASES") ?? 20_000;

    /// <summary>Cases sent through the service.</summary>
    public static int HttpCases => Read("RULEPLUGINS_FUZZ_HTTP_CASES") ?? 300;

    /// <summary>The case indexes to run: all of them, or the one <c>RULEPLUGINS_FUZZ_CASE</c> names.</summary>
    public static IEnumerable<int> Indexes(int count) => Read("RULEPLUGINS_FUZZ_CASE") is { } only ? [only] : Enumerable.Range(0, count);

    /// <summary>The seed of one case.</summary>
    public static int CaseSeed(int seed, int index) => unchecked((seed * 1_000_003) ^ (index * 7_919 + 17));

    /// <summary>How to replay one case.</summary>
    public static string Replay(string test, int index) =>
        $"replay: RULEPLUGINS_FUZZ_SEED={Seed} RULEPLUGINS_FUZZ_CASE={index} dotnet test tests/RulePlugins.Reliability.Tests --filter {test}";

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
