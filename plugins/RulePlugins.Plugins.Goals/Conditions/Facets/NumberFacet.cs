using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Goals.Conditions.Facets;

/// <summary>
/// A comparison of one amount of the achievement (its goal value, its order amount), in RUB, with the SDK's
/// <see cref="NumberOperators"/> under a prefix (<c>cost_operator</c>, <c>cost_value</c>, ...). An achievement without the
/// amount has an unknown value, which only <c>not_equals</c> matches (the family's rule).
/// </summary>
internal sealed class NumberFacet(string prefix, string column, string property, string noun) : Facet
{
    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        NumberOperators.Parameters(prefix, NumberOperators.Comparisons, integer: false, minimum: null, maximum: null, required: false);

    /// <inheritdoc />
    public override bool IsGiven(ConditionArguments arguments) => arguments.Has(prefix + "operator");

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => NumberOperators.Validate(arguments, prefix);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [GoalTables.Achievements.Read(column)];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => NumberOperators.Describe(noun, arguments, " " + GoalTables.Currency, prefix);

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context)
    {
        var test = NumberOperators.Emit(arguments, context, context.Identifier("value"), integer: false, property, prefix);
        return [new(property, context.Expression($"static value => {test}"))];
    }
}
