using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Weblayers.Conditions;

/// <summary>
/// Popup events and form fills are things that happened: one dated after now (a clock skew, a bad import) counts for no
/// window, all time included, as the scenarios and campaigns plugins ignore runs and spells entered after now. The
/// counting family decides every window; this only bounds the rows loaded at now, which the host applies in SQL.
/// </summary>
internal static class PastOnly
{
    /// <summary>
    /// <paramref name="requirement"/> with its window ending at now: all time becomes "up to now" on
    /// <paramref name="timeColumn"/>, a period keeps its first day and loads up to now (its own last day still bounds
    /// what is counted), and the last X days already end at now.
    /// </summary>
    public static DataRequirement UpToNow(DataRequirement requirement, string timeColumn) => requirement.Window switch
    {
        null => requirement.Within(new TimeWindow(timeColumn, null, TimeBound.Now)),
        var window => requirement.Within(window with { To = TimeBound.Now }),
    };
}
