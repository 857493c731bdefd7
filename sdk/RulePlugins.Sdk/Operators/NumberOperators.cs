using System.Globalization;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Sdk.Operators;

/// <summary>
/// Comparisons of a number: equals, not equals, greater, less, greater or equal, less or equal, in range
/// (inclusive), and optionally in list / not in list. Parameters: <c>operator</c>, <c>value</c>, <c>min</c> and
/// <c>max</c> (in range), <c>values</c> (lists). An unknown (null) value matches only "not equals" and "not in list".
/// </summary>
public static class NumberOperators
{
    /// <summary>The seven comparisons.</summary>
    public static IReadOnlyList<string> Comparisons { get; } = [EqualTo, NotEqualTo, GreaterThan, LessThan, GreaterOrEqual, LessOrEqual, InRange];

    /// <summary>The comparisons plus in list and not in list.</summary>
    public static IReadOnlyList<string> WithLists { get; } = [.. Comparisons, InList, NotInList];

    private static readonly string[] SingleValue = [EqualTo, NotEqualTo, GreaterThan, LessThan, GreaterOrEqual, LessOrEqual];

    /// <summary>The parameters for <paramref name="operators"/>; <paramref name="integer"/> makes values whole numbers.</summary>
    public static IReadOnlyList<ParameterDefinition> Parameters(IReadOnlyList<string> operators, bool integer, decimal? minimum = null, decimal? maximum = null) =>
        Parameters(string.Empty, operators, integer, minimum, maximum, required: true);

    /// <summary>
    /// The parameters for a comparison named with <paramref name="prefix"/> (<c>quantity_operator</c>,
    /// <c>quantity_value</c>, ...), so one condition can hold several comparisons. When <paramref name="required"/>
    /// is false the operator may be left out, and the comparison does not apply.
    /// </summary>
    public static IReadOnlyList<ParameterDefinition> Parameters(string prefix, IReadOnlyList<string> operators, bool integer, decimal? minimum, decimal? maximum, bool required)
    {
        var kind = integer ? ParameterKind.Integer : ParameterKind.Number;
        var list = new List<ParameterDefinition>
        {
            ParameterDefinition.Choice(prefix + "operator", "How the number is compared.", operators) with { Required = required },
            new(prefix + "value", kind, "The number to compare with.") { RequiredWhen = new(prefix + "operator", SingleValue), Minimum = minimum, Maximum = maximum },
            new(prefix + "min", kind, "The lower end of the range (inclusive).") { RequiredWhen = new(prefix + "operator", [InRange]), Minimum = minimum, Maximum = maximum },
            new(prefix + "max", kind, "The upper end of the range (inclusive).") { RequiredWhen = new(prefix + "operator", [InRange]), Minimum = minimum, Maximum = maximum },
        };
        if (operators.Contains(InList))
        {
            list.Add(new(prefix + "values", integer ? ParameterKind.IntegerList : ParameterKind.NumberList, "The numbers for the list operators.")
            {
                RequiredWhen = new(prefix + "operator", [InList, NotInList]), Minimum = minimum, Maximum = maximum,
            });
        }

        return ForOperators(operators, prefix + "operator", list);
    }

    /// <summary>Refuses a range whose <c>min</c> is above its <c>max</c>.</summary>
    public static IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Validate(arguments, string.Empty);

    /// <summary>Refuses a range whose <c>{prefix}min</c> is above its <c>{prefix}max</c>.</summary>
    public static IEnumerable<ArgumentError> Validate(ConditionArguments arguments, string prefix)
    {
        if (arguments.Has(prefix + "operator") && arguments.GetString(prefix + "operator") == InRange
            && Value(arguments, prefix + "min") > Value(arguments, prefix + "max"))
        {
            yield return new ArgumentError(prefix + "max", $"must be greater than or equal to {prefix}min ({Format(Value(arguments, prefix + "min"))}), got {Format(Value(arguments, prefix + "max"))}");
        }
    }

    /// <summary>Emits the comparison of <paramref name="value"/>, an expression of type <c>long?</c> (integer) or <c>decimal?</c>.</summary>
    public static Code Emit(ConditionArguments arguments, EmitContext context, Code value, bool integer, string fieldHint) =>
        Emit(arguments, context, value, integer, fieldHint, string.Empty);

    /// <summary>Emits the comparison whose parameters are named with <paramref name="prefix"/>.</summary>
    public static Code Emit(ConditionArguments arguments, EmitContext context, Code value, bool integer, string fieldHint, string prefix)
    {
        Code Lit(string name) => integer ? context.Literal(arguments.GetInteger(prefix + name)) : context.Literal(arguments.GetNumber(prefix + name));
        var op = arguments.GetString(prefix + "operator");
        return op switch
        {
            EqualTo => context.Expression($"{value} == {Lit("value")}"),
            NotEqualTo => context.Expression($"{value} != {Lit("value")}"),
            GreaterThan => context.Expression($"{value} > {Lit("value")}"),
            LessThan => context.Expression($"{value} < {Lit("value")}"),
            GreaterOrEqual => context.Expression($"{value} >= {Lit("value")}"),
            LessOrEqual => context.Expression($"{value} <= {Lit("value")}"),
            InRange => context.Expression($"{value} is >= {Lit("min")} and <= {Lit("max")}"),
            InList or NotInList => EmitList(arguments, context, value, integer, fieldHint, prefix, op == InList),
            _ => throw new ArgumentException($"Unknown number operator '{op}'.", nameof(arguments)),
        };
    }

