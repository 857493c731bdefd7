namespace RulePlugins.Plugins.Weblayers.DemoData;

/// <summary>
/// One popup of the demo site and how profiles react to it.
/// </summary>
/// <param name="Id">The popup id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Weight">How often it targets a profile, relative to the others.</param>
/// <param name="OpenRate">The chance a target is shown (opened): the rest were held back by limits.</param>
/// <param name="FillRate">The chance an opening ends with its form submitted; 0 for a popup without a form.</param>
/// <param name="Elements">The name attributes of its clickable elements, for element clicks.</param>
/// <param name="CustomEvents">The custom events its JavaScript sends.</param>
public sealed record DemoPopup(string Id, string Name, double Weight, double OpenRate, double FillRate, IReadOnlyList<string> Elements, IReadOnlyList<string> CustomEvents);
