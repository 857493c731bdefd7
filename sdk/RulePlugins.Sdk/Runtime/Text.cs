namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// String tests that generated predicates call. Text is compared the way a rule author reads it: leading and trailing
/// white space never counts, on either side (a region stored as <c>" Kazan"</c> equals <c>"Kazan"</c>), and the
/// <c>IgnoreCase</c> tests ignore case (ordinal). Null, empty and white-space-only strings count as "empty".
/// Plugins comparing text in their own helpers use <see cref="IgnoreCaseComparer"/> or <see cref="OrdinalComparer"/>
/// so the database path and the real-time path agree.
/// </summary>
public static class Text
{
    /// <summary>Equality ignoring surrounding white space and case (ordinal), for sets and dictionaries of text.</summary>
    public static IEqualityComparer<string> IgnoreCaseComparer { get; } = new TrimmedComparer(StringComparison.OrdinalIgnoreCase);

    /// <summary>Equality ignoring surrounding white space, case-sensitive (ordinal).</summary>
    public static IEqualityComparer<string> OrdinalComparer { get; } = new TrimmedComparer(StringComparison.Ordinal);

    /// <summary>True when <paramref name="value"/> is null, empty or only white space.</summary>
    public static bool IsEmpty(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>Equality ignoring case (ordinal) and surrounding white space; an empty value equals nothing but another empty value.</summary>
    public static bool EqualsIgnoreCase(string? value, string expected) =>
        Trimmed(value).Equals(expected.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Substring test ignoring case (ordinal) and surrounding white space.</summary>
    public static bool ContainsIgnoreCase(string? value, string part) =>
        value is not null && Trimmed(value).Contains(part.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Prefix test ignoring case (ordinal) and surrounding white space.</summary>
    public static bool StartsWithIgnoreCase(string? value, string prefix) =>
        value is not null && Trimmed(value).StartsWith(prefix.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>A set for "in list" tests, ignoring case (ordinal) and surrounding white space.</summary>
    public static HashSet<string> SetIgnoreCase(params string[] values) => new(values, IgnoreCaseComparer);

    /// <summary>True when <paramref name="value"/>, without its surrounding white space, is in <paramref name="set"/>; null is in no set.</summary>
    public static bool In(string? value, HashSet<string> set) =>
        value is not null && set.Contains(set.Comparer is TrimmedComparer ? value : value.Trim());

    /// <summary>Case-sensitive equality (ordinal) ignoring surrounding white space; an empty value equals nothing but another empty value.</summary>
    public static bool EqualsOrdinal(string? value, string expected) =>
        Trimmed(value).Equals(expected.AsSpan().Trim(), StringComparison.Ordinal);

    /// <summary>Case-sensitive substring test (ordinal) ignoring surrounding white space.</summary>
    public static bool ContainsOrdinal(string? value, string part) =>
        value is not null && Trimmed(value).Contains(part.AsSpan().Trim(), StringComparison.Ordinal);

    /// <summary>Case-sensitive prefix test (ordinal) ignoring surrounding white space.</summary>
    public static bool StartsWithOrdinal(string? value, string prefix) =>
        value is not null && Trimmed(value).StartsWith(prefix.AsSpan().Trim(), StringComparison.Ordinal);

    /// <summary>A set for "in list" tests, case-sensitive (ordinal), ignoring surrounding white space.</summary>
    public static HashSet<string> SetOrdinal(params string[] values) => new(values, OrdinalComparer);

    private static ReadOnlySpan<char> Trimmed(string? value) => value.AsSpan().Trim();

    private sealed class TrimmedComparer(StringComparison comparison) : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) =>
            x is null || y is null ? x is null && y is null : x.AsSpan().Trim().Equals(y.AsSpan().Trim(), comparison);

        public int GetHashCode(string obj) => string.GetHashCode(obj.AsSpan().Trim(), comparison);
    }
}
