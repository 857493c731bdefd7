using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

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

    /// <summary>
    /// Bounds on the birth date, with room to spare: an age of at least a is a birth at least a × 365 days before now
    /// (a calendar year has at least 365 days), one of at most b a birth less than (b + 1) × 366 days before now; a day
    /// more on each side covers the time of day. The predicate computes the age exactly.
    /// </summary>
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context)
    {
        if (NumberOperators.Bounds(arguments) is not var (low, high))
        {
            return null;
        }

        var birth = context.Column(ProfileFieldsTable.Definition, BirthDate.Name);
        const long Day = 86_400_000;
        var bornBefore = low is { } l ? context.Sql($"{birth} <= {context.Now} - {((long)l * 365 - 1) * Day}") : null;
        var bornAfter = high is { } h ? context.Sql($"{birth} >= {context.Now} - {(((long)h + 1) * 366 + 1) * Day}") : null;
        return SqlContext.And([bornBefore, bornAfter]);
    }

    private static Code Age(EmitContext context) =>
        context.Expression($"{context.Clock}.AgeInYears({context.Row(ProfileFieldsTable.Definition)}?.{context.Identifier(BirthDate.PropertyName)})");
}
