namespace RulePlugins.Plugins.Weblayers.Data;

/// <summary>One submission of a form by a profile: a row of <c>form_fills</c>. A profile may fill a form several times.</summary>
public sealed class FormFillRow
{
    /// <summary>The form's id (<see cref="FormRow.Id"/>).</summary>
    public string? FormId { get; set; }

    /// <summary>When the form was submitted, Unix milliseconds (UTC).</summary>
    public long FilledAt { get; set; }
}
