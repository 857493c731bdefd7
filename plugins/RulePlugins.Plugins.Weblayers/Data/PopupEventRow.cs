namespace RulePlugins.Plugins.Weblayers.Data;

/// <summary>
/// One thing a profile did with a popup (or the popup did for it): a row of <c>popup_events</c>. A profile has many,
/// one per event.
/// </summary>
public sealed class PopupEventRow
{
    /// <summary>The popup's id (<see cref="PopupRow.Id"/>).</summary>
    public string? PopupId { get; set; }

    /// <summary>What happened, one of <see cref="PopupEvents.All"/>.</summary>
    public string? Event { get; set; }

    /// <summary>For <see cref="PopupEvents.ElementClick"/>: the name attribute of the element clicked; null otherwise.</summary>
    public string? ElementName { get; set; }

    /// <summary>For <see cref="PopupEvents.CustomEvent"/>: the name the site's JavaScript gave the event; null otherwise.</summary>
    public string? EventName { get; set; }

    /// <summary>When it happened, Unix milliseconds (UTC).</summary>
    public long OccurredAt { get; set; }
}
