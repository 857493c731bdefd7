using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Plugins.Goals.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Goals.Conditions.Facets;

/// <summary>
/// One comparison of a <c>pixel_data</c> key (slot <c>data1_</c>, <c>data2_</c>, <c>data3_</c>): <c>{slot}key</c>,
/// <c>{slot}kind</c> (string, number, date or boolean) and the comparison of that kind's SDK family under
/// <c>{slot}{kind}_</c>: <see cref="StringOperators"/> (ignoring case), <see cref="NumberOperators"/>,
/// <see cref="DateOperators"/> or <see cref="BooleanOperators"/>. The parameters of the other kinds are refused (with their
/// path) by their dependency on the kind. A missing key, or one holding another kind, is an unknown value for the
/// comparison (see <see cref="PixelData"/>), with the family's own rule: only the negative operators match it.
/// </summary>
internal sealed class PixelDataFacet : Facet
{
    /// <summary>The kinds a key is compared as.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [StringKind, NumberKind, DateKind, BooleanKind];

    private const string StringKind = "string";
    private const string NumberKind = "number";
    private const string DateKind = "date";
    private const string BooleanKind = "boolean";

    private readonly string _slot;
    private readonly string _property;

    /// <summary>Slot <paramref name="number"/> (1, 2, 3), setting <c>AchievementFilter.Data{number}</c>.</summary>
    public PixelDataFacet(int number)
    {
        _slot = $"data{number}_";
        _property = $"Data{number}";
        var kind = _slot + "kind";
        var numberOperator = Prefix(NumberKind) + "operator";
        Parameters =
        [
            ParameterDefinition.Choice(kind, $"Compares a key of pixel_data as: {string.Join(", ", Kinds)}. A number is a JSON number (\"5\" is a string); a date is a string holding an ISO 8601 date or date and time; a missing key, or one of another kind, is unknown.", Kinds) with { Required = false },
            new(_slot + "key", ParameterKind.String, "The pixel_data key compared (exactly as sent, case-sensitive).") { RequiredWhen = new(kind, Kinds) },
            .. FamilyArguments.Prefixed(Prefix(StringKind), StringOperators.Parameters(), kind, [StringKind]),
            .. NumberOperators.Parameters(Prefix(NumberKind), NumberOperators.Comparisons, integer: false, minimum: null, maximum: null, required: false)
                .Select(p => p.Name == numberOperator ? p with { RequiredWhen = new(kind, [NumberKind]) } : p),
            .. FamilyArguments.Prefixed(Prefix(DateKind), DateOperators.Parameters(), kind, [DateKind]),
            .. FamilyArguments.Prefixed(Prefix(BooleanKind), BooleanOperators.Parameters(), kind, [BooleanKind]),
        ];
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <inheritdoc />
    public override bool IsGiven(ConditionArguments arguments) => arguments.Has(_slot + "kind");

    /// <inheritdoc />
    /// <remarks>The host refuses a blank key itself, as it does every string of only white space.</remarks>
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Kind(arguments) switch
    {
        NumberKind => NumberOperators.Validate(arguments, Prefix(NumberKind)),
        DateKind => DateOperators.Validate(FamilyArguments.Unprefixed(arguments, Prefix(DateKind))).Select(e => FamilyArguments.Prefixed(Prefix(DateKind), e)),
        _ => [],
    };

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [GoalTables.Achievements.Read("pixel_data")];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        var subject = $"pixel_data \"{arguments.GetString(_slot + "key")}\"";
        var kind = Kind(arguments);
        var family = FamilyArguments.Unprefixed(arguments, Prefix(kind));
        return kind switch
        {
            StringKind => StringOperators.Describe(subject + " (string)", family, ignoreCase: true),
            NumberKind => NumberOperators.Describe(subject + " (number)", arguments, string.Empty, Prefix(NumberKind)),
            DateKind => DateOperators.Describe(subject + " (date)", family),
            _ => BooleanOperators.Describe(subject + " (boolean)", family),
        };
    }

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context)
    {
        var test = context.TypeName(typeof(PixelDataTest));
        var key = arguments.GetString(_slot + "key");
        var kind = Kind(arguments);
        var family = FamilyArguments.Unprefixed(arguments, Prefix(kind));
        var value = context.Identifier("value");
        var hint = _property + char.ToUpperInvariant(kind[0]) + kind[1..];
        var created = kind switch
        {
            StringKind => context.Expression($"{test}.String({key}, static value => {StringOperators.Emit(family, context, value, ignoreCase: true, hint)})"),
            NumberKind => context.Expression($"{test}.Number({key}, static value => {NumberOperators.Emit(arguments, context, value, integer: false, hint, Prefix(NumberKind))})"),
            // The date family compares against the evaluation clock (its in_last_days, more_than_days_ago), which the test receives.
            DateKind => context.Expression($"{test}.Date({key}, static (value, {context.Clock}) => {DateOperators.Emit(family, context, value)})"),
            _ => context.Expression($"{test}.Boolean({key}, static value => {BooleanOperators.Emit(family, context, value)})"),
        };
        return [new(_property, created)];
    }

    private string Kind(ConditionArguments arguments) => arguments.GetString(_slot + "kind");

    private string Prefix(string kind) => $"{_slot}{kind}_";
}
