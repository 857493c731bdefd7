using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;

namespace Acme.Tickets;

/// <summary>
/// "Opened at least N tickets (with status S) in the last X days / in a period / ever / never": the SDK's counting family
/// (<see cref="CountOperators"/> with its time window) over the profile's tickets; this class adds only the status.
/// </summary>
public sealed class TicketsOpenedCondition : ConditionType
{
    private static readonly CountOperators Counting = new(TicketsPlugin.Tickets, "opened_at")
    {
        Window = WindowParameters.Default with { Rows = "Tickets" },
    };

    /// <inheritdoc />
    public override string Id => "tickets.opened";

    /// <inheritdoc />
    public override string Title => "Tickets opened";

    /// <inheritdoc />
    public override string Description =>
        "How many support tickets the profile opened, of any status or of one: exists (at least times, 1 when left out), " +
        "not_exists (fewer than times), at_least, not_once; ever, in the last or next X days (now − X × 24 h to now, both " +
        "included), or between two whole UTC days.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("status", ParameterKind.String, "Only tickets with this status: open or closed.") { Required = false, AllowedValues = TicketsPlugin.Statuses },
        .. Counting.Parameters,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Counting.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        arguments.GetOptionalString("status") is null ? Counting.GetDataRequirements(arguments) : Counting.GetDataRequirements(arguments, "status");

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        Counting.Describe(arguments, arguments.GetOptionalString("status") is { } status ? $"{status} tickets opened" : "tickets opened");

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) => Counting.Emit(arguments, context, Match(arguments, context));

    /// <summary>The number of tickets counted, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Counting.EmitValue(arguments, context, Match(arguments, context));

    // Which tickets count: those of the status asked for, or every ticket (null).
    private static Code? Match(ConditionArguments arguments, EmitContext context) =>
        arguments.GetOptionalString("status") is { } status
            ? context.Expression($"static row => {context.TypeName(typeof(Text))}.EqualsIgnoreCase(row.Status, {status})")
            : null;
}
