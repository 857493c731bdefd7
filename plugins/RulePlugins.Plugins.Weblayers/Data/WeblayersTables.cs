using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Weblayers.Data;

/// <summary>The web layers plugin's tables.</summary>
public static class WeblayersTables
{
    /// <summary>The popups (reference data): an id documents store and a name people see.</summary>
    public static readonly TableDefinition Popups = TableDefinition.Reference(
        "popups",
        typeof(PopupRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>The forms (reference data): an id documents store and a name people see.</summary>
    public static readonly TableDefinition Forms = TableDefinition.Reference(
        "forms",
        typeof(FormRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>
    /// Events of popups, many per profile: which popup, what happened, the element name of an element click, the event
    /// name of a custom event, and when. Read by profile and by time window, hence the index.
    /// </summary>
    public static readonly TableDefinition PopupEvents = new(
        "popup_events",
        "profile_id",
        typeof(PopupEventRow),
        [
            new("popup_id", ColumnType.Text) { Nullable = false },
            new("event", ColumnType.Text) { Nullable = false },
            new("element_name", ColumnType.Text),
            new("event_name", ColumnType.Text),
            new("occurred_at", ColumnType.Timestamp) { Nullable = false },
        ])
    {
        Indexes = [new IndexDefinition("ix_popup_events_profile_occurred", ["profile_id", "occurred_at"])],
    };

    /// <summary>Submissions of forms, many per profile: which form and when. Read by profile and by time window, hence the index.</summary>
    public static readonly TableDefinition FormFills = new(
        "form_fills",
        "profile_id",
        typeof(FormFillRow),
        [
            new("form_id", ColumnType.Text) { Nullable = false },
            new("filled_at", ColumnType.Timestamp) { Nullable = false },
        ])
    {
        Indexes = [new IndexDefinition("ix_form_fills_profile_filled", ["profile_id", "filled_at"])],
    };
}
