using RulePlugins.Plugins.Campaigns.Data;
using RulePlugins.Plugins.Campaigns.Reference;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Campaigns.Conditions;

/// <summary>
/// <c>campaigns.group</c>: where the profile has been with a campaign's local control group (LCG) or test group
/// ("currently in the LCG of the spring sale"), from its spells in <c>campaign_group_spells</c>.
/// </summary>
public sealed class CampaignGroupCondition() : SpellCondition(
    new ParameterDefinition("group", ParameterKind.String, "The local control group or test group, by id (campaign_groups.id); the catalogue lists the groups with their campaign and kind.")
    {
        ChoicesFrom = CampaignLookups.Groups,
    },
    "group_id",
    History,
    "group")
{
    private static readonly MembershipHistoryOperators History = new(CampaignTables.GroupSpells, "entered_at", "left_at") { What = "the group" };

    /// <inheritdoc />
    public override string Id => "campaigns.group";

    /// <inheritdoc />
    public override string Title => "Control group / test group";

    /// <inheritdoc />
    public override string Description =>
        "Participation in a campaign's local control group (LCG) or test group, from the profile's spells in the group " +
        "(a profile may enter a group several times). currently_in: the profile is currently in the group; currently_not_in: " +
        "it is not in the group now (also true when it never entered); ever_entered: it entered the group at least once; " +
        "never_entered: it never did; no_longer_in: it is not in the group now but was before; entered_times_last_days: it " +
        "entered the group at least times times in the last last_days days; entered_times_in_period: at least times times " +
        "from from to to; not_entered_last_days: it did not enter the group in the last last_days days (also true when it " +
        "never entered); not_entered_in_period: it did not enter it from from to to. Each entry counts, re-entries included. " +
        MembershipHistoryOperators.Edges;
}
