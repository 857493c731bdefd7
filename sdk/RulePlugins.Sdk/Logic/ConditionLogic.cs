using System.Globalization;
using RulePlugins.Sdk.Conditions;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Sdk.Logic;

/// <summary>
/// What the host's logic checks (lint) know of one condition: the quantity of the profile it tests, the values of that
/// quantity for which it holds, and whether it is a negation. Two conditions with the same <see cref="Quantity"/> test
/// the same thing, so the host can tell that <c>age &gt; 30 AND age &lt; 20</c> holds for no one, or that
/// <c>city ≠ Moscow OR city ≠ Kazan</c> holds for everyone. <see cref="ConditionType.Logic"/> returns one; the
/// default, <see cref="FromOperators"/>, reads it from the SDK's operator parameters.
/// </summary>
/// <param name="quantity">Equal for two conditions that test the same value of a profile, and only then.</param>
/// <param name="holds">The values for which the condition holds.</param>
/// <param name="isNegation">Whether the condition holds by something being absent or different (not equals, not in segment, never entered).</param>
public sealed class ConditionLogic(string quantity, ValueSet holds, bool isNegation)
{
    private static readonly (string Holds, string Fails)[] SharedComplements =
    [
        (Exists, NotExists), (CurrentlyIn, CurrentlyNotIn), (EverEntered, NeverEntered), (IsNotEmpty, IsEmpty),
    ];

