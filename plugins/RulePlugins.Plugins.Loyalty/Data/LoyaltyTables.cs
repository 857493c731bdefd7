using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Loyalty.Data;

/// <summary>The loyalty plugin's tables.</summary>
public static class LoyaltyTables
{
    /// <summary>The programs (reference data): an id documents store and a name people see.</summary>
    public static readonly TableDefinition Programs = TableDefinition.Reference(
        "loyalty_programs",
        typeof(LoyaltyProgramRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>The promo actions (reference data), each of one program.</summary>
    public static readonly TableDefinition PromoActions = TableDefinition.Reference(
        "loyalty_promo_actions",
        typeof(PromoActionRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("program_id", ColumnType.Text), new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>The point types (reference data).</summary>
    public static readonly TableDefinition PointTypes = TableDefinition.Reference(
        "loyalty_point_types",
        typeof(PointTypeRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>Spells of profiles in programs: joined (never null), left (null while a participant).</summary>
    public static readonly TableDefinition Participations = new(
        "loyalty_participations",
        "profile_id",
        typeof(ParticipationRow),
        [
            new("program_id", ColumnType.Text) { Nullable = false },
            new("joined_at", ColumnType.Timestamp) { Nullable = false },
            new("left_at", ColumnType.Timestamp),
        ])
    {
        Indexes = [new IndexDefinition("ix_loyalty_participations_profile_joined", ["profile_id", "joined_at"])],
    };

    /// <summary>
    /// The points ledger: accruals and spends per profile and program. Read by profile and only up to now (the
    /// accrued condition over a period or the last days reads only that window), hence the index.
    /// </summary>
    public static readonly TableDefinition Transactions = new(
        "loyalty_transactions",
        "profile_id",
        typeof(TransactionRow),
        [
            new("id", ColumnType.Integer) { Nullable = false },
            new("program_id", ColumnType.Text) { Nullable = false },
            new("kind", ColumnType.Text) { Nullable = false },
            new("points", ColumnType.Integer) { Nullable = false },
            new("occurred_at", ColumnType.Timestamp) { Nullable = false },
            new("promo_action_id", ColumnType.Text),
            new("point_type", ColumnType.Text),
            new("activates_at", ColumnType.Timestamp),
            new("expires_at", ColumnType.Timestamp),
        ])
    {
        RowKeyColumn = "id",
        Indexes = [new IndexDefinition("ix_loyalty_transactions_profile_occurred", ["profile_id", "occurred_at"])],
    };
}
