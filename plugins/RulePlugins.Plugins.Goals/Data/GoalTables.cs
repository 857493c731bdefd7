using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Goals.Data;

/// <summary>The goals plugin's tables.</summary>
public static class GoalTables
{
    /// <summary>The currency of every goal value (<c>cost</c>) and order amount: the table has no currency column.</summary>
    public const string Currency = "RUB";

    /// <summary>The goals (reference data): an id documents store and a name people see.</summary>
    public static readonly TableDefinition Goals = TableDefinition.Reference(
        "goals",
        typeof(GoalRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>The tracking pixels (reference data): an id documents store and a name people see.</summary>
    public static readonly TableDefinition Pixels = TableDefinition.Reference(
        "pixels",
        typeof(PixelRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>
    /// Goal achievements, many per profile: which goal, through which pixel, when, its value (in <see cref="Currency"/>;
    /// null when the goal has no value), where the visitor came from (referrer, origin, UTM labels), the device and geo
    /// data, the message and promo code, the order, and the custom keys of <c>pixel_data</c> (a JSON object). Read by
    /// profile and bounded by <c>achieved_at</c>, hence the index.
    /// </summary>
    public static readonly TableDefinition Achievements = new(
        "goal_achievements",
        "profile_id",
        typeof(GoalAchievementRow),
        [
            new("goal_id", ColumnType.Text) { Nullable = false },
            new("pixel_id", ColumnType.Text),
            new("achieved_at", ColumnType.Timestamp) { Nullable = false },
            new("cost", ColumnType.Decimal),
            new("referrer", ColumnType.Text),
            new("origin", ColumnType.Text),
            new("utm_source", ColumnType.Text),
            new("utm_medium", ColumnType.Text),
            new("utm_campaign", ColumnType.Text),
            new("utm_term", ColumnType.Text),
            new("utm_content", ColumnType.Text),
            new("browser", ColumnType.Text),
            new("os", ColumnType.Text),
            new("device_type", ColumnType.Text),
            new("country", ColumnType.Text),
            new("city", ColumnType.Text),
            new("message_id", ColumnType.Text),
            new("promo_code", ColumnType.Text),
            new("order_id", ColumnType.Text),
            new("order_amount", ColumnType.Decimal),
            new("pixel_data", ColumnType.Text),
        ])
    {
        Indexes = [new IndexDefinition("ix_goal_achievements_profile_achieved", ["profile_id", "achieved_at"])],
    };
}
