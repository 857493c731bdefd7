using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Validation;

/// <summary>One page of the values a parameter accepts, for a rule builder's dropdown.</summary>
/// <param name="Noun">What one value is (<c>campaign</c>), or <c>value</c> for a fixed list.</param>
/// <param name="Total">How many values match the search in all.</param>
/// <param name="Values">The values of this page, ordered by name then value.</param>
public sealed record ChoicePage(string Noun, int Total, IReadOnlyList<DataChoice> Values);

/// <summary>
/// Searching and ranking the values a parameter accepts: the page a catalogue lists, and the closest values to one that
/// is not known, for a save's error message. Matching ignores case; an entity is found by its id or by its name.
/// </summary>
public static class ChoiceSearch
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxLimit = 1000;

    /// <summary>
    /// The choices whose value or name contains <paramref name="search"/> (all of them when it is empty), ordered by
    /// name then value, at most <paramref name="limit"/> of them.
    /// </summary>
    public static ChoicePage Page(string noun, IReadOnlyList<DataChoice> choices, string? search, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var term = search?.Trim() ?? string.Empty;
        var found = choices
            .Where(c => term.Length == 0 || c.Value.Contains(term, StringComparison.OrdinalIgnoreCase) || c.Name.Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Value, StringComparer.Ordinal)
            .ToList();
        return new ChoicePage(noun, found.Count, [.. found.Take(limit)]);
    }

    /// <summary>
    /// The <paramref name="count"/> choices closest to <paramref name="value"/>: fewest edits to the id or the name,
    /// ignoring case; a choice whose id or name contains the value, or is contained in it, comes first.
    /// </summary>
    public static IReadOnlyList<DataChoice> Closest(IReadOnlyList<DataChoice> choices, string value, int count)
    {
        var wanted = value.ToLowerInvariant();
        return [.. choices
            .Select(c => (Choice: c, Score: Math.Min(Score(wanted, c.Value.ToLowerInvariant()), Score(wanted, c.Name.ToLowerInvariant()))))
            .OrderBy(s => s.Score)
            .ThenBy(s => s.Choice.Value, StringComparer.Ordinal)
            .Take(count)
            .Select(s => s.Choice)];
    }

    /// <summary>A choice in words: <c>spring (Spring sale)</c>, or the value alone when it is its own name.</summary>
    public static string Show(DataChoice choice) =>
        Text.IgnoreCaseComparer.Equals(choice.Value, choice.Name) ? choice.Value : $"{choice.Value} ({choice.Name})";

    private static int Score(string wanted, string candidate)
    {
        var distance = Distance(wanted, candidate);
        return candidate.Contains(wanted, StringComparison.Ordinal) || wanted.Contains(candidate, StringComparison.Ordinal) ? distance / 4 : distance;
    }

    // Levenshtein distance with two rows; both strings are short (ids and names).
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
