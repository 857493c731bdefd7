using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Goals.Conditions;

/// <summary>The windows of both goal conditions on <c>achieved_at</c>: the last X days, or a period of whole UTC days; no next days.</summary>
internal static class GoalWindow
{
    /// <summary>The window parameters <c>last_days</c>, <c>from</c>, <c>to</c>.</summary>
    public static WindowParameters Window { get; } = new() { NextDays = null, Rows = "Achievements" };

    /// <summary>The rule for achievements dated after now (a clock skew, a bad import), for the conditions' descriptions.</summary>
    public const string PastOnlyRule = "An achievement dated after now counts in no window, all time included.";
}
