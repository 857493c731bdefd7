namespace RulePlugins.Sdk.Runtime;

/// <summary>String tests that generated predicates call. Null and empty strings count as "empty".</summary>
public static class Text
{
    /// <summary>True when <paramref name="value"/> is null, empty or only white space.</summary>
    public static bool IsEmpty(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>Ordinal, case-insensitive equality; an empty value equals nothing but another empty value.</summary>
    public static bool EqualsIgnoreCase(string? value, string expected) =>
        string.Equals(value ?? string.Empty, expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>Ordinal, case-insensitive substring test.</summary>
    public static bool ContainsIgnoreCase(string? value, string part) =>
        value is not null && value.Contains(part, StringComparison.OrdinalIgnoreCase);

    /// <summary>Ordinal, case-insensitive prefix test.</summary>
    public static bool StartsWithIgnoreCase(string? value, string prefix) =>
        value is not null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A set for "in list" tests, case-insensitive (ordinal).</summary>
    public static HashSet<string> SetIgnoreCase(params string[] values) => new(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="value"/> is in <paramref name="set"/>; null is in no set.</summary>
    public static bool In(string? value, HashSet<string> set) => value is not null && set.Contains(value);

    /// <summary>Ordinal, case-sensitive equality; an empty value equals nothing but another empty value.</summary>
    public static bool EqualsOrdinal(string? value, string expected) =>
        string.Equals(value ?? string.Empty, expected, StringComparison.Ordinal);

    /// <summary>Ordinal, case-sensitive substring test.</summary>
    public static bool ContainsOrdinal(string? value, string part) =>
        value is not null && value.Contains(part, StringComparison.Ordinal);

    /// <summary>Ordinal, case-sensitive prefix test.</summary>
    public static bool StartsWithOrdinal(string? value, string prefix) =>
        value is not null && value.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>A set for "in list" tests, case-sensitive (ordinal).</summary>
    public static HashSet<string> SetOrdinal(params string[] values) => new(values, StringComparer.Ordinal);
}
