using System.Globalization;

namespace RulePlugins.Benchmarks;

/// <summary>
/// The command line: <c>--profiles N</c>, <c>--section 1|2|3|4|5|6|all</c>, <c>--provider</c> and <c>--connection</c>
/// (sections 3 and 5), <c>--http-seconds N</c> and <c>--http-concurrency C,C,...</c> (sections 6 and 7), <c>--saves N</c>
/// (section 7), <c>--isolation thread|process|both</c> and <c>--in-process</c> (section 7) and <c>--recompiles N</c> (section 8).
/// </summary>
internal sealed record BenchmarkOptions(
    int Profiles, string Section, bool Help, int HttpSeconds, IReadOnlyList<int> HttpConcurrency, string Provider = "sqlite", string? Connection = null,
    int Saves = BenchmarkOptions.DefaultSaves, int Recompiles = BenchmarkOptions.DefaultRecompiles, bool HttpConcurrencyGiven = false,
    IReadOnlyList<string>? Isolations = null, bool InProcess = false, bool PhasesOnly = false,
    IReadOnlyList<string>? ServiceEnvironment = null, IReadOnlyList<string>? ServiceArguments = null)
{
    public const int DefaultSaves = 8;
    public const int DefaultRecompiles = 10_000;
    public const int DefaultProfiles = 1_000_000;
    public const int DefaultHttpSeconds = 10;
    public const int MaxHttpConcurrency = 256;

    public const string Usage =
        """
        Usage: dotnet run -c Release --project tests/RulePlugins.Benchmarks -- [--profiles N] [--section 1|2|3|4|5|6|7|8|9|all]
                 [--provider sqlite|postgresql] [--connection CS] [--http-seconds N] [--http-concurrency C,C,...]
                 [--saves N] [--isolation thread|process|both] [--in-process] [--phases-only]
                 [--service-env NAME=VALUE ...] [--service-arg ARG ...] [--recompiles N]

          --profiles N   profiles for section 1 (in memory), sections 3, 5 and 9; default 1,000,000
          --section S    1 = predicate evaluation vs hand-written C#
                         2 = save latency: cold, warm, load from store
                         3 = end-to-end recalculation on SQLite or PostgreSQL vs a hand-written SQL COUNT
                         4 = order-segment evaluation (100,000 synthetic orders in memory; 20,000 as JSON through
                             RuleEngine.Evaluate) vs hand-written C# and Microsoft RulesEngine
                         5 = recalculation of profile segments with order conditions (market demo data: about
                             5 orders per profile) on SQLite or PostgreSQL vs hand-written SQL
                         6 = POST /order-segments/{id}/evaluate of the host service (in this process, Kestrel on
                             loopback) under load, vs in-process RuleEngine.Evaluate and GET /health
                         7 = compilation isolated from serving: POST evaluate and GET /health while N clients save
                             the largest segments the compile budget admits (and, with the budget raised, the
                             499-condition document), vs the same load with no save; first save after start
                         8 = memory across --recompiles saves of one segment with a changing literal: managed heap,
                             working set and live load contexts every 1,000 saves
                         9 = recalculation of segments with participation conditions (scenarios, campaigns,
                             in / not in a segment of about half the profiles; every plugin's demo data) on SQLite
                             or PostgreSQL vs hand-written SQL
                        10 = recalculation of segments with a popup condition and a complex goal condition (about
                             ten million popup events and goal achievements; every plugin's demo data) on SQLite or
                             PostgreSQL vs hand-written SQL, and the plan's rows read alone
                        11 = recalculation of the loyalty demo's segments (active-balance range, points expiring in
                             the next 7 days) vs a hand-written C# fold of the same ledger rows
                         all (default) = every section, in the order 2, 3, 5, 9, 10, 11, 4, 1, 6, 8, 7
          --provider P   the database of sections 3, 5, 9, 10 and 11: sqlite (default, a temporary file) or postgresql (alias postgres)
          --connection CS  for --provider postgresql: an EMPTY database to use (with --section 3 or 5: each section
                         fills its own); without it, each section starts a throw-away server (initdb and pg_ctl
                         on a free loopback port) and deletes it at the end
          --http-seconds N        section 6: measured seconds per concurrency level (after 2 s of warm-up); default 10
          --http-concurrency C,...  section 6: concurrent closed-loop workers per level; default 1,8,32
                                    (section 7: the highest level is the evaluation load; default 8)
          --saves N      section 7: concurrent clients saving worst-case segments; default 8
          --isolation I  section 7: the service's RuleHost:Compilation:Isolation, thread, process or both (default)
          --in-process   section 7: run the service in the benchmark process (ServiceHost.Create) instead of as its
                         own rulehost serve process; the driver's garbage collections then count against the service
          --phases-only  section 7: only the load phases (no first saves in fresh processes, no compile-cost curve)
          --service-env NAME=VALUE  section 7: an environment variable of the rulehost serve process (repeatable),
                         e.g. DOTNET_GCgen0size=0x4000000, to measure a runtime setting's effect
          --service-arg ARG  section 7: one more argument of rulehost serve (repeatable), e.g. --RuleHost:Compilation:MaxConcurrency=2
          --recompiles N section 8: saves measured after 200 of warm-up; default 10,000
        """;

    public bool Runs(int section) => Section == "all" || Section == section.ToString(CultureInfo.InvariantCulture);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var profiles = DefaultProfiles;
        var section = "all";
        var help = false;
        var httpSeconds = DefaultHttpSeconds;
        IReadOnlyList<int> httpConcurrency = [1, 8, 32];
        var provider = "sqlite";
        string? connection = null;
        var saves = DefaultSaves;
        var recompiles = DefaultRecompiles;
        var concurrencyGiven = false;
        IReadOnlyList<string> isolations = ["thread", "process"];
        var inProcess = false;
        var phasesOnly = false;
        var serviceEnvironment = new List<string>();
        var serviceArguments = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--profiles":
                    var text = Value(args, ref i).Replace("_", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out profiles) || profiles < 1)
                    {
                        throw new ArgumentException($"--profiles takes a positive whole number, got '{args[i]}'.");
                    }

                    break;
                case "--section":
                    section = Value(args, ref i).ToLowerInvariant();
                    if (section is not ("1" or "2" or "3" or "4" or "5" or "6" or "7" or "8" or "9" or "10" or "11" or "all"))
                    {
                        throw new ArgumentException($"--section takes 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 or all, got '{args[i]}'.");
                    }

                    break;
                case "--http-seconds":
                    if (!int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out httpSeconds) || httpSeconds is < 1 or > 600)
                    {
                        throw new ArgumentException($"--http-seconds takes a whole number of seconds from 1 to 600, got '{args[i]}'.");
                    }

                    break;
                case "--http-concurrency":
                    httpConcurrency = Levels(Value(args, ref i));
                    concurrencyGiven = true;
                    break;
                case "--saves":
                    if (!int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out saves) || saves is < 1 or > 64)
                    {
                        throw new ArgumentException($"--saves takes a whole number from 1 to 64, got '{args[i]}'.");
                    }

                    break;
                case "--recompiles":
                    if (!int.TryParse(Value(args, ref i), NumberStyles.None, CultureInfo.InvariantCulture, out recompiles) || recompiles is < 1000 or > 1_000_000)
                    {
                        throw new ArgumentException($"--recompiles takes a whole number from 1000 to 1000000, got '{args[i]}'.");
                    }

                    break;
                case "--isolation":
                    isolations = Value(args, ref i).ToLowerInvariant() switch
                    {
                        "thread" => ["thread"],
                        "process" => ["process"],
                        "both" => ["thread", "process"],
                        _ => throw new ArgumentException($"--isolation takes thread, process or both, got '{args[i]}'."),
                    };
                    break;
                case "--in-process":
                    inProcess = true;
                    break;
                case "--phases-only":
                    phasesOnly = true;
                    break;
                case "--service-env":
                    var variable = Value(args, ref i);
                    if (variable.IndexOf('=', StringComparison.Ordinal) < 1)
                    {
                        throw new ArgumentException($"--service-env takes NAME=VALUE, got '{variable}'.");
                    }

                    serviceEnvironment.Add(variable);
                    break;
                case "--service-arg":
                    serviceArguments.Add(Value(args, ref i));
                    break;
                case "--provider":
                    provider = Value(args, ref i).ToLowerInvariant() switch
                    {
                        "sqlite" => "sqlite",
                        "postgresql" or "postgres" => "postgresql",
                        _ => throw new ArgumentException($"--provider takes sqlite or postgresql, got '{args[i]}'."),
                    };
                    break;
                case "--connection":
                    connection = Value(args, ref i);
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'.");
            }
        }

        if (connection is not null && provider == "sqlite")
        {
            throw new ArgumentException("--connection is for --provider postgresql; SQLite benchmarks use a temporary file.");
        }

        if (connection is not null && section == "all")
        {
            throw new ArgumentException("--connection takes an empty database that one section fills: add --section 3, 5 or 9.");
        }

        return new BenchmarkOptions(profiles, section, help, httpSeconds, httpConcurrency, provider, connection, saves, recompiles, concurrencyGiven, isolations, inProcess, phasesOnly, serviceEnvironment, serviceArguments);
    }

    private static int[] Levels(string text)
    {
        var levels = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parsed = new int[levels.Length];
        for (var j = 0; j < levels.Length; j++)
        {
            if (!int.TryParse(levels[j], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[j]) || parsed[j] is < 1 or > MaxHttpConcurrency)
            {
                throw new ArgumentException($"--http-concurrency takes whole numbers from 1 to {MaxHttpConcurrency} separated by commas, got '{text}'.");
            }
        }

        return parsed.Length > 0 ? [.. parsed.Distinct().Order()] : throw new ArgumentException("--http-concurrency needs at least one level.");
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value.");
        }

        return args[++i];
    }
}
