using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.TestPlugins.ChannelActivity;

/// <summary>
/// "Event E on channel C at least N times in the last X days / in a period / ever / never": the SDK's counting family
/// (<see cref="CountOperators"/>) over the profile's message events; this class adds only the event and the channel.
/// </summary>
public sealed class ChannelEventsCondition : ConditionType
{
    private static readonly CountOperators Counting = new(ChannelActivityPlugin.EventsTable, "at")
    {
        Window = WindowParameters.Default with { Rows = "Events" },
    };

    /// <inheritdoc />
    public override string Id => "channel_activity.events";

    /// <inheritdoc />
    public override string Title => "Channel activity";

    /// <inheritdoc />
    public override string Description =>
        "How many times the event happened on the channel: exists (at least times, 1 when left out), not_exists (fewer than times), " +
        "at_least, not_once; ever, in the last or next X days (now − X × 24 h to now, both included), or between two whole UTC days.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Choice("event", "The event: sent, delivered, opened or clicked.", ChannelActivityPlugin.Events),
        ParameterDefinition.Choice("channel", "The channel: email, sms or push.", ChannelActivityPlugin.Channels),
        .. Counting.Parameters,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Counting.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        Counting.GetDataRequirements(arguments, "channel", "event");

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        Counting.Describe(arguments, $"{arguments.GetString("event")} on {arguments.GetString("channel")}");

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var text = context.TypeName(typeof(Text));
        return Counting.Emit(arguments, context, context.Expression(
            $"static row => {text}.EqualsIgnoreCase(row.Channel, {arguments.GetString("channel")}) && {text}.EqualsIgnoreCase(row.Event, {arguments.GetString("event")})"));
    }
}
