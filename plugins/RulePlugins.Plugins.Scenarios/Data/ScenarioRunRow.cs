namespace RulePlugins.Plugins.Scenarios.Data;

/// <summary>
/// One run of a profile through a scenario: a row of <c>scenario_runs</c>. A profile can enter the same scenario several
/// times, one row each.
/// </summary>
public sealed class ScenarioRunRow
{
    /// <summary>The scenario's id (<see cref="ScenarioRow.Id"/>).</summary>
    public string? ScenarioId { get; set; }

    /// <summary>When the profile entered the scenario, Unix milliseconds (UTC).</summary>
    public long EnteredAt { get; set; }

    /// <summary>When the run ended, Unix milliseconds (UTC); null while it is active.</summary>
    public long? FinishedAt { get; set; }

    /// <summary>How the run ended (<see cref="RunOutcomes"/>); null while it is active.</summary>
    public string? Outcome { get; set; }
}
