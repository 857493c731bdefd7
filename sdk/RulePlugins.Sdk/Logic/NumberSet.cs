namespace RulePlugins.Sdk.Logic;

/// <summary>One interval of a <see cref="NumberSet"/>; a null end is unbounded.</summary>
internal readonly record struct NumberInterval(decimal? Low, bool LowIncluded, decimal? High, bool HighIncluded);

/// <summary>A union of disjoint, sorted intervals of numbers (whole numbers only when <see cref="Integer"/>).</summary>
internal sealed class NumberSet : ValueSet
{
    private NumberSet(bool integer, IReadOnlyList<NumberInterval> parts, bool includesUnknown)
        : base(includesUnknown, canBeUnknown: true)
    {
        Integer = integer;
        Parts = parts;
    }

    public bool Integer { get; }

    public IReadOnlyList<NumberInterval> Parts { get; }

    public override bool IsEmpty => Parts.Count == 0;

    public override bool IsEverything => Parts is [{ Low: null, High: null }];

    public static NumberSet Create(bool integer, IEnumerable<NumberInterval> parts, bool includesUnknown)
    {
        var normal = parts.Select(p => integer ? ToWholeNumbers(p) : p).Where(p => !IsEmptyInterval(p))
            .OrderBy(p => p.Low.HasValue).ThenBy(p => p.Low ?? 0).ThenBy(p => p.LowIncluded ? 0 : 1).ToList();
        var merged = new List<NumberInterval>();
        foreach (var part in normal)
        {
            if (merged.Count > 0 && Touches(merged[^1], part, integer))
            {
                var last = merged[^1];
                var highest = last.High is null || (part.High is not null && (last.High > part.High || (last.High == part.High && last.HighIncluded)));
                merged[^1] = highest ? last : last with { High = part.High, HighIncluded = part.HighIncluded };
            }
            else
            {
                merged.Add(part);
            }
        }

        return new NumberSet(integer, merged, includesUnknown);
    }

    public override ValueSet? Intersect(ValueSet other) =>
        other is NumberSet numbers && numbers.Integer == Integer
            ? Create(Integer, Parts.SelectMany(a => numbers.Parts.Select(b => Both(a, b))), IncludesUnknown && other.IncludesUnknown)
            : null;

    public override ValueSet? Union(ValueSet other) =>
        other is NumberSet numbers && numbers.Integer == Integer
            ? Create(Integer, Parts.Concat(numbers.Parts), IncludesUnknown || other.IncludesUnknown)
            : null;

    private static NumberInterval Both(NumberInterval a, NumberInterval b)
    {
        var (low, lowIncluded) = a.Low is null ? (b.Low, b.LowIncluded)
            : b.Low is null || a.Low > b.Low ? (a.Low, a.LowIncluded)
            : a.Low < b.Low ? (b.Low, b.LowIncluded)
            : (a.Low, a.LowIncluded && b.LowIncluded);
        var (high, highIncluded) = a.High is null ? (b.High, b.HighIncluded)
            : b.High is null || a.High < b.High ? (a.High, a.HighIncluded)
            : a.High > b.High ? (b.High, b.HighIncluded)
            : (a.High, a.HighIncluded && b.HighIncluded);
        return new NumberInterval(low, lowIncluded, high, highIncluded);
    }

    // Whole numbers only: both ends become included whole numbers (> 30 is >= 31, <= 4.5 is <= 4).
    private static NumberInterval ToWholeNumbers(NumberInterval p) => new(
        p.Low is { } low ? (p.LowIncluded ? Math.Ceiling(low) : Math.Floor(low) + 1) : null,
        true,
        p.High is { } high ? (p.HighIncluded ? Math.Floor(high) : Math.Ceiling(high) - 1) : null,
        true);

    private static bool IsEmptyInterval(NumberInterval p) =>
        p.Low is { } low && p.High is { } high && (low > high || (low == high && !(p.LowIncluded && p.HighIncluded)));

    // Whether b (starting at or after a's start) overlaps a or continues it without a gap.
    private static bool Touches(NumberInterval a, NumberInterval b, bool integer)
    {
        if (a.High is not { } high || b.Low is not { } low)
        {
            return true;
        }

        return integer ? low <= high + 1 : low < high || (low == high && (a.HighIncluded || b.LowIncluded));
    }
}
