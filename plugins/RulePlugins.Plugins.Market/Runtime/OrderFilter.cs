using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;

namespace RulePlugins.Plugins.Market.Runtime;

/// <summary>
/// Which of a profile's orders count for an order condition: every check that is set must hold (unset checks
/// do not apply). Each check is set by one filter class of <c>Conditions/Profile/Filters</c>. Built once per condition by generated code; immutable, so every core shares it.
/// </summary>
public sealed class OrderFilter
{
    /// <summary>Orders with one of these statuses.</summary>
    public HashSet<string>? Statuses { get; init; }

    /// <summary>Orders placed through one of these channels or contact points.</summary>
    public ChannelSet? Channels { get; init; }

    /// <summary>Orders delivered to one of these regions.</summary>
    public HashSet<string>? Regions { get; init; }

    /// <summary>Orders with at least one of these products.</summary>
    public HashSet<string>? Products { get; init; }

    /// <summary>Orders with at least one of these SKUs.</summary>
    public HashSet<string>? Skus { get; init; }

    /// <summary>Orders with at least one item in one of these categories or below them.</summary>
    public HashSet<string>? Categories { get; init; }

    /// <summary>How goods are counted for <see cref="Goods"/>.</summary>
    public GoodsMethod GoodsMethod { get; init; }

    /// <summary>Orders whose goods, counted by <see cref="GoodsMethod"/>, satisfy this comparison.</summary>
    public Func<long, bool>? Goods { get; init; }

    /// <summary>Orders whose cost, in <see cref="AmountCurrency"/>, satisfies this comparison.</summary>
    public Func<decimal, bool>? Amount { get; init; }

    /// <summary>The currency <see cref="Amount"/> compares in.</summary>
    public string AmountCurrency { get; init; } = CurrencyRates.BaseCurrency;

    /// <summary>True when a check reads the order's items.</summary>
    public bool ReadsItems => Products is not null || Skus is not null || Categories is not null || Goods is not null;

    /// <summary>
    /// The checks on the order itself (status, channel, region, cost); the creation date is the caller's window. An order
    /// counts when these and <see cref="MatchesItems"/> hold; these are cheap, so callers run them first.
    /// </summary>
    public bool MatchesOrder(OrderRow order, CurrencyRates? rates)
    {
        if (Statuses is not null && (order.Status is null || !Statuses.Contains(order.Status)))
        {
            return false;
        }

        if (Channels is not null && !Channels.Contains(order.Channel, order.ContactPoint))
        {
            return false;
        }

        if (Regions is not null && (order.Region is null || !Regions.Contains(order.Region)))
        {
            return false;
        }

        return Amount is null || Amount(Require(rates, "rates").Convert(order.Amount, order.Currency, AmountCurrency));
    }

    /// <summary>The checks on the order's items (products, SKUs, categories, goods).</summary>
    public bool MatchesItems(ReadOnlySpan<OrderItemRow> items, CategoryTree? categories)
    {
        return (Products is null || OrderItems.ContainsProduct(items, Products))
            && (Skus is null || OrderItems.ContainsSku(items, Skus))
            && (Categories is null || OrderItems.ContainsCategory(items, Categories, Require(categories, "categories")))
            && (Goods is null || OrderItems.Goods(items, GoodsMethod, Goods));
    }

    private static T Require<T>(T? lookup, string name) where T : class =>
        lookup ?? throw new InvalidOperationException($"The order filter needs the {name} lookup, and the generated code passed none.");
}
