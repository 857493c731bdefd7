using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Plugins.Weblayers.Reference;

/// <summary>The popups and forms a condition may name: the rows of <c>popups</c> and <c>forms</c>, each an id and a name.</summary>
public static class WeblayersLookups
{
    /// <summary>The popup ids with their names, read through the lookup <c>weblayers.popups</c>.</summary>
    public static readonly DataChoices Popups = DataChoices.FromRows<PopupRow>(
        "popup", "weblayers.popups", WeblayersTables.Popups, row => row.Id, row => row.Name);

    /// <summary>The form ids with their names, read through the lookup <c>weblayers.forms</c>.</summary>
    public static readonly DataChoices Forms = DataChoices.FromRows<FormRow>(
        "form", "weblayers.forms", WeblayersTables.Forms, row => row.Id, row => row.Name);
}
