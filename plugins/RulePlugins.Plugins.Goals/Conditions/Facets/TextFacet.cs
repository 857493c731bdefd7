using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Plugins.Goals.Conditions.Facets;

/// <summary>
/// A check of one text column of <c>goal_achievements</c> with one parameter, compared by the SDK's
/// <see cref="StringOperators"/> ignoring case and surrounding white space: an entity id (equals), a list (one of), a part
/// (contains), or whether the column has a value. The facets differ only in these data.
/// </summary>
internal sealed class TextFacet : Facet
{
    private readonly string _column;
    private readonly string _property;
    private readonly string _noun;
    private readonly Func<ConditionArguments, string, ConditionArguments> _comparison;

    private TextFacet(ParameterDefinition parameter, string column, string property, string noun, Func<ConditionArguments, string, ConditionArguments> comparison)
    {
        Parameters = [parameter];
        _column = column;
        _property = property;
        _noun = noun;
        _comparison = comparison;
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; }

    private string Name => Parameters[0].Name;

    /// <summary>The achievement is of one entity (a goal, a pixel), by its id in a reference table.</summary>
    public static TextFacet Entity(string name, string column, string property, string noun, DataChoices choices, string description) => new(
        new(name, ParameterKind.String, description) { Required = false, ChoicesFrom = choices, MatchesColumn = column },
        column, property, noun,
        static (arguments, name) => FamilyArguments.Fixed(EqualTo, "value", arguments.GetString(name)));

    /// <summary>The column is one of the values given (ignoring case); an achievement without a value is in no list.</summary>
    public static TextFacet OneOf(string column, string property, string noun) => new(
        new(column, ParameterKind.StringList, $"Achievements whose {noun} is one of these (ignoring case and surrounding spaces); one without a {noun} is in no list.") { Required = false },
        column, property, noun,
        static (arguments, name) => FamilyArguments.Fixed(InList, "values", arguments.GetStringList(name)));

    /// <summary>The column contains the text given (ignoring case); an achievement without a value contains nothing.</summary>
    public static TextFacet Contains(string name, string column, string property, string noun) => new(
        new(name, ParameterKind.String, $"Achievements whose {noun} contains this text (ignoring case and surrounding spaces); one without a {noun} does not.") { Required = false },
        column, property, noun,
        static (arguments, name) => FamilyArguments.Fixed(OperatorNames.Contains, "value", arguments.GetString(name)));

    /// <summary>With <c>true</c>, the column has a value; with <c>false</c>, it is empty (null or only spaces).</summary>
    public static TextFacet Presence(string name, string column, string property, string noun) => new(
        new(name, ParameterKind.Boolean, $"true: achievements with a {noun}; false: achievements without one (empty or only spaces).") { Required = false },
        column, property, noun,
        static (arguments, name) => FamilyArguments.Fixed(arguments.GetBoolean(name) ? IsNotEmpty : IsEmpty));

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [GoalTables.Achievements.Read(_column)];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => StringOperators.Describe(_noun, _comparison(arguments, Name), ignoreCase: true);

    /// <inheritdoc />
    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return StringOperators.Translate(_comparison(arguments, Name), rows.Context, rows.Column(_column), ignoreCase: true);
    }

    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context)
    {
        var test = StringOperators.Emit(_comparison(arguments, Name), context, context.Identifier("value"), ignoreCase: true, _property);
        return [new(_property, context.Expression($"static value => {test}"))];
    }
}
