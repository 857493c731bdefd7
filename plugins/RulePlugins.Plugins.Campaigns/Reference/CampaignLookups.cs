using RulePlugins.Plugins.Campaigns.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Campaigns.Reference;

/// <summary>The campaigns plugin's lookups: the names of the campaigns and of their groups, for the rule builder's choices.</summary>
public static class CampaignLookups
{
    /// <summary>The campaigns, each with its name (its id when it has none).</summary>
    public static readonly DataChoices Campaigns = DataChoices.FromRows<CampaignRow>(
        "campaign", "campaigns.campaigns", CampaignTables.Campaigns, row => row.Id, row => row.Name);

    /// <summary>The campaign groups, each with the name <see cref="GroupName"/> gives.</summary>
    public static readonly DataChoices Groups = DataChoices.FromRows<CampaignGroupRow>(
        "group", "campaigns.groups", CampaignTables.Groups, row => row.Id, GroupName);

    /// <summary>
    /// What a rule builder shows for a group: its name (the campaign's name as the campaign tool writes it for the group,
    /// such as <c>Spring sale</c> or <c>Spring sale, variant A</c>; the campaign id when the row has none), a colon, and the
    /// kind: <c>Spring sale: local control group</c>, <c>Spring sale, variant A: test group</c>.
    /// </summary>
    public static string GroupName(CampaignGroupRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var name = string.IsNullOrWhiteSpace(row.Name) ? row.CampaignId?.Trim() : row.Name.Trim();
        var kind = row.Kind?.Trim().ToLowerInvariant() switch
        {
            GroupKinds.Control => "local control group",
            GroupKinds.Test => "test group",
            var other => $"{other} group",
        };
        return string.IsNullOrEmpty(name) ? kind : $"{name}: {kind}";
    }
}
