namespace RulePlugins.Benchmarks;

/// <summary>
/// Comparisons that ignore case like the plugins' ordinal ignore-case comparisons, for the hand-written SQL of sections
/// 3 and 5: SQLite's COLLATE NOCASE, and LOWER() on both sides on PostgreSQL (the data is ASCII, where both fold case
/// the same way).
/// </summary>
internal readonly record struct IgnoreCase(bool Postgres)
{
    /// <summary><paramref name="column"/> equals the literal <paramref name="value"/>.</summary>
    public string Is(string column, string value) =>
        Postgres ? $"LOWER({column}) = '{value.ToLowerInvariant()}'" : $"{column} = '{value}' COLLATE NOCASE";

    /// <summary>Two columns are equal.</summary>
    public string Same(string left, string right) =>
        Postgres ? $"LOWER({left}) = LOWER({right})" : $"{left} = {right} COLLATE NOCASE";

    /// <summary><paramref name="column"/> is one of the literal <paramref name="values"/>.</summary>
    public string In(string column, params string[] values) =>
        Postgres
            ? $"LOWER({column}) IN ({string.Join(", ", values.Select(v => $"'{v.ToLowerInvariant()}'"))})"
            : $"{column} COLLATE NOCASE IN ({string.Join(", ", values.Select(v => $"'{v}'"))})";

    /// <summary><paramref name="column"/> matches the LIKE pattern <paramref name="pattern"/>, ignoring case.</summary>
    public string Like(string column, string pattern) =>
        Postgres ? $"{column} ILIKE '{pattern}'" : $"{column} LIKE '{pattern}'";

    /// <summary><paramref name="column"/> is one of the values of <paramref name="other"/> in <paramref name="table"/>.</summary>
    public string InColumn(string column, string other, string table) =>
        Postgres
            ? $"LOWER({column}) IN (SELECT LOWER({other}) FROM {table})"
            : $"{column} COLLATE NOCASE IN (SELECT {other} FROM {table})";
}
