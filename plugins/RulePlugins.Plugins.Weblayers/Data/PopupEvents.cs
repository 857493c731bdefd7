namespace RulePlugins.Plugins.Weblayers.Data;

/// <summary>The events of a popup, as <c>popup_events.event</c> stores them and the <c>event</c> parameter names them.</summary>
public static class PopupEvents
{
    /// <summary>The popup was shown to the profile.</summary>
    public const string Opened = "opened";

    /// <summary>The form in the popup was filled and submitted.</summary>
    public const string Filled = "filled";

    /// <summary>The profile closed the popup (its close button).</summary>
    public const string Closed = "closed";

    /// <summary>A click on any element of the popup except the close button.</summary>
    public const string Click = "click";

    /// <summary>The conditions for showing the popup were met, even if it was not shown (because of limits, say).</summary>
    public const string Target = "target";

    /// <summary>A click on the element with a given name attribute (<see cref="PopupEventRow.ElementName"/>).</summary>
    public const string ElementClick = "element_click";

    /// <summary>An event the site's JavaScript sent, with its name (<see cref="PopupEventRow.EventName"/>).</summary>
    public const string CustomEvent = "custom_event";

    /// <summary>The seven events, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } = [Opened, Filled, Closed, Click, Target, ElementClick, CustomEvent];
}
