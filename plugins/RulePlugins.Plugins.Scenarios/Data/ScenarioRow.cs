namespace RulePlugins.Plugins.Scenarios.Data;

/// <summary>One automation scenario: a row of <c>scenarios</c>.</summary>
public sealed class ScenarioRow
{
    /// <summary>The scenario id, what segment documents store (<c>welcome</c>); it does not change when the scenario is renamed.</summary>
    public string? Id { get; set; }

    /// <summary>What people call it (<c>Welcome series</c>).</summary>
    public string? Name { get; set; }
}
