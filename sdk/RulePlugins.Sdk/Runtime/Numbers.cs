namespace RulePlugins.Sdk.Runtime;

/// <summary>Number tests that generated predicates call. An unknown (null) number is in no set.</summary>
public static class Numbers
{
    /// <summary>True when <paramref name="value"/> is known and in <paramref name="set"/>.</summary>
    public static bool In(long? value, HashSet<long> set) => value is { } v && set.Contains(v);

    /// <summary>True when <paramref name="value"/> is known and in <paramref name="set"/>.</summary>
    public static bool In(decimal? value, HashSet<decimal> set) => value is { } v && set.Contains(v);
}
