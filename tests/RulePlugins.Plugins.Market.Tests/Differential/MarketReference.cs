using System.Globalization;
using System.Text.Json.Nodes;

namespace RulePlugins.Plugins.Market.Tests.Differential;

/// <summary>An order of the random data, as the reference sees it.</summary>
internal sealed record RefOrder(
    long ProfileId, long Id, string Status, long CreatedAt, decimal Amount, string Currency, decimal Shipping,
    string? Region, string Channel, string? ContactPoint, IReadOnlyList<RefItem> Items);

/// <summary>A line item of a <see cref="RefOrder"/>.</summary>
internal sealed record RefItem(string ProductId, string? Sku, string? Category, long Quantity, decimal Price);

/// <summary>
/// An independent reading of the market conditions, written from their descriptions with LINQ over plain records:
/// the compiled predicates must agree with it on random data.
/// </summary>
internal sealed class MarketReference(long now)
{
    public const long Day = 86_400_000L;

    public static readonly IReadOnlyDictionary<string, decimal> Rates = new Dictionary<string, decimal> { ["RUB"] = 1m, ["USD"] = 90m, ["EUR"] = 98m };

    public static readonly IReadOnlyDictionary<string, string?> Parents = new Dictionary<string, string?>
    {
        ["electronics"] = null, ["phones"] = "electronics", ["smartphones"] = "phones", ["home"] = null, ["kitchen"] = "home", ["toys"] = null,
    };

    public static readonly IReadOnlyDictionary<string, string> ChannelTypes = new Dictionary<string, string>
    {
        ["website"] = "online", ["mobile_app"] = "online", ["retail"] = "retail",
    };

    /// <summary>
    /// A threshold near <paramref name="amount"/> converted to <paramref name="to"/>, for random comparisons: the converted
    /// amount itself when it is a finite decimal (900 RUB is 10 USD), so the edges are hit, otherwise rounded to cents.
    /// </summary>
    public static decimal Threshold(decimal amount, string from, string to)
    {
        var converted = amount * Rates[from] / Rates[to];
        return converted * Rates[to] == amount * Rates[from] ? converted : Math.Round(converted, 2, MidpointRounding.AwayFromZero);
    }

    // Money compares without division: an amount in the base currency against the threshold times the rate of the
    // currency asked for, so no conversion is rounded.
    private static decimal InBase(decimal amount, string currency) => amount * Rates[currency];

    /// <summary>Evaluates a condition of <c>market.orders</c> or <c>market.orders_total</c> for one profile.</summary>
    public bool Profile(JsonObject condition, IReadOnlyList<RefOrder> orders)
    {
        var type = (string)condition["type"]!;
        var p = condition["params"]!.AsObject();
        var matching = orders.Where(o => Filter(p, o)).ToList();
        if (type == "market.orders")
        {
            var count = p.ContainsKey("count") ? Long(p["count"]!) : 1;
            return (string)p["operator"]! == "exists" ? matching.Count >= count : matching.Count < count;
        }

        var currency = p.ContainsKey("currency") ? (string)p["currency"]! : "RUB";
        return Compare(p, string.Empty, matching.Sum(o => InBase(o.Amount, o.Currency)), Rates[currency.ToUpperInvariant()]);
    }

    /// <summary>Evaluates an order-segment condition for one order.</summary>
    public static bool Order(JsonObject condition, RefOrder order)
    {
        var type = (string)condition["type"]!;
        var p = condition["params"]!.AsObject();
        var op = (string)p["operator"]!;
        var items = order.Items;
        switch (type)
        {
            case "order.products":
            case "order.skus":
            {
                var values = Strings(p, "values");
                var any = items.Any(i => (type == "order.products" ? i.ProductId : i.Sku) is { } v && values.Contains(v, StringComparer.OrdinalIgnoreCase));
                return op == "in_list" ? any : !any;
            }

            case "order.goods_count":
                return Goods((string)p["method"]!, p, string.Empty, items);
            case "order.cost":
            case "order.shipping_cost":
            {
                var currency = p.ContainsKey("currency") ? (string)p["currency"]! : "RUB";
                return Compare(p, string.Empty, InBase(type == "order.cost" ? order.Amount : order.Shipping, order.Currency), Rates[currency.ToUpperInvariant()]);
            }

            case "order.region":
                return Text(p, order.Region);
            case "order.sales_channels":
            {
                var placed = Strings(p, "values").Any(v => Channel(v, order));
                return op == "in_list" ? placed : !placed;
            }

            case "order.sales_channel_type":
            {
                var channelType = ChannelTypes.TryGetValue(order.Channel, out var t) ? t : null;
                var equal = string.Equals(channelType, (string)p["value"]!, StringComparison.OrdinalIgnoreCase);
                return op == "equals" ? equal : !equal;
            }

            default:
                throw new ArgumentException(type);
        }
    }

