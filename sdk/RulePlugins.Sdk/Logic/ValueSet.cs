namespace RulePlugins.Sdk.Logic;

/// <summary>
/// The values of one quantity of a profile (its city, its age, whether it is in a segment) for which a condition holds,
/// as far as the host's logic checks need to know: two conditions on the same quantity can be combined, and the result
/// tested for holding for no value or for every value. Build one with <see cref="Numbers"/>, <see cref="Text"/> or
/// <see cref="ConditionLogic.FromOperators"/>.
/// </summary>
public abstract class ValueSet
{
    private protected ValueSet(bool includesUnknown, bool canBeUnknown)
    {
        IncludesUnknown = includesUnknown && canBeUnknown;
        CanBeUnknown = canBeUnknown;
    }

    /// <summary>Whether the condition also holds when the profile has no value (the field is empty, the row is missing).</summary>
    public bool IncludesUnknown { get; }

    /// <summary>
    /// Whether a profile can have no value of the quantity at all; false for a quantity every profile has (whether it is
    /// in a segment, whether it has an order), where <see cref="IsEverything"/> means every profile.
    /// </summary>
    public bool CanBeUnknown { get; }

    /// <summary>True when no known value is in the set (the unknown value may still be: see <see cref="IncludesUnknown"/>).</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>True when every known value is in the set.</summary>
    public abstract bool IsEverything { get; }

    /// <summary>The values in both sets (an AND of the two conditions); null when the two are not sets of the same kind.</summary>
    public abstract ValueSet? Intersect(ValueSet other);

    /// <summary>The values in either set (an OR of the two conditions); null when the two are not sets of the same kind.</summary>
    public abstract ValueSet? Union(ValueSet other);

    /// <summary>
    /// Numbers between <paramref name="low"/> and <paramref name="high"/> (null: unbounded), each end included or not;
    /// with <paramref name="integer"/>, only whole numbers are values, so <c>&gt; 30 AND &lt; 31</c> is empty.
    /// </summary>
    public static ValueSet Numbers(decimal? low, bool lowIncluded, decimal? high, bool highIncluded, bool integer, bool includesUnknown = false) =>
        NumberSet.Create(integer, [new NumberInterval(low, lowIncluded, high, highIncluded)], includesUnknown);

    /// <summary>
    /// The texts <paramref name="values"/> (compared ignoring case and surrounding white space), or with
    /// <paramref name="complement"/> every text but them. <paramref name="domain"/>, when given, is every value the
    /// quantity can take (a fixed list of choices), so that naming all of them is everything.
    /// </summary>
    public static ValueSet Text(IEnumerable<string> values, bool complement, bool includesUnknown = false, IEnumerable<string>? domain = null) =>
        new TextSet(TextSet.Normalize(values), complement, includesUnknown, domain is null ? null : TextSet.Normalize(domain), canBeUnknown: true);

    /// <summary>
    /// One of <paramref name="domain"/>, a quantity every profile has exactly one value of: the operators of a pair that
    /// complement each other (in segment / not in segment, participant / not participant), so that the two joined by OR
    /// hold for every profile and joined by AND for none.
    /// </summary>
    public static ValueSet Choice(string value, IEnumerable<string> domain) =>
        new TextSet(TextSet.Normalize([value]), complement: false, includesUnknown: false, TextSet.Normalize(domain), canBeUnknown: false);
}
