using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Sdk.Operators;

/// <summary>
/// Comparisons of a yes/no value: equals or not equals <c>value</c> (<c>true</c> or <c>false</c>).
/// An unknown value matches only "not equals".
/// </summary>
public static class BooleanOperators
{
    /// <summary>Every operator.</summary>
    public static IReadOnlyList<string> All { get; } = [EqualTo, NotEqualTo];

    /// <summary>The parameters: <c>operator</c> and <c>value</c>.</summary>
    public static IReadOnlyList<ParameterDefinition> Parameters() =>
    [
        ParameterDefinition.Choice("operator", "How the value is compared.", All),
        new("value", ParameterKind.Boolean, "true or false."),
    ];

    /// <summary>Emits the comparison of <paramref name="value"/>, an expression of type <c>bool?</c>.</summary>
    public static Code Emit(ConditionArguments arguments, EmitContext context, Code value)
    {
        var op = arguments.GetString("operator");
        var expected = arguments.GetBoolean("value");
        return op switch
        {
            EqualTo => context.Expression($"{value} == {expected}"),
            NotEqualTo => context.Expression($"{value} != {expected}"),
            _ => throw new ArgumentException($"Unknown boolean operator '{op}'.", nameof(arguments)),
        };
    }

    /// <summary>The comparison as a SQL prefilter on <paramref name="value"/>: equals only; null for not equals, which holds for unknown values.</summary>
    public static SqlCode? Translate(ConditionArguments arguments, SqlContext context, SqlCode value)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        return arguments.GetString("operator") == EqualTo ? context.Sql($"{value} = {arguments.GetBoolean("value")}") : null;
    }

    /// <summary>Describes the comparison in words.</summary>
    public static string Describe(string subject, ConditionArguments arguments)
    {
        var expected = arguments.GetBoolean("value") ? "yes" : "no";
        return arguments.GetString("operator") == EqualTo
            ? $"{subject} is {expected}"
            : $"{subject} is not {expected} (or is unknown)";
    }
}
