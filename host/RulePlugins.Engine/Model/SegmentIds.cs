using System.Text.RegularExpressions;

namespace RulePlugins.Engine.Model;

/// <summary>
/// The ids every segment may have, with rules or static: 1 to 64 lower-case letters, digits or dashes, starting with a
/// letter or digit. One rule for documents and for static segments, which share the ids.
/// </summary>
public static partial class SegmentIds
{
    /// <summary>What a valid id looks like, for error messages.</summary>
    public const string Rule = "must be 1 to 64 lower-case letters, digits or dashes, starting with a letter or digit";

    /// <summary>Whether <paramref name="id"/> is a valid segment id.</summary>
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,63}\z")]
    private static partial Regex Pattern();
}
