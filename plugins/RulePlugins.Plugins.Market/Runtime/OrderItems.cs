using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Runtime;

/// <summary>How the goods of an order are counted.</summary>
public enum GoodsMethod
{
    /// <summary>At least one line item has a quantity that satisfies the comparison.</summary>
    AnyItem,
    /// <summary>The quantities of all line items added up.</summary>
    Total,
    /// <summary>Every line item has a quantity that satisfies the comparison; an order without items does not qualify.</summary>
    EveryItem,
    /// <summary>The number of different products in the order.</summary>
    DistinctProducts,
}

/// <summary>Checks on the line items of one order, shared by order segments and the order filters of profile segments.</summary>
public static class OrderItems
{
    /// <summary>True when one of the items is one of <paramref name="products"/>.</summary>
    public static bool ContainsProduct(ReadOnlySpan<OrderItemRow> items, HashSet<string> products)
    {
        foreach (var item in items)
        {
            if (item.ProductId is { } product && products.Contains(product))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when one of the items has one of <paramref name="skus"/>.</summary>
    public static bool ContainsSku(ReadOnlySpan<OrderItemRow> items, HashSet<string> skus)
    {
        foreach (var item in items)
        {
            if (item.Sku is { } sku && skus.Contains(sku))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when one of the items belongs to one of <paramref name="categories"/> or a category below it.</summary>
    public static bool ContainsCategory(ReadOnlySpan<OrderItemRow> items, HashSet<string> categories, CategoryTree tree)
    {
        foreach (var item in items)
        {
            if (tree.IsWithin(item.CategoryId, categories))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The goods of the order counted by <paramref name="method"/> satisfy <paramref name="test"/>.</summary>
    public static bool Goods(ReadOnlySpan<OrderItemRow> items, GoodsMethod method, Func<long, bool> test) => method switch
    {
        GoodsMethod.AnyItem => AnyItem(items, test),
        GoodsMethod.Total => test(TotalQuantity(items)),
        GoodsMethod.EveryItem => EveryItem(items, test),
        GoodsMethod.DistinctProducts => test(DistinctProducts(items)),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>True when at least one item's quantity satisfies <paramref name="test"/>.</summary>
    public static bool AnyItem(ReadOnlySpan<OrderItemRow> items, Func<long, bool> test)
    {
        foreach (var item in items)
        {
            if (test(item.Quantity))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the order has items and every item's quantity satisfies <paramref name="test"/>.</summary>
    public static bool EveryItem(ReadOnlySpan<OrderItemRow> items, Func<long, bool> test)
    {
        if (items.IsEmpty)
        {
            return false;
        }

        foreach (var item in items)
        {
            if (!test(item.Quantity))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The quantities of all items added up.</summary>
    public static long TotalQuantity(ReadOnlySpan<OrderItemRow> items)
    {
        var total = 0L;
        foreach (var item in items)
        {
            total += item.Quantity;
        }

        return total;
    }

    /// <summary>How many different products the items hold (ignoring case and surrounding white space).</summary>
    public static long DistinctProducts(ReadOnlySpan<OrderItemRow> items)
    {
        if (items.Length <= 1)
        {
            return items.Length;
        }

        var distinct = 0L;
        for (var i = 0; i < items.Length; i++)
        {
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = Text.IgnoreCaseComparer.Equals(items[j].ProductId, items[i].ProductId);
            }

            if (!seen)
            {
                distinct++;
            }
        }

        return distinct;
    }
}
