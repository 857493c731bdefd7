namespace RulePlugins.Plugins.Weblayers.Data;

/// <summary>One popup of the site: a row of <c>popups</c>.</summary>
public sealed class PopupRow
{
    /// <summary>The popup id, what segment documents store (<c>spin-wheel</c>); it does not change when the popup is renamed.</summary>
    public string? Id { get; set; }

    /// <summary>What people call it (<c>Spin the wheel</c>).</summary>
    public string? Name { get; set; }
}
