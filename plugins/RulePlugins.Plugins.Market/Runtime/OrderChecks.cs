using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;

namespace RulePlugins.Plugins.Market.Runtime;

/// <summary>Checks on one order, called by the generated code of order segments.</summary>
public static class OrderChecks
{
    /// <summary>The order cost in <paramref name="currency"/>, or null without an order.</summary>
    public static decimal? Cost(OrderRow? order, CurrencyRates rates, string currency) =>
        order is null ? null : rates.Convert(order.Amount, order.Currency, currency);

    /// <summary>The shipping cost in <paramref name="currency"/>, or null without an order.</summary>
    public static decimal? ShippingCost(OrderRow? order, CurrencyRates rates, string currency) =>
        order is null ? null : rates.Convert(order.ShippingCost, order.Currency, currency);

    /// <summary>True when the order was placed through one of <paramref name="channels"/>.</summary>
    public static bool PlacedThrough(OrderRow? order, ChannelSet channels) =>
        order is not null && channels.Contains(order.Channel, order.ContactPoint);
}
