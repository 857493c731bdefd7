namespace RulePlugins.Sdk.Logic;

/// <summary>
/// A finite set of texts, or with <see cref="Complement"/> every text but a finite set; compared ignoring case and
/// surrounding white space. <see cref="Domain"/>, when known, is every value the quantity can take.
/// </summary>
internal sealed class TextSet(IReadOnlySet<string> values, bool complement, bool includesUnknown, IReadOnlySet<string>? domain, bool canBeUnknown)
    : ValueSet(includesUnknown, canBeUnknown)
{
    public IReadOnlySet<string> Values { get; } = values;

    public bool Complement { get; } = complement;

    public IReadOnlySet<string>? Domain { get; } = domain;

    public override bool IsEmpty => Domain is { } domain
        ? (Complement ? domain.All(Values.Contains) : !domain.Any(Values.Contains))
        : !Complement && Values.Count == 0;

    public override bool IsEverything => Domain is { } domain
        ? (Complement ? !domain.Any(Values.Contains) : domain.All(Values.Contains))
        : Complement && Values.Count == 0;

    public static IReadOnlySet<string> Normalize(IEnumerable<string> values) =>
        values.Select(v => v.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);

    public override ValueSet? Intersect(ValueSet other)
    {
        if (other is not TextSet text)
        {
            return null;
        }

        var unknown = IncludesUnknown && other.IncludesUnknown;
        return (Complement, text.Complement) switch
        {
            (false, false) => With(Values.Where(text.Values.Contains), false, unknown, text),
            (true, true) => With(Values.Concat(text.Values), true, unknown, text),
            (false, true) => With(Values.Where(v => !text.Values.Contains(v)), false, unknown, text),
            (true, false) => With(text.Values.Where(v => !Values.Contains(v)), false, unknown, text),
        };
    }

    public override ValueSet? Union(ValueSet other)
    {
        if (other is not TextSet text)
        {
            return null;
        }

        var unknown = IncludesUnknown || other.IncludesUnknown;
        return (Complement, text.Complement) switch
        {
            (false, false) => With(Values.Concat(text.Values), false, unknown, text),
            (true, true) => With(Values.Where(text.Values.Contains), true, unknown, text),
            (false, true) => With(text.Values.Where(v => !Values.Contains(v)), true, unknown, text),
            (true, false) => With(Values.Where(v => !text.Values.Contains(v)), true, unknown, text),
        };
    }

    private TextSet With(IEnumerable<string> values, bool complement, bool unknown, TextSet other) =>
        new(values.ToHashSet(StringComparer.Ordinal), complement, unknown, Domain ?? other.Domain, CanBeUnknown && other.CanBeUnknown);
}
