using RulePlugins.Plugins.Campaigns.Data;
using RulePlugins.Plugins.Campaigns.Reference;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Campaigns.Conditions;

/// <summary>
/// <c>campaigns.participation</c>: where the profile has been with a campaign ("currently in the campaign", "entered it at
/// least 2 times in the last 30 days"), from its spells in <c>campaign_spells</c>.
/// </summary>
public sealed class CampaignParticipationCondition() : SpellCondition(
    new ParameterDefinition("campaign", ParameterKind.String, "The campaign, by id (campaigns.id); the catalogue lists the campaigns with their names.")
    {
        ChoicesFrom = CampaignLookups.Campaigns,
    },
    "campaign_id",
    History,
    "campaign")
{
    private static readonly MembershipHistoryOperators History = new(CampaignTables.CampaignSpells, "entered_at", "left_at") { What = "the campaign" };

    /// <inheritdoc />
    public override string Id => "campaigns.participation";

    /// <inheritdoc />
    public override string Title => "Campaign participation";

    /// <inheritdoc />
    public override string Description =>
        "Participation in a campaign, from the profile's spells in it (a profile may enter a campaign several times). " +
        "currently_in: the profile is currently in the campaign itself (not in a global control group); currently_not_in: it is not in the campaign now (also true " +
        "when it never entered); ever_entered: it entered the campaign at least once; never_entered: it never did; " +
        "no_longer_in: it is not in the campaign now but was before; entered_times_last_days: it entered the campaign at " +
        "least times times in the last last_days days; entered_times_in_period: at least times times from from to to; " +
        "not_entered_last_days: it did not enter the campaign in the last last_days days (also true when it never entered); " +
        "not_entered_in_period: it did not enter it from from to to. Each entry counts, re-entries included. " +
        MembershipHistoryOperators.Edges;
}