    private bool Filter(JsonObject p, RefOrder o)
    {
        if (p.ContainsKey("statuses") && !Strings(p, "statuses").Contains(o.Status, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        if (p.ContainsKey("channels") && !Strings(p, "channels").Any(c => Channel(c, o)))
        {
            return false;
        }

        if (p.ContainsKey("regions") && (o.Region is null || !Strings(p, "regions").Contains(o.Region, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (p.ContainsKey("created_in_last_days") && !(o.CreatedAt >= now - Long(p["created_in_last_days"]!) * Day && o.CreatedAt <= now))
        {
            return false;
        }

        if (p.ContainsKey("created_from") && o.CreatedAt < DayStart((string)p["created_from"]!))
        {
            return false;
        }

        if (p.ContainsKey("created_to") && o.CreatedAt > DayStart((string)p["created_to"]!) + Day - 1)
        {
            return false;
        }

        if (p.ContainsKey("amount_operator"))
        {
            var currency = p.ContainsKey("amount_currency") ? (string)p["amount_currency"]! : "RUB";
            if (!Compare(p, "amount_", InBase(o.Amount, o.Currency), Rates[currency.ToUpperInvariant()]))
            {
                return false;
            }
        }

        if (p.ContainsKey("products") && !o.Items.Any(i => Strings(p, "products").Contains(i.ProductId, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (p.ContainsKey("skus") && !o.Items.Any(i => i.Sku is not null && Strings(p, "skus").Contains(i.Sku, StringComparer.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (p.ContainsKey("categories") && !o.Items.Any(i => SelfAndAncestors(i.Category).Any(c => Strings(p, "categories").Contains(c, StringComparer.OrdinalIgnoreCase))))
        {
            return false;
        }

        return !p.ContainsKey("quantity_operator") || Goods((string)p["quantity_method"]!, p, "quantity_", o.Items);
    }

    private static bool Goods(string method, JsonObject p, string prefix, IReadOnlyList<RefItem> items) => method switch
    {
        "any_item" => items.Any(i => Compare(p, prefix, i.Quantity)),
        "total" => Compare(p, prefix, items.Sum(i => i.Quantity)),
        "every_item" => items.Count > 0 && items.All(i => Compare(p, prefix, i.Quantity)),
        "distinct_products" => Compare(p, prefix, items.Select(i => i.ProductId.ToUpperInvariant()).Distinct().Count()),
        _ => throw new ArgumentException(method),
    };

    private static bool Channel(string entry, RefOrder o)
    {
        var parts = entry.Split('/');
        return string.Equals(parts[0], o.Channel, StringComparison.OrdinalIgnoreCase)
            && (parts.Length == 1 || string.Equals(parts[1], o.ContactPoint, StringComparison.OrdinalIgnoreCase));
    }

    private static bool Text(JsonObject p, string? value)
    {
        var empty = string.IsNullOrWhiteSpace(value);
        bool Eq(string v) => !empty && string.Equals(value, v, StringComparison.OrdinalIgnoreCase);
        return (string)p["operator"]! switch
        {
            "is_empty" => empty,
            "is_not_empty" => !empty,
            "equals" => Eq((string)p["value"]!),
            "not_equals" => !Eq((string)p["value"]!),
            "in_list" => Strings(p, "values").Any(Eq),
            "not_in_list" => !Strings(p, "values").Any(Eq),
            var op => throw new ArgumentException(op),
        };
    }

    // value compared with the document's numbers, each times scale (the rate of a currency, or 1).
    private static bool Compare(JsonObject p, string prefix, decimal value, decimal scale = 1m)
    {
        decimal V(string name) => Number(p[prefix + name]!) * scale;
        return (string)p[prefix + "operator"]! switch
        {
            "equals" => value == V("value"),
            "not_equals" => value != V("value"),
            "greater" => value > V("value"),
            "less" => value < V("value"),
            "greater_or_equal" => value >= V("value"),
            "less_or_equal" => value <= V("value"),
            "in_range" => value >= V("min") && value <= V("max"),
            "in_list" => p[prefix + "values"]!.AsArray().Any(v => Number(v!) * scale == value),
            "not_in_list" => !p[prefix + "values"]!.AsArray().Any(v => Number(v!) * scale == value),
            var op => throw new ArgumentException(op),
        };
    }

    private static IEnumerable<string> SelfAndAncestors(string? category)
    {
        while (category is not null)
        {
            yield return category;
            category = Parents.TryGetValue(category, out var parent) ? parent : null;
        }
    }

    // Values built from int, long or decimal all read back through their JSON text.
    private static long Long(JsonNode node) => long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static decimal Number(JsonNode node) => decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string[] Strings(JsonObject p, string name) => [.. p[name]!.AsArray().Select(v => (string)v!)];

    private static long DayStart(string day) =>
        DateTimeOffset.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}
