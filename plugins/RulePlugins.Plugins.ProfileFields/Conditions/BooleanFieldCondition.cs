using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.ProfileFields.Conditions;

/// <summary>A yes/no field, such as the subscription status of a channel.</summary>
public sealed class BooleanFieldCondition(string column, string title, string words) : FieldCondition(column, title, words)
{
    /// <inheritdoc />
    public override string Description => $"Whether the profile {Words}. 'not_equals' also matches profiles where it is unknown.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = BooleanOperators.Parameters();

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => BooleanOperators.Describe(Words, arguments);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        BooleanOperators.Emit(arguments, context, Field(context));

    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        BooleanOperators.Translate(arguments, context, Field(context));
}