    private static readonly HashSet<string> FamilyParameters = new(StringComparer.Ordinal) { "operator", "value", "min", "max", "values" };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        NotEqualTo, NotInList, NotExists, NotOnce, CurrentlyNotIn, NeverEntered, NotEnteredLastDays, NotEnteredInPeriod,
    };

    /// <summary>Equal for two conditions that test the same value of a profile, and only then.</summary>
    public string Quantity { get; } = quantity;

    /// <summary>The values for which the condition holds.</summary>
    public ValueSet Holds { get; } = holds;

    /// <summary>Whether the condition holds by something being absent or different (not equals, not in segment, never entered).</summary>
    public bool IsNegation { get; } = isNegation;

    /// <summary>
    /// The logic of a condition whose comparison is one of the SDK's operator families under the usual parameter names
    /// (<c>operator</c>, <c>value</c>, <c>min</c>, <c>max</c>, <c>values</c>); null for operators it does not know
    /// (contains, counts, windows). The quantity is the condition type with every other argument, so
    /// <c>market.orders</c> with other statuses is another quantity.
    /// <list type="bullet">
    /// <item>Numbers: equals, not equals, greater, less, at least, at most, in range, in list, not in list; an unknown
    /// value is in the set only for not equals and not in list (the SDK's rule). Whole numbers when the value is an
    /// integer.</item>
    /// <item>Texts and booleans: equals, not equals, in list, not in list, ignoring case; the parameter's allowed values,
    /// when it has a fixed list, are the domain.</item>
    /// <item>Operators that complement each other: exists / not exists, currently in / currently not in, ever entered /
    /// never entered, is not empty / is empty, and the pairs in <paramref name="complements"/> (a plugin's own,
    /// such as participant / not participant).</item>
    /// </list>
    /// </summary>
    public static ConditionLogic? FromOperators(ConditionType type, ConditionArguments arguments, params IReadOnlyList<(string Holds, string Fails)> complements)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(complements);
        if (arguments.GetValue("operator") is not string op)
        {
            return null;
        }

        var quantity = QuantityOf(type, arguments);
        foreach (var (holds, fails) in complements.Concat(SharedComplements))
        {
            if (op == holds || op == fails)
            {
                return new ConditionLogic(quantity, ValueSet.Choice(op, [holds, fails]), op == fails || Negations.Contains(op));
            }
        }

        var set = arguments.GetValue(op switch { InList or NotInList => "values", InRange => "min", _ => "value" }) switch
        {
            long or decimal when op is not (InList or NotInList) => Number(op, arguments),
            IReadOnlyList<long> integers => List(op, integers.Select(i => (decimal)i), integer: true),
            IReadOnlyList<decimal> numbers => List(op, numbers, integer: false),
            string text when op is EqualTo or NotEqualTo => ValueSet.Text([text], op == NotEqualTo, op == NotEqualTo, Domain(type, "value")),
            IReadOnlyList<string> texts when op is InList or NotInList => ValueSet.Text(texts, op == NotInList, op == NotInList, Domain(type, "values")),
            bool flag when op is EqualTo or NotEqualTo => ValueSet.Text([Format(flag)], op == NotEqualTo, op == NotEqualTo, ["true", "false"]),
            _ => null,
        };
        return set is null ? null : new ConditionLogic(quantity, set, Negations.Contains(op));
    }

    private static ValueSet? Number(string op, ConditionArguments arguments)
    {
        var integer = arguments.GetValue("value") is long || arguments.GetValue("min") is long;
        decimal V(string name) => arguments.GetValue(name) switch { long l => l, decimal d => d, _ => 0m };
        return op switch
        {
            EqualTo => ValueSet.Numbers(V("value"), true, V("value"), true, integer),
            NotEqualTo => ValueSet.Numbers(null, false, V("value"), false, integer, includesUnknown: true)
                .Union(ValueSet.Numbers(V("value"), false, null, false, integer, includesUnknown: true)),
            GreaterThan => ValueSet.Numbers(V("value"), false, null, false, integer),
            LessThan => ValueSet.Numbers(null, false, V("value"), false, integer),
            GreaterOrEqual => ValueSet.Numbers(V("value"), true, null, false, integer),
            LessOrEqual => ValueSet.Numbers(null, false, V("value"), true, integer),
            InRange when arguments.Has("min") && arguments.Has("max") => ValueSet.Numbers(V("min"), true, V("max"), true, integer),
            _ => null,
        };
    }

    private static ValueSet? List(string op, IEnumerable<decimal> values, bool integer)
    {
        var points = values.Select(v => ValueSet.Numbers(v, true, v, true, integer)).ToList();
        ValueSet listed = ValueSet.Numbers(0, false, 0, false, integer);
        listed = points.Aggregate(listed, (all, point) => all.Union(point)!);
        if (op == InList)
        {
            return listed;
        }

        // Not in list: everything between the listed values, and the unknown value.
        var parts = ((NumberSet)listed).Parts;
        ValueSet rest = ValueSet.Numbers(0, false, 0, false, integer, includesUnknown: true);
        decimal? low = null;
        var lowIncluded = false;
        foreach (var part in parts)
        {
            rest = rest.Union(ValueSet.Numbers(low, lowIncluded, part.Low, false, integer))!;
            low = part.High;
            lowIncluded = false;
        }

        return rest.Union(ValueSet.Numbers(low, lowIncluded, null, false, integer));
    }

    /// <summary>
    /// A text equal for two conditions of the same type with the same arguments: texts compared ignoring case and
    /// surrounding white space, lists in any order. The host uses it to find a condition repeated in a group.
    /// </summary>
    public static string Identity(ConditionType type, ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(arguments);
        return Key(type, arguments, _ => true);
    }

    private static string QuantityOf(ConditionType type, ConditionArguments arguments) =>
        Key(type, arguments, n => !FamilyParameters.Contains(n));

    private static string Key(ConditionType type, ConditionArguments arguments, Func<string, bool> include) =>
        type.Id + "(" + string.Join(", ", arguments.Names.Where(include).Order(StringComparer.Ordinal)
            .Select(n => n + "=" + Canonical(arguments.GetValue(n)))) + ")";

    private static string Canonical(object? value) => value switch
    {
        null => "",
        string s => s.Trim().ToUpperInvariant(),
        bool b => Format(b),
        DateTimeOffset d => d.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Canonical).Order(StringComparer.Ordinal)) + "]",
        _ => value.ToString() ?? "",
    };

    private static IEnumerable<string>? Domain(ConditionType type, string parameter) =>
        type.Parameters.FirstOrDefault(p => p.Name == parameter)?.AllowedValues;

    private static string Format(bool value) => value ? "true" : "false";
}
