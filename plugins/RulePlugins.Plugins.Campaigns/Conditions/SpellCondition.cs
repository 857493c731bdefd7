using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.Campaigns.Conditions;

/// <summary>
/// Where a profile has been with one entity (a campaign, a campaign group): an entity parameter whose values come from
/// reference data, then the SDK's membership-history family (<see cref="MembershipHistoryOperators"/>) over the spells
/// of the entity. The family decides every operator; this class adds only which spells count: those whose entity column
/// equals the chosen id (ignoring case and surrounding white space).
/// </summary>
public abstract class SpellCondition : ConditionType
{
    private readonly MembershipHistoryOperators _history;
    private readonly string _entityColumn;
    private readonly string _noun;

    /// <summary>
    /// A condition over the spells of <paramref name="history"/>'s table whose <paramref name="entityColumn"/> holds the
    /// value of <paramref name="entityParameter"/>; <paramref name="noun"/> names the entity in words (<c>campaign</c>).
    /// </summary>
    protected SpellCondition(ParameterDefinition entityParameter, string entityColumn, MembershipHistoryOperators history, string noun)
    {
        ArgumentNullException.ThrowIfNull(entityParameter);
        ArgumentNullException.ThrowIfNull(history);
        _history = history;
        _entityColumn = history.Table.Column(entityColumn).Name;
        _noun = noun;
        EntityParameter = entityParameter.Name;
        Parameters = [entityParameter with { MatchesColumn = _entityColumn }, .. history.Parameters];
    }

    /// <summary>The parameter naming the entity.</summary>
    public string EntityParameter { get; }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => _history.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        _history.GetDataRequirements(arguments, _entityColumn);

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return _history.Describe(arguments, $"{_noun} \"{arguments.GetString(EntityParameter)}\"");
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) => _history.Emit(arguments, context, Match(arguments, context));

    /// <summary>The number of entries the windowed operators count, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => _history.EmitValue(arguments, context, Match(arguments, context));

    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return _history.Translate(arguments, context, rows =>
            StringOperators.TranslateIn(rows.Context, rows.Column(_entityColumn), [arguments.GetString(EntityParameter)], ignoreCase: true));
    }

    private Code Match(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var text = context.TypeName(typeof(Text));
        var property = context.Identifier(_history.Table.Column(_entityColumn).PropertyName);
        return context.Expression($"static row => {text}.EqualsIgnoreCase(row.{property}, {arguments.GetString(EntityParameter)})");
    }
}
