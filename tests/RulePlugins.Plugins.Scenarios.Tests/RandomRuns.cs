using RulePlugins.Testing;
using static RulePlugins.Plugins.Scenarios.Tests.ScenarioBed;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>One run as a test inserts it: instants in Unix milliseconds.</summary>
public sealed record TestRun(long ProfileId, string Scenario, long Entered, long? Finished, string? Outcome);

/// <summary>
/// Random runs around a bed's now for random-data tests: zero to five per profile, many entered or finished exactly at
/// now or one millisecond off it, some entered after now, some still active, some with an outcome but no finish, some
/// with the scenario id or outcome in another case or with spaces, and some of a scenario no condition names.
/// </summary>
public static class RandomRuns
{
    /// <summary>The scenarios random conditions name (all in <see cref="ScenarioBed.KnownScenarios"/>).</summary>
    public static readonly string[] Named = ["welcome", "abandoned-cart", "discount-10", "free-delivery"];

    private static readonly string?[] Outcomes = ["completed", "completed", "error", " Completed", "ERROR ", null];

    /// <summary>Generates runs for profiles 1..<paramref name="profiles"/> and inserts them into <paramref name="bed"/>.</summary>
    public static IReadOnlyList<TestRun> Insert(PluginTestBed bed, Random random, int profiles)
    {
        var now = bed.NowMs();
        var runs = new List<TestRun>();
        for (long profile = 1; profile <= profiles; profile++)
        {
            var count = random.Next(0, 6);
            for (var i = 0; i < count; i++)
            {
                var scenario = random.Next(12) switch
                {
                    0 => "retired",
                    1 => " " + Named[random.Next(Named.Length)].ToUpperInvariant(),
                    _ => Named[random.Next(Named.Length)],
                };
                var entered = random.Next(4) == 0 ? now + random.Next(-1, 2) : now + (long)(random.NextDouble() * 60 * Day) - 50 * Day;
                long? finished = random.Next(10) switch
                {
                    < 3 => null,
                    < 5 => Math.Max(entered, now + random.Next(-1, 2)),
                    _ => entered + (long)(random.NextDouble() * 20 * Day),
                };
                var outcome = finished is null && random.Next(4) != 0 ? null : Outcomes[random.Next(Outcomes.Length)];
                runs.Add(new TestRun(profile, scenario, entered, finished, outcome));
            }
        }

        foreach (var run in runs)
        {
            bed.Run(run.ProfileId, run.Scenario, run.Entered, run.Finished, run.Outcome);
        }

        return runs;
    }

    /// <summary>
    /// The meaning of one participation condition over one profile's runs, stated plainly: ids and outcomes ignoring
    /// case and surrounding spaces; only runs entered at or before now exist.
    /// </summary>
    public static bool Holds(IEnumerable<TestRun> runs, string scenario, string op, long now)
    {
        static bool Same(string? value, string expected) => string.Equals(value?.Trim(), expected, StringComparison.OrdinalIgnoreCase);
        var begun = runs.Where(r => Same(r.Scenario, scenario) && r.Entered <= now).ToList();
        var open = begun.Any(r => r.Finished is null || r.Finished > now);
        bool Ended(string outcome) => begun.Any(r => Same(r.Outcome, outcome) && r.Finished is { } f && f <= now);
        return op switch
        {
            "was_at_least_once" => begun.Count > 0,
            "never_was" => begun.Count == 0,
            "currently_in" => open,
            "currently_not_in" => !open,
            "completed" => Ended("completed"),
            "exited_with_error" => Ended("error"),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a participation operator"),
        };
    }
}
