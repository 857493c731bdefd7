namespace RulePlugins.Plugins.Campaigns.Data;

/// <summary>The kinds of campaign group in <c>campaign_groups.kind</c>.</summary>
public static class GroupKinds
{
    /// <summary>A local control group: profiles of the campaign held back from its messages, to measure its effect.</summary>
    public const string Control = "control";

    /// <summary>A test group: profiles of the campaign that receive one variant (A, B, ...).</summary>
    public const string Test = "test";

    /// <summary>Every kind, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } = [Control, Test];
}
