namespace RulePlugins.Plugins.Campaigns.DemoData;

/// <summary>One campaign of the demo data and how profiles move through it.</summary>
/// <param name="Id">The campaign id.</param>
/// <param name="Name">The campaign name.</param>
/// <param name="StartDaysAgo">When the campaign began, in days before now.</param>
/// <param name="EndDaysAgo">When it ended, in days before now; null while it runs.</param>
/// <param name="MaxEntries">The most times one profile enters it (1: once only; more: a triggered campaign profiles re-enter).</param>
/// <param name="SpellDays">How long a profile typically stays, in days; null: until the campaign ends (open while it runs).</param>
/// <param name="Weight">How often profiles are in it, relative to the other campaigns.</param>
/// <param name="TestGroups">Whether it has test groups A and B besides its local control group.</param>
public sealed record DemoCampaign(string Id, string Name, int StartDaysAgo, int? EndDaysAgo, int MaxEntries, double? SpellDays, double Weight, bool TestGroups)
{
    /// <summary>The id of the campaign's local control group.</summary>
    public string ControlGroupId => $"{Id}-lcg";

    /// <summary>The id of test group A or B.</summary>
    public string TestGroupId(char variant) => $"{Id}-test-{char.ToLowerInvariant(variant)}";
}
