using RulePlugins.Plugins.Market.Runtime;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// <see cref="ChannelSet"/> compares a few entries one by one and many through hash sets; both must answer the same:
/// a channel selects all its contact points, a channel and contact point only that point, ignoring case and
/// surrounding white space, and an order without a channel is never selected.
/// </summary>
public sealed class ChannelSetTests
{
    private static readonly string[] Channels = ["website", "mobile_app", "retail", "marketplace", "call_centre", "kiosk"];
    private static readonly string?[] Points = ["cart", "one_click", "app", "store_1", "ozon", null];

    public static TheoryData<string[]> Selections() => new()
    {
        { ["website"] },
        { ["website/cart", "retail"] },
        { [" WEBSITE / Cart ", "mobile_app/APP"] },
        { ["website/cart", "website/one_click", "mobile_app/app", "retail/store_1", "marketplace/ozon"] },
        { ["website", "mobile_app", "retail", "marketplace", "kiosk", "website/cart", "retail/store_1"] },
        { ["website/cart", "website/cart", "WEBSITE/CART", "retail/store_1", "retail/store_1", "kiosk"] },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Contains_AnySelectionSize_SelectsWhatTheEntriesSay(string[] entries)
    {
        var set = ChannelSet.Of(entries);
        var channels = entries.Where(e => !e.Contains('/')).Select(e => e.Trim()).ToList();
        var points = entries.Where(e => e.Contains('/')).Select(e => (Channel: e.Split('/')[0].Trim(), Point: e.Split('/')[1].Trim())).ToList();

        foreach (var channel in Channels.Concat([null, " Website "]))
        {
            foreach (var point in Points.Concat([" CART"]))
            {
                var expected = channel is not null
                    && (channels.Any(c => string.Equals(c, channel.Trim(), StringComparison.OrdinalIgnoreCase))
                        || (point is not null && points.Any(p => string.Equals(p.Channel, channel.Trim(), StringComparison.OrdinalIgnoreCase)
                            && string.Equals(p.Point, point.Trim(), StringComparison.OrdinalIgnoreCase))));

                Assert.True(expected == set.Contains(channel, point), $"{string.Join(", ", entries)}: {channel ?? "null"}/{point ?? "null"} should be {(expected ? "in" : "out")}");
            }
        }
    }
}
