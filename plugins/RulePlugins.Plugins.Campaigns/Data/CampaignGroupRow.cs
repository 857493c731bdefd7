namespace RulePlugins.Plugins.Campaigns.Data;

/// <summary>A local control group or a test group of a campaign: a row of <c>campaign_groups</c>.</summary>
public sealed class CampaignGroupRow
{
    /// <summary>The group id documents store, e.g. <c>spring-sale-lcg</c>.</summary>
    public string? Id { get; set; }

    /// <summary>The campaign the group belongs to.</summary>
    public string? CampaignId { get; set; }

    /// <summary><c>control</c> for a local control group, <c>test</c> for a test group (see <see cref="GroupKinds"/>).</summary>
    public string? Kind { get; set; }

    /// <summary>The group's own name, e.g. <c>Test group A</c>; empty for a campaign's one local control group.</summary>
    public string? Name { get; set; }
}
