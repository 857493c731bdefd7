using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>
/// The author kit's test bed with the scenarios plugin (and the profile fields plugin, for trees that mix both), a few
/// scenarios, and helpers to insert runs relative to the bed's fixed now.
/// </summary>
public static class ScenarioBed
{
    /// <summary>The condition type under test.</summary>
    public const string Participation = "scenarios.participation";

    /// <summary>Milliseconds in a day.</summary>
    public const long Day = EvaluationClock.MillisecondsPerDay;

    /// <summary>The scenarios every bed starts with: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> KnownScenarios =
    [
        ("welcome", "Welcome series"),
        ("abandoned-cart", "Abandoned cart reminder"),
        ("discount-10", "Discount 10%"),
        ("discount-20", "Discount 20%"),
        ("free-delivery", "Free delivery"),
    ];

    /// <summary>A new bed with <see cref="KnownScenarios"/> in the scenarios table.</summary>
    public static PluginTestBed Create()
    {
        var bed = new PluginTestBed(new ScenariosPlugin(), new ProfileFieldsPlugin());
        foreach (var (id, name) in KnownScenarios)
        {
            bed.Insert(ScenarioTables.Scenarios, 0, new ScenarioRow { Id = id, Name = name });
        }

        return bed;
    }

    /// <summary>The bed's now in Unix milliseconds.</summary>
    public static long NowMs(this PluginTestBed bed) => bed.Now.ToUnixTimeMilliseconds();

    /// <summary>Inserts one run of <paramref name="profileId"/>: instants in Unix milliseconds, finish and outcome null while active.</summary>
    public static PluginTestBed Run(this PluginTestBed bed, long profileId, string scenario, long entered, long? finished = null, string? outcome = null) =>
        bed.Insert(ScenarioTables.Runs, profileId, new ScenarioRunRow { ScenarioId = scenario, EnteredAt = entered, FinishedAt = finished, Outcome = outcome });

    /// <summary>The parameters of one participation condition.</summary>
    public static Params Of(string scenario, string op) => Params.Operator(op).With("scenario", scenario);
}
