namespace RulePlugins.TestPlugins.ChannelActivity;

/// <summary>One message event of a profile: a row of <c>channel_activity_events</c>.</summary>
public sealed class MessageEventRow
{
    /// <summary>email, sms or push.</summary>
    public string? Channel { get; set; }

    /// <summary>sent, delivered, opened or clicked.</summary>
    public string? Event { get; set; }

    /// <summary>When it happened, Unix milliseconds (UTC); null when the source did not say.</summary>
    public long? At { get; set; }
}
