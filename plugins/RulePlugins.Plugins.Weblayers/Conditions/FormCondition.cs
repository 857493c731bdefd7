using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Plugins.Weblayers.Reference;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Plugins.Weblayers.Conditions;

/// <summary>
/// "Filled form F / did not fill it / filled it in a period / did not fill it in a period / filled it in the last X days":
/// the SDK's counting family (<see cref="CountOperators"/>, operators <c>exists</c> and <c>not_once</c>) over the
/// profile's <c>form_fills</c>; this class adds only which fills count (those of the form). Form ids compare ignoring
/// case and surrounding white space; fills dated after now count for no window (the counting family's <see cref="CountOperators.PastOnly"/>).
/// </summary>
public sealed class FormCondition : ConditionType
{
    /// <summary>The seed's five selection conditions as operator and window parameters, for the catalogue.</summary>
    public const string Mapping =
        "The selection conditions: filled = operator exists; did not fill = not_once; filled in selected period = exists with from/to; " +
        "did not fill in selected period = not_once with from/to; filled in the last X days = exists with last_days X.";

    private static readonly CountOperators Counting = new(WeblayersTables.FormFills, "filled_at")
    {
        PastOnly = true,
        Operators = [Exists, NotOnce],
        Window = WindowParameters.Default with { NextDays = null, Rows = "Form fills" },
        OperatorDescription = "exists (filled at least times, 1 when left out) or not_once (not filled).",
        TimesDescription = "For exists: how many fills at least, 1 when left out; refused for not_once.",
        // Counted as times, so the words read "filled form "newsletter" at least once in the last 7 days".
    };

    /// <inheritdoc />
    public override string Id => "weblayers.form";

    /// <inheritdoc />
    public override string Title => "Forms";

    /// <inheritdoc />
    public override string Description =>
        "Whether the profile filled (submitted) a form of the site: exists (at least times fills, 1 when left out) or not_once (no fill). " +
        Mapping + " " +
        "The last X days run from now − X × 24 h to now, both included; a period is whole UTC days, from 00:00:00.000 of from to 23:59:59.999 of to. " +
        "Fills dated after now are not counted in any window, all time included. The form id compares ignoring case and surrounding spaces.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("form", ParameterKind.String, "The form, by its id in the forms table; the catalogue lists the ids with their names.")
        {
            ChoicesFrom = WeblayersLookups.Forms,
            MatchesColumn = "form_id",
        },
        .. Counting.Parameters,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Counting.Validate(arguments);

    /// <summary>The form id, and the fill instant for every window (fills after now are never loaded).</summary>
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        Counting.GetDataRequirements(arguments, "form_id");

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return Counting.Describe(arguments, $"filled form \"{arguments.GetString("form")}\"");
    }

    /// <summary>The form's rows in the window, at least as many as counted (the form id ignoring case; other checks are the predicate's).</summary>
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        Counting.Translate(arguments, context, rows =>
            StringOperators.TranslateIn(rows.Context, rows.Column("form_id"), [arguments.GetString("form")], ignoreCase: true));

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) => Counting.Emit(arguments, context, Match(arguments, context));

    /// <summary>The number of the form's fills in the window, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Counting.EmitValue(arguments, context, Match(arguments, context));

    private static Code Match(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var text = context.TypeName(typeof(Text));
        var formId = context.Identifier(WeblayersTables.FormFills.Column("form_id").PropertyName);
        return context.Expression($"static row => {text}.EqualsIgnoreCase(row.{formId}, {arguments.GetString("form")})");
    }
}
