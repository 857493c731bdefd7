using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Plugins.Weblayers.Reference;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Plugins.Weblayers.Data.PopupEvents;

namespace RulePlugins.Plugins.Weblayers.Conditions;

/// <summary>
/// "Popup P: event E exists / does not exist / at least N times in a period / not once in a period / at least N times in
/// the last X days / not once in the last X days": the SDK's counting family (<see cref="CountOperators"/>) over the
/// profile's <c>popup_events</c>; this class adds only which events count (the popup, the event, and the element name or
/// custom event name).
/// </summary>
/// <remarks>
/// Popup ids and stored event types compare ignoring case and surrounding white space (as the scenarios plugin compares
/// scenario ids); element names and custom event names compare case-sensitively, ignoring only surrounding white space,
/// since the site's HTML name attributes and JavaScript event names are case-sensitive. Events after now count for no
/// window (the counting family's <see cref="CountOperators.PastOnly"/>).
/// </remarks>
public sealed class PopupCondition : ConditionType
{
    /// <summary>The seed's six selection conditions as operator and window parameters, for the catalogue.</summary>
    public const string Mapping =
        "The selection conditions: exists = operator exists; does not exist = not_once (or not_exists); " +
        "at least N times in period = at_least with times N and from/to; not once in period = not_once with from/to; " +
        "at least N times in the last X days = at_least with times N and last_days X; not once in the last X days = not_once with last_days X.";

    /// <summary>The edges in words, shared by <see cref="Description"/> and the tests.</summary>
    public const string Rules =
        "The last X days run from now − X × 24 h to now, both included; a period is whole UTC days, from 00:00:00.000 of from to 23:59:59.999 of to. " +
        "Events dated after now are not counted in any window, all time included. " +
        "The popup id and the stored event compare ignoring case and surrounding spaces; element and event_name compare exactly (case matters), ignoring only surrounding spaces. " +
        "element is required for element_click and refused for every other event; event_name is required for custom_event and refused for every other event.";

    private static readonly CountOperators Counting = new(WeblayersTables.PopupEvents, "occurred_at")
    {
        PastOnly = true,
        Window = WindowParameters.Default with { NextDays = null, Rows = "Popup events" },
    };

    /// <inheritdoc />
    public override string Id => "weblayers.popup";

    /// <inheritdoc />
    public override string Title => "Popup behavior";

    /// <inheritdoc />
    public override string Description =>
        "How many times an event of a popup happened for the profile: opened (shown), filled (its form submitted), closed (its close button), " +
        "click (any element but the close button), target (the conditions for showing it were met, even if it was not shown), " +
        "element_click (a click on the element with the name attribute element), custom_event (an event named event_name sent by the site's JavaScript). " +
        Mapping + " " + Rules;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("popup", ParameterKind.String, "The popup, by its id in the popups table; the catalogue lists the ids with their names.")
        {
            ChoicesFrom = WeblayersLookups.Popups,
            MatchesColumn = "popup_id",
        },
        ParameterDefinition.Choice(
            "event",
            "What happened: opened, filled, closed, click (any element but the close button), target (the conditions for showing were met, even if not shown), " +
            "element_click (a click on the element named by element), custom_event (the event named by event_name).",
            All),
        new("element", ParameterKind.String, "For element_click: the name attribute of the element clicked (case matters, surrounding spaces ignored). Required for element_click, refused for the other events.")
        {
            DependsOn = new ParameterDependency("event", [ElementClick], []),
        },
        new("event_name", ParameterKind.String, "For custom_event: the event's name as the site's JavaScript sends it (case matters, surrounding spaces ignored). Required for custom_event, refused for the other events.")
        {
            DependsOn = new ParameterDependency("event", [CustomEvent], []),
        },
        .. Counting.Parameters,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var name in (string[])["element", "event_name"])
        {
            if (arguments.Has(name) && string.IsNullOrWhiteSpace(arguments.GetString(name)))
            {
                yield return new ArgumentError(name, "must not be empty or only spaces");
            }
        }

        foreach (var error in Counting.Validate(arguments))
        {
            yield return error;
        }
    }

    /// <summary>The popup id and the event, the element name for element_click, the event name for custom_event; the time column for every window (events after now are never loaded).</summary>
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string[] columns = arguments.GetString("event") switch
        {
            ElementClick => ["popup_id", "event", "element_name"],
            CustomEvent => ["popup_id", "event", "event_name"],
            _ => ["popup_id", "event"],
        };
        return Counting.GetDataRequirements(arguments, columns);
    }

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var popup = $"popup \"{arguments.GetString("popup")}\"";
        var subject = arguments.GetString("event") switch
        {
            ElementClick => $"click on element \"{arguments.GetString("element")}\" of {popup}",
            CustomEvent => $"custom event \"{arguments.GetString("event_name")}\" of {popup}",
            var ev => $"{popup} {ev}",
        };
        return Counting.Describe(arguments, subject);
    }

    /// <summary>The popup's rows in the window, at least as many as counted (the popup id ignoring case; other checks are the predicate's).</summary>
    public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
        Counting.Translate(arguments, context, rows =>
            StringOperators.TranslateIn(rows.Context, rows.Column("popup_id"), [arguments.GetString("popup")], ignoreCase: true));

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) => Counting.Emit(arguments, context, Match(arguments, context));

    /// <summary>The number of the popup's matching events in the window, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Counting.EmitValue(arguments, context, Match(arguments, context));

    private static Code Match(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var table = WeblayersTables.PopupEvents;
        var text = context.TypeName(typeof(Text));
        Code Property(string column) => context.Identifier(table.Column(column).PropertyName);
        var ev = arguments.GetString("event");
        var of = context.Expression($"{text}.EqualsIgnoreCase(row.{Property("popup_id")}, {arguments.GetString("popup")}) && {text}.EqualsIgnoreCase(row.{Property("event")}, {ev})");
        return ev switch
        {
            ElementClick => context.Expression($"static row => {of} && {text}.EqualsOrdinal(row.{Property("element_name")}, {arguments.GetString("element")})"),
            CustomEvent => context.Expression($"static row => {of} && {text}.EqualsOrdinal(row.{Property("event_name")}, {arguments.GetString("event_name")})"),
            _ => context.Expression($"static row => {of}"),
        };
    }
}
