using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Reference;

/// <summary>The sales channels and their type (online or retail). Channels compare ignoring case and surrounding white space.</summary>
public sealed class SalesChannels
{
    private readonly Dictionary<string, string> _types;

    /// <summary>Creates the directory from (channel, type) pairs.</summary>
    public SalesChannels(IEnumerable<KeyValuePair<string, string>> types)
    {
        _types = new Dictionary<string, string>(Text.IgnoreCaseComparer);
        foreach (var (channel, type) in types)
        {
            _types[channel] = type;
        }
    }

    /// <summary>Builds the directory from the rows of <c>market_sales_channels</c>.</summary>
    public static SalesChannels FromRows(IReadOnlyList<SalesChannelRow> rows) =>
        new(rows.Where(r => !string.IsNullOrWhiteSpace(r.Channel) && !string.IsNullOrWhiteSpace(r.Type))
            .Select(r => KeyValuePair.Create(r.Channel!, r.Type!)));

    /// <summary>The type of a channel, or null when the channel is unknown.</summary>
    public string? TypeOf(string? channel) =>
        channel is not null && _types.TryGetValue(channel, out var type) ? type : null;
}
