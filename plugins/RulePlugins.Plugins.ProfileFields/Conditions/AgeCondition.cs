using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.ProfileFields.Conditions;

/// <summary>The profile's age in full years on the day of evaluation (UTC), from the birth date.</summary>
public sealed class AgeCondition : ConditionType
{
    private static readonly ColumnDefinition BirthDate = ProfileFieldsTable.Definition.Column("birth_date");

    /// <inheritdoc />
    public override string Id => "profile.age";

    /// <inheritdoc />
    public override string Title => "Age";

    /// <inheritdoc />
    public override string Description =>
        "The profile's age in full years at the time of evaluation, from the birth date. Profiles without a birth date match only 'not_equals' and 'not_in_list'.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        NumberOperators.Parameters(NumberOperators.WithLists, integer: true, minimum: 0, maximum: 150);

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => NumberOperators.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        [ProfileFieldsTable.Definition.Read(BirthDate.Name)];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => NumberOperators.Describe("age", arguments);

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        NumberOperators.Emit(arguments, context, Age(context), integer: true, "Age");

    /// <summary>The age in whole years at the evaluation instant (unknown without a birth date), shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Age(context);

    private static Code Age(EmitContext context) =>
        context.Expression($"{context.Clock}.AgeInYears({context.Row(ProfileFieldsTable.Definition)}?.{context.Identifier(BirthDate.PropertyName)})");
}
