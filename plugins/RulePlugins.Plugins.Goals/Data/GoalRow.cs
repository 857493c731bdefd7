namespace RulePlugins.Plugins.Goals.Data;

/// <summary>One goal (reference data): a row of <c>goals</c>.</summary>
public sealed class GoalRow
{
    /// <summary>The goal id, what segment documents store (<c>signup</c>); it does not change when the goal is renamed.</summary>
    public string? Id { get; set; }

    /// <summary>What people call it (<c>Signed up</c>).</summary>
    public string? Name { get; set; }
}
