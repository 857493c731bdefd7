using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.ProfileFields.Conditions;

/// <summary>A date field compared by UTC calendar day, or against the evaluation clock ("in the last 30 days").</summary>
public sealed class DateFieldCondition(string column, string title, string words) : FieldCondition(column, title, words)
{
    /// <inheritdoc />
    public override string Description =>
        $"Compares the profile's {Words} by calendar day (UTC), or with now. 'not_equals' also matches profiles with no {Words}.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = DateOperators.Parameters();

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => DateOperators.Validate(arguments);

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => DateOperators.Describe(Words, arguments);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        DateOperators.Emit(arguments, context, Field(context));

    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        DateOperators.Translate(arguments, context, Field(context));
}
