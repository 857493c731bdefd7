using RulePlugins.Plugins.Campaigns.Conditions;
using RulePlugins.Plugins.Campaigns.Data;
using RulePlugins.Plugins.Campaigns.DemoData;
using RulePlugins.Plugins.Campaigns.Reference;
using RulePlugins.Sdk;

namespace RulePlugins.Plugins.Campaigns;

/// <summary>
/// Campaigns, their local control groups and their test groups: where a profile has been with a campaign
/// (<c>campaigns.participation</c>) or with one of its groups (<c>campaigns.group</c>), from the spells a profile spent in
/// them. Both conditions are the SDK's membership-history family over a spell table; campaigns and groups are chosen
/// by id from reference tables that name them.
/// </summary>
public sealed class CampaignsPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(CampaignTables.Campaigns)
        .AddTable(CampaignTables.Groups)
        .AddTable(CampaignTables.CampaignSpells)
        .AddTable(CampaignTables.GroupSpells)
        .AddLookup(CampaignLookups.Campaigns.Lookup)
        .AddLookup(CampaignLookups.Groups.Lookup)
        .AddConditionType(new CampaignParticipationCondition())
        .AddConditionType(new CampaignGroupCondition())
        .AddDemoData(new CampaignsDemoData());
}
