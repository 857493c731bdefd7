using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Reference;

/// <summary>The sales channels and their type (online or retail). Channels compare ignoring case and surrounding white space.</summary>
public sealed class SalesChannels
{
    private readonly Dictionary<string, string> _types;

    /// <summary>Creates the directory from (channel, type) pairs and the channels and contact points a condition may name.</summary>
    public SalesChannels(IEnumerable<KeyValuePair<string, string>> types, IReadOnlyList<DataChoice> choices)
    {
        _types = new Dictionary<string, string>(Text.IgnoreCaseComparer);
        foreach (var (channel, type) in types)
        {
            _types[channel] = type;
        }

        Choices = choices;
    }

    /// <summary>
    /// The values a channel list accepts: each channel alone (<c>website</c>), named by its contact points, and each
    /// channel with one of its contact points (<c>website/cart</c>), named by the row's name.
    /// </summary>
    public IReadOnlyList<DataChoice> Choices { get; }

    /// <summary>Builds the directory from the rows of <c>market_sales_channels</c>.</summary>
    public static SalesChannels FromRows(IReadOnlyList<SalesChannelRow> rows)
    {
        var named = rows.Where(r => !string.IsNullOrWhiteSpace(r.Channel)).ToList();
        var channels = named
            .GroupBy(r => r.Channel!.Trim(), Text.IgnoreCaseComparer)
            .Select(g => new DataChoice(g.Key, string.Join(", ", g.Select(r => r.Name ?? r.ContactPoint).OfType<string>().Distinct()) is { Length: > 0 } names ? names : g.Key));
        var points = named
            .Where(r => !string.IsNullOrWhiteSpace(r.ContactPoint))
            .Select(r => new DataChoice($"{r.Channel!.Trim()}/{r.ContactPoint!.Trim()}", r.Name ?? r.ContactPoint!.Trim()));
        return new(
            rows.Where(r => !string.IsNullOrWhiteSpace(r.Channel) && !string.IsNullOrWhiteSpace(r.Type)).Select(r => KeyValuePair.Create(r.Channel!, r.Type!)),
            [.. channels.Concat(points)]);
    }

    /// <summary>The type of a channel, or null when the channel is unknown.</summary>
    public string? TypeOf(string? channel) =>
        channel is not null && _types.TryGetValue(channel, out var type) ? type : null;
}
