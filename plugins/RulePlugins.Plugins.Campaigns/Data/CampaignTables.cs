using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Campaigns.Data;

/// <summary>The campaigns plugin's tables: two reference tables naming the campaigns and their groups, and two spell tables.</summary>
public static class CampaignTables
{
    /// <summary>The campaigns (reference data): id and name.</summary>
    public static readonly TableDefinition Campaigns = TableDefinition.Reference(
        "campaigns",
        typeof(CampaignRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>The campaigns' local control groups and test groups (reference data).</summary>
    public static readonly TableDefinition Groups = TableDefinition.Reference(
        "campaign_groups",
        typeof(CampaignGroupRow),
        [
            new("id", ColumnType.Text) { Nullable = false },
            new("campaign_id", ColumnType.Text) { Nullable = false },
            new("kind", ColumnType.Text) { Nullable = false },
            new("name", ColumnType.Text),
        ]) with { RowKeyColumn = "id" };

    /// <summary>Campaign spells, many per profile, read by when they began.</summary>
    public static readonly TableDefinition CampaignSpells = new(
        "campaign_spells",
        "profile_id",
        typeof(CampaignSpellRow),
        [
            new("campaign_id", ColumnType.Text) { Nullable = false },
            new("entered_at", ColumnType.Timestamp) { Nullable = false },
            new("left_at", ColumnType.Timestamp),
        ])
    {
        Indexes = [new IndexDefinition("ix_campaign_spells_profile_entered", ["profile_id", "entered_at", "campaign_id", "left_at"])],
    };

    /// <summary>Campaign group spells, many per profile, read by when they began.</summary>
    public static readonly TableDefinition GroupSpells = new(
        "campaign_group_spells",
        "profile_id",
        typeof(GroupSpellRow),
        [
            new("group_id", ColumnType.Text) { Nullable = false },
            new("entered_at", ColumnType.Timestamp) { Nullable = false },
            new("left_at", ColumnType.Timestamp),
        ])
    {
        Indexes = [new IndexDefinition("ix_campaign_group_spells_profile_entered", ["profile_id", "entered_at", "group_id", "left_at"])],
    };
}
