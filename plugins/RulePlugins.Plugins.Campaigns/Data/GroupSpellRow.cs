namespace RulePlugins.Plugins.Campaigns.Data;

/// <summary>One time a profile was in a campaign group: a row of <c>campaign_group_spells</c>.</summary>
public sealed class GroupSpellRow
{
    /// <summary>The group.</summary>
    public string? GroupId { get; set; }

    /// <summary>When the profile entered, Unix milliseconds (UTC); never null.</summary>
    public long? EnteredAt { get; set; }

    /// <summary>When it left, Unix milliseconds (UTC); null while it is still in.</summary>
    public long? LeftAt { get; set; }
}
