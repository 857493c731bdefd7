using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.ProfileFields;

/// <summary>One profile's standard fields, as read for a batch (only the columns a segment needs are filled).</summary>
public sealed class ProfileFieldsRow
{
#pragma warning disable CS1591 // One property per column of profile_fields.
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; }
    public string? Gender { get; set; }
    public long? BirthDate { get; set; }
    public long? CreatedAt { get; set; }
    public bool? EmailSubscribed { get; set; }
    public bool? SmsSubscribed { get; set; }
    public bool? PushSubscribed { get; set; }
#pragma warning restore CS1591
}

/// <summary>The <c>profile_fields</c> table: one row per profile, keyed by profile id.</summary>
public static class ProfileFieldsTable
{
    /// <summary>The table definition.</summary>
    public static TableDefinition Definition { get; } = new(
        "profile_fields",
        "profile_id",
        typeof(ProfileFieldsRow),
        [
            new("email", ColumnType.Text),
            new("phone", ColumnType.Text),
            new("first_name", ColumnType.Text),
            new("last_name", ColumnType.Text),
            new("city", ColumnType.Text),
            new("country", ColumnType.Text),
            new("gender", ColumnType.Text),
            new("birth_date", ColumnType.Timestamp),
            new("created_at", ColumnType.Timestamp),
            new("email_subscribed", ColumnType.Boolean),
            new("sms_subscribed", ColumnType.Boolean),
            new("push_subscribed", ColumnType.Boolean),
        ])
    {
        OneRowPerSubject = true,
    };
}
