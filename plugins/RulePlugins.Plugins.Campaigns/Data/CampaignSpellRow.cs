namespace RulePlugins.Plugins.Campaigns.Data;

/// <summary>One time a profile was in a campaign: a row of <c>campaign_spells</c>. A profile may enter a campaign many times.</summary>
public sealed class CampaignSpellRow
{
    /// <summary>The campaign.</summary>
    public string? CampaignId { get; set; }

    /// <summary>When the profile entered, Unix milliseconds (UTC); never null.</summary>
    public long? EnteredAt { get; set; }

    /// <summary>When it left, Unix milliseconds (UTC); null while it is still in.</summary>
    public long? LeftAt { get; set; }
}
