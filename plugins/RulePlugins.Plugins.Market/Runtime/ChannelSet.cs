using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Runtime;

/// <summary>
/// A selection of sales channels: <c>website</c> selects every contact point of the channel,
/// <c>website/cart</c> only that contact point. Codes compare ignoring case and surrounding white space.
/// </summary>
public sealed class ChannelSet
{
    private readonly HashSet<string> _channels = new(Text.IgnoreCaseComparer);
    private readonly HashSet<(string Channel, string ContactPoint)> _points = new(ChannelPointComparer.Instance);

    private ChannelSet()
    {
    }

    /// <summary>Builds a selection from <c>channel</c> and <c>channel/contact_point</c> entries.</summary>
    public static ChannelSet Of(params string[] entries)
    {
        var set = new ChannelSet();
        foreach (var entry in entries)
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                set._channels.Add(entry.Trim());
            }
            else
            {
                set._points.Add((entry[..slash].Trim(), entry[(slash + 1)..].Trim()));
            }
        }

        return set;
    }

    /// <summary>True when an order placed through <paramref name="channel"/> and <paramref name="contactPoint"/> is selected.</summary>
    public bool Contains(string? channel, string? contactPoint) =>
        channel is not null
        && (_channels.Contains(channel) || (contactPoint is not null && _points.Contains((channel, contactPoint))));

    private sealed class ChannelPointComparer : IEqualityComparer<(string Channel, string ContactPoint)>
    {
        public static readonly ChannelPointComparer Instance = new();

        public bool Equals((string Channel, string ContactPoint) x, (string Channel, string ContactPoint) y) =>
            Text.IgnoreCaseComparer.Equals(x.Channel, y.Channel) && Text.IgnoreCaseComparer.Equals(x.ContactPoint, y.ContactPoint);

        public int GetHashCode((string Channel, string ContactPoint) obj) =>
            HashCode.Combine(Text.IgnoreCaseComparer.GetHashCode(obj.Channel), Text.IgnoreCaseComparer.GetHashCode(obj.ContactPoint));
    }
}
