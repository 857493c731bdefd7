using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Plugins.Goals.Conditions;

/// <summary>
/// Hands an SDK operator family that names its parameters without a prefix (<see cref="Sdk.Operators.StringOperators"/>,
/// <see cref="Sdk.Operators.DateOperators"/>, <see cref="Sdk.Operators.BooleanOperators"/>: <c>operator</c>, <c>value</c>,
/// ...) the parameters of one facet under a prefix (<c>data1_string_operator</c>, ...), so a condition can hold several
/// comparisons of one family. Only the names change: the family's kinds, ranges and dependencies stay as it defines
/// them, and its emission, words and unknown-value rules are used as they are.
/// </summary>
internal static class FamilyArguments
{
    /// <summary>
    /// The family's <paramref name="parameters"/> named with <paramref name="prefix"/>, their dependencies too. A parameter
    /// the family does not make depend on another one (its <c>operator</c>, the boolean family's <c>value</c>) becomes
    /// required (or optional, as the family has it) for the values <paramref name="whenValues"/> of <paramref name="when"/>,
    /// and refused otherwise.
    /// </summary>
    public static IReadOnlyList<ParameterDefinition> Prefixed(string prefix, IEnumerable<ParameterDefinition> parameters, string when, IReadOnlyList<string> whenValues) =>
    [
        .. parameters.Select(p => new ParameterDefinition(prefix + p.Name, p.Kind, p.Description)
        {
            Required = p.Required,
            DependsOn = p.DependsOn is { } dependency
                ? dependency with { Parameter = prefix + dependency.Parameter }
                : p.Required ? new ParameterDependency(when, whenValues, []) : new ParameterDependency(when, [], whenValues),
            AllowedValues = p.AllowedValues,
            Minimum = p.Minimum,
            Maximum = p.Maximum,
            ReferencesSegment = p.ReferencesSegment,
            ChoicesFrom = p.ChoicesFrom,
            MatchesColumn = p.MatchesColumn,
        }),
    ];

    /// <summary>The arguments named with <paramref name="prefix"/>, under the family's own names (the prefix removed).</summary>
    public static ConditionArguments Unprefixed(ConditionArguments arguments, string prefix)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in arguments.Names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            values[name[prefix.Length..]] = arguments.GetValue(name)!;
        }

        return new ConditionArguments(values);
    }

    /// <summary>The arguments a family reads for one fixed comparison: <c>operator</c> and, when given, its value.</summary>
    public static ConditionArguments Fixed(string op, string? valueName = null, object? value = null) =>
        new(valueName is null ? new Dictionary<string, object> { ["operator"] = op } : new Dictionary<string, object> { ["operator"] = op, [valueName] = value! });

    /// <summary>An error a family found, at the prefixed parameter's path.</summary>
    public static ArgumentError Prefixed(string prefix, ArgumentError error) => error with { Parameter = prefix + error.Parameter };
}
