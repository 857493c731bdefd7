using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;

namespace RulePlugins.TestPlugins.ChannelActivity;

/// <summary>
/// Message events per channel (sent, delivered, opened, clicked on email, sms or push) and one condition over them,
/// <c>channel_activity.events</c>, written with the SDK's counting family.
/// </summary>
public sealed class ChannelActivityPlugin : IRulePlugin
{
    /// <summary>The channels, as documents name them.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["email", "sms", "push"];

    /// <summary>The events, as documents name them.</summary>
    public static IReadOnlyList<string> Events { get; } = ["sent", "delivered", "opened", "clicked"];

    /// <summary>The message events, many per profile, read by the time of the event.</summary>
    public static readonly TableDefinition EventsTable = new(
        "channel_activity_events",
        "profile_id",
        typeof(MessageEventRow),
        [
            new("channel", ColumnType.Text) { Nullable = false },
            new("event", ColumnType.Text) { Nullable = false },
            new("at", ColumnType.Timestamp),
        ])
    {
        Indexes = [new IndexDefinition("ix_channel_activity_events_profile_at", ["profile_id", "at"])],
    };

    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(EventsTable)
        .AddConditionType(new ChannelEventsCondition());
}
