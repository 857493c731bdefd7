using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Runtime;

/// <summary>
/// Counts and sums a profile's orders created inside a window (the SDK's <see cref="InstantRange"/>) that pass an
/// <see cref="OrderFilter"/>; called by generated code. The loop is the market's own rather than the SDK's
/// <see cref="RowCounting"/>: whether an order counts depends on its items, a second table of the same profile, and on
/// currency rates, which a per-row test over the order alone cannot see.
/// </summary>
public static class ProfileOrders
{
    [ThreadStatic]
    private static OrderItemRow[]? _buffer;

    /// <summary>How many of <paramref name="orders"/> were created in <paramref name="window"/> and pass <paramref name="filter"/>.</summary>
    /// <param name="orders">The profile's orders (those inside the loaded window).</param>
    /// <param name="filter">The checks an order must pass.</param>
    /// <param name="window">The creation instants that count, both ends included.</param>
    /// <param name="items">The profile's order items; needed when <see cref="OrderFilter.ReadsItems"/>.</param>
    /// <param name="rates">Currency rates; needed when the filter compares amounts.</param>
    /// <param name="categories">The category tree; needed when the filter selects categories.</param>
    public static long Count(
        ReadOnlySpan<OrderRow> orders, OrderFilter filter, InstantRange window,
        ReadOnlySpan<OrderItemRow> items = default, CurrencyRates? rates = null, CategoryTree? categories = null)
    {
        var count = 0L;
        foreach (var order in orders)
        {
            // Items are gathered only for orders that pass the order-level checks.
            if (window.Contains(order.CreatedAt) && filter.MatchesOrder(order, rates) && filter.MatchesItems(ItemsOf(order, items, filter), categories))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The total cost, in <paramref name="currency"/> and at full precision, of the orders created in
    /// <paramref name="window"/> that pass <paramref name="filter"/> (0 when none do).
    /// </summary>
    public static decimal Total(
        ReadOnlySpan<OrderRow> orders, OrderFilter filter, InstantRange window, CurrencyRates rates, string currency,
        ReadOnlySpan<OrderItemRow> items = default, CategoryTree? categories = null)
    {
        // Amounts in the currency asked for add up as they are; the others add up in the base currency and are divided
        // once, so the total is exact (see CurrencyRates.ToBase).
        var same = 0m;
        var inBase = 0m;
        var converted = false;
        foreach (var order in orders)
        {
            if (window.Contains(order.CreatedAt) && filter.MatchesOrder(order, rates) && filter.MatchesItems(ItemsOf(order, items, filter), categories))
            {
                if (Text.IgnoreCaseComparer.Equals(order.Currency, currency))
                {
                    same += order.Amount;
                }
                else
                {
                    inBase += rates.ToBase(order.Amount, order.Currency);
                    converted = true;
                }
            }
        }

        return converted ? same + rates.FromBase(inBase, currency) : same;
    }

    // A profile's items arrive in one span; the order's own items are copied into a per-thread buffer.
    private static ReadOnlySpan<OrderItemRow> ItemsOf(OrderRow order, ReadOnlySpan<OrderItemRow> items, OrderFilter filter)
    {
        if (!filter.ReadsItems || items.IsEmpty)
        {
            return [];
        }

        var buffer = _buffer ??= new OrderItemRow[16];
        var count = 0;
        foreach (var item in items)
        {
            if (item.OrderId == order.Id)
            {
                if (count == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                    _buffer = buffer;
                }

                buffer[count++] = item;
            }
        }

        return new ReadOnlySpan<OrderItemRow>(buffer, 0, count);
    }
}
