namespace RulePlugins.Plugins.Scenarios.Conditions;

/// <summary>The operators of <c>scenarios.participation</c>, as documents name them.</summary>
public static class ParticipationOperators
{
    /// <summary>Some run of the scenario entered at or before now.</summary>
    public const string WasAtLeastOnce = "was_at_least_once";

    /// <summary>No run of the scenario entered at or before now.</summary>
    public const string NeverWas = "never_was";

    /// <summary>Some run of the scenario is open now.</summary>
    public const string CurrentlyIn = "currently_in";

    /// <summary>No run of the scenario is open now (also true for a profile that never entered it).</summary>
    public const string CurrentlyNotIn = "currently_not_in";

    /// <summary>Some run of the scenario finished with outcome <c>completed</c> at or before now.</summary>
    public const string Completed = "completed";

    /// <summary>Some run of the scenario finished with outcome <c>error</c> at or before now.</summary>
    public const string ExitedWithError = "exited_with_error";

    /// <summary>The six operators, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } = [WasAtLeastOnce, NeverWas, CurrentlyIn, CurrentlyNotIn, Completed, ExitedWithError];
}
