namespace RulePlugins.Plugins.Scenarios.Data;

/// <summary>How a run of a scenario ends, as <c>scenario_runs.outcome</c> stores it.</summary>
public static class RunOutcomes
{
    /// <summary>The profile went through the scenario to its end.</summary>
    public const string Completed = "completed";

    /// <summary>The scenario stopped for the profile because of an error.</summary>
    public const string Error = "error";

    /// <summary>Both outcomes.</summary>
    public static IReadOnlyList<string> All { get; } = [Completed, Error];
}
