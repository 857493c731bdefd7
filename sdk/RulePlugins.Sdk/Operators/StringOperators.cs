using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Sdk.Operators;

/// <summary>
/// Operators on a text value: equals, not equals, in list, not in list, contains, starts with, is empty,
/// is not empty. Parameters: <c>operator</c>, <c>value</c> (for equals, not equals, contains, starts with),
/// <c>values</c> (for the list operators). Negative operators (not equals, not in list) also match an empty
/// value: a profile without a city is "not in Moscow".
/// </summary>
public static class StringOperators
{
    /// <summary>Every operator, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } = [EqualTo, NotEqualTo, InList, NotInList, Contains, StartsWith, IsEmpty, IsNotEmpty];

    private static readonly string[] SingleValue = [EqualTo, NotEqualTo, Contains, StartsWith];
    private static readonly string[] ListValue = [InList, NotInList];

    /// <summary>
    /// The parameters: <c>operator</c>, <c>value</c>, <c>values</c>; <paramref name="allowedValues"/> limits the values when
    /// set. With <paramref name="operators"/>, <c>value</c> and <c>values</c> are required only for those of them that use
    /// them, and left out when none does.
    /// </summary>
    public static IReadOnlyList<ParameterDefinition> Parameters(IReadOnlyList<string>? allowedValues = null, IReadOnlyList<string>? operators = null) =>
        ForOperators(operators ?? All, "operator",
        [
            ParameterDefinition.Choice("operator", "How the value is compared.", operators ?? All),
            new("value", ParameterKind.String, "The text to compare with.")
            {
                RequiredWhen = new ParameterCondition("operator", SingleValue), AllowedValues = allowedValues,
            },
            new("values", ParameterKind.StringList, "The texts for the list operators.")
            {
                RequiredWhen = new ParameterCondition("operator", ListValue), AllowedValues = allowedValues,
            },
        ]);

    /// <summary>Emits the comparison of <paramref name="value"/> (an expression of type <c>string?</c>).</summary>
    /// <param name="arguments">The validated arguments.</param>
    /// <param name="context">The emit context.</param>
    /// <param name="value">The compared expression.</param>
    /// <param name="ignoreCase">Compare ignoring case (ordinal); otherwise ordinal and case-sensitive.</param>
    /// <param name="fieldHint">A name for lookup-set fields, e.g. "City".</param>
    public static Code Emit(ConditionArguments arguments, EmitContext context, Code value, bool ignoreCase, string fieldHint)
    {
        var text = context.TypeName(typeof(Runtime.Text));
        var suffix = ignoreCase ? "IgnoreCase" : "Ordinal";
        var op = arguments.GetString("operator");
        switch (op)
        {
            case EqualTo:
                return context.Expression($"{text}.Equals{Identifier(suffix)}({value}, {arguments.GetString("value")})");
            case NotEqualTo:
                return context.Expression($"!{text}.Equals{Identifier(suffix)}({value}, {arguments.GetString("value")})");
            case Contains:
                return context.Expression($"{text}.Contains{Identifier(suffix)}({value}, {arguments.GetString("value")})");
            case StartsWith:
                return context.Expression($"{text}.StartsWith{Identifier(suffix)}({value}, {arguments.GetString("value")})");
            case IsEmpty:
                return context.Expression($"{text}.IsEmpty({value})");
            case IsNotEmpty:
                return context.Expression($"!{text}.IsEmpty({value})");
            case InList:
            case NotInList:
                var literals = Code.Join(", ", arguments.GetStringList("values").Select(context.Literal));
                var set = context.StaticField(
                    context.TypeName(typeof(HashSet<string>)),
                    fieldHint + (op == InList ? "In" : "NotIn"),
                    context.Expression($"{text}.Set{Identifier(suffix)}({literals})"));
                return op == InList
                    ? context.Expression($"{text}.In({value}, {set})")
                    : context.Expression($"!{text}.In({value}, {set})");
            default:
                throw new ArgumentException($"Unknown string operator '{op}'.", nameof(arguments));
        }
    }

    /// <summary>
    /// The comparison as a SQL prefilter on <paramref name="value"/> (see <see cref="Conditions.ConditionType.Translate"/>):
    /// equals, contains and starts with become "contains the part" (<see cref="SqlContext.ContainsText"/>), in list one
    /// such test per value, is not empty a text that is not empty. Null for the operators that hold for empty values (not
    /// equals, not in list, is empty), and for a compared text that is empty or not printable ASCII once trimmed.
    /// </summary>
    public static SqlCode? Translate(ConditionArguments arguments, SqlContext context, SqlCode value, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        switch (arguments.GetString("operator"))
        {
            case EqualTo or Contains or StartsWith:
                return Part(arguments.GetString("value")) is { } part ? context.ContainsText(value, part, ignoreCase) : null;
            case IsNotEmpty:
                return context.Sql($"{value} <> {string.Empty}");
            case InList:
                return TranslateIn(context, value, arguments.GetStringList("values"), ignoreCase);
            default:
                return null;
        }
    }

    /// <summary>
    /// "Is one of <paramref name="values"/>" as a SQL prefilter on <paramref name="value"/>, compared as <see cref="Runtime.Text"/>
    /// compares (trimmed, ignoring case when <paramref name="ignoreCase"/>): one <see cref="SqlContext.ContainsText"/> per
    /// value; for a condition's own list parameter, such as the statuses of orders. Null for an empty list, or when a
    /// value is empty or not printable ASCII once trimmed.
    /// </summary>
    public static SqlCode? TranslateIn(SqlContext context, SqlCode value, IReadOnlyList<string> values, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(values);
        var parts = values.Select(Part).ToList();
        return parts.Count == 0 || parts.Any(p => p is null)
            ? null
            : SqlContext.Or(parts.Distinct(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal).Select(p => context.ContainsText(value, p!, ignoreCase)));
    }

    // The compared text trimmed, or null when that is empty (it equals empty values) or holds a character outside
    // printable ASCII (the database's LIKE would not read it as the predicate does).
    private static string? Part(string raw)
    {
        var trimmed = raw.Trim();
        return trimmed.Length == 0 || trimmed.Any(c => c is < ' ' or > '~') ? null : trimmed;
    }

    /// <summary>Describes the comparison in words, e.g. <c>city equals "Moscow" (ignoring case)</c>.</summary>
    public static string Describe(string subject, ConditionArguments arguments, bool ignoreCase)
    {
        var op = arguments.GetString("operator");
        var caseNote = ignoreCase ? " (ignoring case)" : string.Empty;
        return op switch
        {
            EqualTo => $"{subject} equals {Quote(arguments.GetString("value"))}{caseNote}",
            NotEqualTo => $"{subject} does not equal {Quote(arguments.GetString("value"))}{caseNote} or is empty",
            Contains => $"{subject} contains {Quote(arguments.GetString("value"))}{caseNote}",
            StartsWith => $"{subject} starts with {Quote(arguments.GetString("value"))}{caseNote}",
            IsEmpty => $"{subject} is empty",
            IsNotEmpty => $"{subject} is not empty",
            InList => $"{subject} is one of {QuoteAll(arguments.GetStringList("values"))}{caseNote}",
            NotInList => $"{subject} is none of {QuoteAll(arguments.GetStringList("values"))}{caseNote} or is empty",
            _ => $"{subject} {op}",
        };
    }

    // The suffix is one of two constants of this class, never a document value.
    private static Code Identifier(string part) => new(part);
}
