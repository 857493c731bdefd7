namespace RulePlugins.Plugins.Campaigns.Data;

/// <summary>A campaign: a row of <c>campaigns</c>.</summary>
public sealed class CampaignRow
{
    /// <summary>The campaign id documents store, e.g. <c>spring-sale</c>.</summary>
    public string? Id { get; set; }

    /// <summary>The name a rule builder shows, e.g. <c>Spring sale</c>; it may change, the id does not.</summary>
    public string? Name { get; set; }
}
