namespace RulePlugins.Engine.Insight.Lint;

/// <summary>
/// A flaw in a segment's logic that does not stop it from being saved: a group that selects everyone or no one, a
/// negation joined by OR, a repeated condition. Returned beside the result of a save or a preview.
/// </summary>
/// <param name="Path">The node the warning is about, e.g. <c>rules.items[1]</c>.</param>
/// <param name="Rule">The lint rule's id, e.g. <c>or-of-negations</c> (<see cref="LintRules"/>).</param>
/// <param name="Message">What is wrong, in a sentence a marketer understands.</param>
/// <param name="Rewrite">The equivalent, or intended, form when there is one: a node in the document's JSON, or words.</param>
/// <param name="Items">The paths of the conditions involved, in document order.</param>
public sealed record LintWarning(string Path, string Rule, string Message, string? Rewrite, IReadOnlyList<string> Items);

/// <summary>The ids of the lint rules.</summary>
public static class LintRules
{
    /// <summary>Two or more negations of the same value joined by OR (seed 003's built-in logical flaw).</summary>
    public const string OrOfNegations = "or-of-negations";

    /// <summary>Conditions on the same value in one OR group that together hold for every profile.</summary>
    public const string AlwaysTrue = "always-true";

    /// <summary>Conditions on the same value in one AND group that cannot all hold, or one condition that holds for no value.</summary>
    public const string NeverTrue = "never-true";

    /// <summary>The same condition twice in one group.</summary>
    public const string Duplicate = "duplicate-condition";

    /// <summary>A nested group with a single item.</summary>
    public const string SingleItemGroup = "single-item-group";

    /// <summary>A condition naming an entity (a popup, a scenario, a program) that has no rows at all in the condition's table.</summary>
    public const string EntityWithoutData = "entity-without-data";

    /// <summary>A free-text value (a region) that no row of the condition's table holds, ignoring case: often a typo.</summary>
    public const string ValueWithoutData = "value-without-data";

    /// <summary>"Not in segment" on a segment whose last run selected many profiles (seed 000's caution).</summary>
    public const string NotInLargeSegment = "not-in-large-segment";
}