    private static Code EmitList(ConditionArguments arguments, EmitContext context, Code value, bool integer, string fieldHint, string prefix, bool inList)
    {
        var literals = integer
            ? Code.Join(", ", arguments.GetIntegerList(prefix + "values").Select(context.Literal))
            : Code.Join(", ", arguments.GetNumberList(prefix + "values").Select(context.Literal));
        var elementType = integer ? context.TypeName(typeof(HashSet<long>)) : context.TypeName(typeof(HashSet<decimal>));
        var set = context.StaticField(elementType, fieldHint + (inList ? "In" : "NotIn"), context.Expression($"new() {{ {literals} }}"));
        var numbers = context.TypeName(typeof(Runtime.Numbers));
        return inList
            ? context.Expression($"{numbers}.In({value}, {set})")
            : context.Expression($"!{numbers}.In({value}, {set})");
    }

    /// <summary>
    /// The comparison as a SQL prefilter on <paramref name="value"/> (see <see cref="Conditions.ConditionType.Translate"/>):
    /// a range or a list of the values it can hold for; null for not equals and not in list, which hold for unknown values.
    /// Decimal bounds are widened by a billionth, so a value the database stores as a double is never lost to rounding.
    /// </summary>
    public static SqlCode? Translate(ConditionArguments arguments, SqlContext context, SqlCode value, bool integer, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        if (!integer || arguments.GetString(prefix + "operator") != InList)
        {
            return Bounds(arguments, prefix) is var (low, high) ? Between(context, value, low, high, integer) : null;
        }

        var values = arguments.GetIntegerList(prefix + "values");
        return values.Count == 0 ? null : context.Sql($"{value} IN ({Join(values.Select(v => context.Value(v)))})");
    }

    /// <summary>
    /// The smallest range (both ends included, null for open) that holds every value the comparison holds for, or null
    /// when it holds for unknown values too (not equals, not in list). Used to translate a comparison, and to tell whether it
    /// can hold for a value at all (a total of no rows is 0).
    /// </summary>
    public static (decimal? Low, decimal? High)? Bounds(ConditionArguments arguments, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(arguments);
        decimal V(string name) => Value(arguments, prefix + name);
        return arguments.GetString(prefix + "operator") switch
        {
            EqualTo => (V("value"), V("value")),
            GreaterThan or GreaterOrEqual => (V("value"), null),
            LessThan or LessOrEqual => (null, V("value")),
            InRange => (V("min"), V("max")),
            InList => arguments.GetValue(prefix + "values") switch
            {
                IReadOnlyList<long> { Count: > 0 } integers => (integers.Min(), integers.Max()),
                IReadOnlyList<decimal> { Count: > 0 } numbers => (numbers.Min(), numbers.Max()),
                _ => null,
            },
            _ => null,
        };
    }

    private static SqlCode? Between(SqlContext context, SqlCode value, decimal? low, decimal? high, bool integer)
    {
        object Bound(decimal bound, int direction) =>
            integer ? (object)(long)bound : bound + direction * (Math.Abs(bound) / 1_000_000_000m + 0.000_000_001m);
        return (low, high) switch
        {
            ({ } l, { } h) => context.Sql($"{value} BETWEEN {context.Value(Bound(l, -1))} AND {context.Value(Bound(h, 1))}"),
            ({ } l, null) => context.Sql($"{value} >= {context.Value(Bound(l, -1))}"),
            (null, { } h) => context.Sql($"{value} <= {context.Value(Bound(h, 1))}"),
            _ => null,
        };
    }

    private static SqlCode Join(IEnumerable<SqlCode> parts) => new(string.Join(", ", parts.Select(p => p.Text)));

    /// <summary>Describes the comparison in words, e.g. <c>age is greater than 18</c>.</summary>
    public static string Describe(string subject, ConditionArguments arguments, string unit = "") =>
        Describe(subject, arguments, unit, string.Empty);

    /// <summary>
    /// Describes the comparison whose parameters are named with <paramref name="prefix"/>. When the value can never
    /// be unknown (a count, an order's cost), <paramref name="valueMayBeUnknown"/> false leaves out the
    /// "or is unknown" the negative operators otherwise mention.
    /// </summary>
    public static string Describe(string subject, ConditionArguments arguments, string unit, string prefix, bool valueMayBeUnknown = true)
    {
        string V(string name) => Format(Value(arguments, prefix + name)) + unit;
        var orUnknown = valueMayBeUnknown ? " or is unknown" : string.Empty;
        var op = arguments.GetString(prefix + "operator");
        return op switch
        {
            EqualTo => $"{subject} equals {V("value")}",
            NotEqualTo => $"{subject} does not equal {V("value")}{orUnknown}",
            GreaterThan => $"{subject} is greater than {V("value")}",
            LessThan => $"{subject} is less than {V("value")}",
            GreaterOrEqual => $"{subject} is at least {V("value")}",
            LessOrEqual => $"{subject} is at most {V("value")}",
            InRange => $"{subject} is between {V("min")} and {V("max")} (inclusive)",
            InList => $"{subject} is one of {ListText(arguments, prefix + "values", unit)}",
            NotInList => $"{subject} is none of {ListText(arguments, prefix + "values", unit)}{orUnknown}",
            _ => $"{subject} {op}",
        };
    }

    private static string ListText(ConditionArguments arguments, string name, string unit) =>
        string.Join(", ", arguments.GetValue(name) switch
        {
            IReadOnlyList<long> integers => integers.Select(i => Format(i)),
            _ => arguments.GetNumberList(name).Select(Format),
        }) + unit;

    private static decimal Value(ConditionArguments arguments, string name) =>
        arguments.GetValue(name) switch
        {
            long l => l,
            decimal d => d,
            var other => throw new InvalidCastException($"Parameter '{name}' is not a number: {other}"),
        };

    private static string Format(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
