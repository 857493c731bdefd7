namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// One of the plugin's two condition types and the spell table it reads, with the entity the tests ask about
/// (<see cref="Ours"/>) and another one whose spells must never count (<see cref="Other"/>).
/// </summary>
/// <param name="Name">A short name for test cases.</param>
/// <param name="Type">The condition type id.</param>
/// <param name="Parameter">The parameter naming the entity.</param>
/// <param name="Table">The spell table.</param>
/// <param name="Column">The spell table's entity column.</param>
/// <param name="Ours">The entity the tests' conditions name.</param>
/// <param name="Other">Another entity of the reference data.</param>
public sealed record SpellKind(string Name, string Type, string Parameter, string Table, string Column, string Ours, string Other)
{
    /// <summary>Campaign spells: <c>campaigns.participation</c> over <c>campaign_spells</c>.</summary>
    public static readonly SpellKind Campaign = new("campaign", "campaigns.participation", "campaign", "campaign_spells", "campaign_id", "spring", "autumn");

    /// <summary>Group spells: <c>campaigns.group</c> over <c>campaign_group_spells</c>; the other group is of the same campaign.</summary>
    public static readonly SpellKind Group = new("group", "campaigns.group", "group", "campaign_group_spells", "group_id", "spring-lcg", "spring-test-a");

    /// <summary>Both kinds.</summary>
    public static IReadOnlyList<SpellKind> All { get; } = [Campaign, Group];

    /// <summary>The kind called <paramref name="name"/>.</summary>
    public static SpellKind Named(string name) => All.Single(k => k.Name == name);
}
