using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Scenarios.DemoData;

/// <summary>
/// Twelve automation scenarios of a shop (a welcome series, abandoned cart reminders, three discount offers, win-back,
/// alerts) and runs of profiles through them over the last year and a half: about one profile in eight never entered
/// any, most entered one to three, some seven or more; reminders and alerts are entered again and again. Runs finished
/// long ago or recently, completed or with an error (a few percent), and runs still active now. Deterministic for a seed.
/// </summary>
public sealed class ScenariosDemoData : IDemoDataGenerator
{
    /// <summary>
    /// The scenarios: id, name, how many days a run takes (about), how likely a profile is to be in it (relative),
    /// whether a profile enters it again after a run ends, and the chance a run ends with an error.
    /// </summary>
    public static readonly IReadOnlyList<(string Id, string Name, double Days, double Weight, bool Repeats, double ErrorRate)> Scenarios =
    [
        ("welcome", "Welcome series", 14, 10, false, 0.03),
        ("abandoned-cart", "Abandoned cart reminder", 3, 8, true, 0.05),
        ("discount-10", "Discount 10%", 7, 5, false, 0.04),
        ("discount-20", "Discount 20%", 7, 2, false, 0.04),
        ("free-delivery", "Free delivery", 10, 3, false, 0.04),
        ("birthday", "Birthday greetings", 5, 4, false, 0.02),
        ("win-back", "Win-back: 90 days without a purchase", 30, 3, true, 0.06),
        ("post-purchase-review", "Post-purchase review request", 10, 6, true, 0.03),
        ("loyalty-onboarding", "Loyalty programme onboarding", 21, 3, false, 0.05),
        ("price-drop", "Price drop alert", 2, 4, true, 0.08),
        ("back-in-stock", "Back in stock alert", 2, 2, true, 0.10),
        ("nps-survey", "NPS survey", 5, 2, false, 0.03),
    ];

    private const double HistoryDays = 540;

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.WriteIdsAndNames(ScenarioTables.Scenarios, Scenarios.Select(scenario => (scenario.Id, scenario.Name)));

        var random = new Random(context.Seed + 12);
        var now = context.NowUnixMilliseconds;
        const long day = EvaluationClock.MillisecondsPerDay;
        var keys = new double[Scenarios.Count];
        var order = new int[Scenarios.Count];
        using var runs = context.OpenWriter(ScenarioTables.Runs, ["profile_id", "scenario_id", "entered_at", "finished_at", "outcome"]);
        foreach (var profile in context.Profiles("scenario runs"))
        {
            // 12% in none; otherwise 1 + u^8 * 12 scenarios (at most 12): three in four one to three, about one in twelve seven or more.
            var count = random.NextDouble() < 0.12 ? 0 : 1 + (int)(Math.Pow(random.NextDouble(), 8) * Scenarios.Count);
            if (count > 0)
            {
                // Weighted choice without repeats: the count smallest exponential keys, each scaled by the scenario's weight.
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = -Math.Log(1 - random.NextDouble()) / Scenarios[i].Weight;
                    order[i] = i;
                }

                Array.Sort(keys, order);
            }

            for (var c = 0; c < count; c++)
            {
                var scenario = Scenarios[order[c]];
                var entered = now - (long)(random.NextDouble() * HistoryDays * day);
                var times = scenario.Repeats ? 1 + (int)(Math.Pow(random.NextDouble(), 2) * 5) : 1;
                for (var t = 0; t < times && entered <= now; t++)
                {
                    var length = (long)(scenario.Days * (0.3 + 1.4 * random.NextDouble()) * day);
                    var error = random.NextDouble() < scenario.ErrorRate;
                    var finished = entered + (error ? (long)(length * random.NextDouble()) : length);
                    if (finished > now)
                    {
                        // Still running now.
                        runs.Add(profile, scenario.Id, entered, null, null);
                        break;
                    }

                    runs.Add(profile, scenario.Id, entered, finished, error ? RunOutcomes.Error : RunOutcomes.Completed);
                    entered = finished + (long)((1 + random.NextDouble() * 120) * day);
                }
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        """
        {
          "schemaVersion": 1,
          "id": "no-discount-scenarios",
          "name": "Not yet in any discount scenario",
          "description": "Profiles that have never been in the Discount 10%, Discount 20% or Free delivery scenarios: nobody has offered them a discount yet.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "scenarios.participation", "params": { "scenario": "discount-10", "operator": "never_was" } },
              { "type": "scenarios.participation", "params": { "scenario": "discount-20", "operator": "never_was" } },
              { "type": "scenarios.participation", "params": { "scenario": "free-delivery", "operator": "never_was" } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "in-welcome-series",
          "name": "Currently in the welcome series",
          "description": "Profiles with a run of the Welcome series scenario active now.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "scenarios.participation", "params": { "scenario": "welcome", "operator": "currently_in" } }
            ]
          }
        }
        """,
    ];
}
