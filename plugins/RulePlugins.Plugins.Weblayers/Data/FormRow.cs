namespace RulePlugins.Plugins.Weblayers.Data;

/// <summary>One form of the site: a row of <c>forms</c>.</summary>
public sealed class FormRow
{
    /// <summary>The form id, what segment documents store (<c>newsletter</c>); it does not change when the form is renamed.</summary>
    public string? Id { get; set; }

    /// <summary>What people call it (<c>Newsletter signup</c>).</summary>
    public string? Name { get; set; }
}
