using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.ProfileFields.Conditions;

/// <summary>
/// A text field compared with the string operators, ignoring case (ordinal): "moscow" equals "Moscow".
/// "Not equals" and "not in list" also match profiles where the field is empty.
/// </summary>
public sealed class TextFieldCondition(string column, string title, string words, IReadOnlyList<string>? allowedValues = null, IReadOnlyList<string>? operators = null)
    : FieldCondition(column, title, words)
{
    /// <inheritdoc />
    public override string Description =>
        $"Compares the profile's {Words} as text, ignoring case. 'not_equals' and 'not_in_list' also match profiles with no {Words}.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } = StringOperators.Parameters(allowedValues, operators);

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => StringOperators.Describe(Words, arguments, ignoreCase: true);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        StringOperators.Emit(arguments, context, Field(context), ignoreCase: true, Column.PropertyName);

    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        StringOperators.Translate(arguments, context, Field(context), ignoreCase: true);
}
