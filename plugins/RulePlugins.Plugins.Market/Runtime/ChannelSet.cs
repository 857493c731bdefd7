using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Runtime;

/// <summary>
/// A selection of sales channels: <c>website</c> selects every contact point of the channel,
/// <c>website/cart</c> only that contact point. Codes compare ignoring case and surrounding white space.
/// </summary>
public sealed class ChannelSet
{
    // Up to this many entries of a kind are compared one by one, which is faster than hashing a code ignoring case;
    // larger selections use hash sets. Either way an entry compares as Text.IgnoreCaseComparer says.
    private const int CompareOneByOneUpTo = 4;

    private readonly string[] _channelList;
    private readonly (string Channel, string ContactPoint)[] _pointList;
    private readonly HashSet<string>? _channels;
    private readonly HashSet<(string Channel, string ContactPoint)>? _points;

    private ChannelSet(string[] channels, (string Channel, string ContactPoint)[] points)
    {
        _channelList = channels;
        _pointList = points;
        if (channels.Length > CompareOneByOneUpTo)
        {
            _channels = new HashSet<string>(channels, Text.IgnoreCaseComparer);
        }

        if (points.Length > CompareOneByOneUpTo)
        {
            _points = new HashSet<(string Channel, string ContactPoint)>(points, ChannelPointComparer.Instance);
        }
    }

    /// <summary>Builds a selection from <c>channel</c> and <c>channel/contact_point</c> entries.</summary>
    public static ChannelSet Of(params string[] entries)
    {
        var channels = new List<string>();
        var points = new List<(string Channel, string ContactPoint)>();
        foreach (var entry in entries)
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                channels.Add(entry.Trim());
            }
            else
            {
                points.Add((entry[..slash].Trim(), entry[(slash + 1)..].Trim()));
            }
        }

        return new ChannelSet([.. channels.Distinct(Text.IgnoreCaseComparer)], [.. points.Distinct(ChannelPointComparer.Instance)]);
    }

    /// <summary>True when an order placed through <paramref name="channel"/> and <paramref name="contactPoint"/> is selected.</summary>
    public bool Contains(string? channel, string? contactPoint) =>
        channel is not null && (ContainsChannel(channel) || (contactPoint is not null && ContainsPoint(channel, contactPoint)));

    private bool ContainsChannel(string channel)
    {
        if (_channels is not null)
        {
            return _channels.Contains(channel);
        }

        foreach (var selected in _channelList)
        {
            if (Text.IgnoreCaseComparer.Equals(selected, channel))
            {
                return true;
            }
        }

        return false;
    }

    private bool ContainsPoint(string channel, string contactPoint)
    {
        if (_points is not null)
        {
            return _points.Contains((channel, contactPoint));
        }

        foreach (var (selectedChannel, selectedPoint) in _pointList)
        {
            if (Text.IgnoreCaseComparer.Equals(selectedPoint, contactPoint) && Text.IgnoreCaseComparer.Equals(selectedChannel, channel))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class ChannelPointComparer : IEqualityComparer<(string Channel, string ContactPoint)>
    {
        public static readonly ChannelPointComparer Instance = new();

        public bool Equals((string Channel, string ContactPoint) x, (string Channel, string ContactPoint) y) =>
            Text.IgnoreCaseComparer.Equals(x.Channel, y.Channel) && Text.IgnoreCaseComparer.Equals(x.ContactPoint, y.ContactPoint);

        public int GetHashCode((string Channel, string ContactPoint) obj) =>
            HashCode.Combine(Text.IgnoreCaseComparer.GetHashCode(obj.Channel), Text.IgnoreCaseComparer.GetHashCode(obj.ContactPoint));
    }
}
