using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests.Differential;

/// <summary>
/// Random market trees over random orders: profile segments recalculated over SQLite (mixed with conditions of the
/// profile-fields plugin, so one plan reads several plugins' tables and lookups), and order segments evaluated in
/// process, must select exactly what <see cref="MarketReference"/> selects. Every seed is deterministic.
/// </summary>
public sealed class MarketDifferentialTests(ITestOutputHelper output)
{
    private const int Profiles = 150;
    private const int Trees = 25;
    private static readonly string[] Statuses = ["new", "delivered", "paid", "canceled", "partial_return"];
    private static readonly (string Channel, string Point)[] Channels = [("website", "cart"), ("website", "one_click"), ("mobile_app", "app"), ("retail", "store_1"), ("pop_up", "kiosk")];
    private static readonly string?[] Regions = ["Moscow", "moscow", "Kazan", "Samara", null];
    private static readonly string[] Products = ["P1", "P2", "p2", "P3", "P4", "P5"];
    private static readonly string?[] Categories = ["smartphones", "phones", "electronics", "kitchen", "home", "toys", null];
    private static readonly string[] Comparisons = ["equals", "not_equals", "greater", "less", "greater_or_equal", "less_or_equal", "in_range"];
    private static readonly string[] Currencies = ["RUB", "USD", "EUR"];
    private static readonly string?[] Cities = ["Moscow", "MOSCOW", "Kazan", "", null];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Recalculate_RandomOrderTrees_MatchReference(int seed)
    {
        var random = new Random(seed);
        var now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
        var orders = RandomOrders(random, now);
        var reference = new MarketReference(now);
        using var db = new MarketDatabase();
        // Profile fields too, so trees mix tables of two plugins (and lookups) in one plan: city is the other plugin's field.
        var cities = Enumerable.Range(1, Profiles).ToDictionary(i => (long)i, _ => Pick(random, Cities));
        db.Db.AddProfiles([.. cities.Select(c => new ProfileData(c.Key) { City = c.Value })]);
        db.AddOrders([.. orders.Select(ToTestOrder)]);
        var byProfile = Enumerable.Range(1, Profiles).ToDictionary(i => (long)i, i => (IReadOnlyList<RefOrder>)orders.Where(o => o.ProfileId == i).ToList());

        var failures = new List<string>();
        var nonTrivial = 0;
        for (var t = 0; t < Trees; t++)
        {
            var tree = Tree(random, depth: 1, () => random.Next(5) == 0 ? CityCondition(random) : ProfileCondition(random, now, orders));
            var id = $"tree-{seed}-{t}";
            db.Db.Engine.Save(Documents.Json(id, tree));
            db.Db.Engine.Recalculate(id, new RecalculationOptions { BatchSize = t % 2 == 0 ? 10_000 : 13 });
            var actual = db.Db.Engine.Members(id, limit: int.MaxValue);
            var expected = byProfile.Where(p => Evaluate(tree, c => (string)c["type"]! == "profile.city" ? City(c, cities[p.Key]) : reference.Profile(c, p.Value))).Select(p => p.Key).Order().ToList();
            output.WriteLine($"{id}: {expected.Count} expected, {actual.Count} actual");
            nonTrivial += expected.Count is > 0 and < Profiles ? 1 : 0;
            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"{tree.ToJsonString()}\n  expected [{string.Join(", ", expected)}]\n  actual   [{string.Join(", ", actual)}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // Guard against a generator whose trees select nobody or everybody.
        Assert.True(nonTrivial >= Trees / 3, $"Only {nonTrivial} of {Trees} trees selected some but not all.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Evaluate_RandomOrderSegments_MatchReference(int seed)
    {
        var random = new Random(seed + 100);
        var now = TestDatabase.DefaultNow.ToUnixTimeMilliseconds();
        var orders = RandomOrders(random, now).Take(200).ToList();
        using var db = new MarketDatabase();

        var failures = new List<string>();
        var nonTrivial = 0;
        for (var t = 0; t < Trees; t++)
        {
            var tree = Tree(random, depth: 1, () => OrderCondition(random, orders));
            var id = $"order-tree-{seed}-{t}";
            db.Db.Engine.Save(Documents.Json(id, tree, subject: "order"));
            var matched = 0;
            foreach (var order in orders)
            {
                var expected = Evaluate(tree, c => MarketReference.Order(c, order));
                var actual = db.Db.Engine.Evaluate(id, OrderJson(order)).Matched;
                matched += actual ? 1 : 0;
                if (expected != actual)
                {
                    failures.Add($"{tree.ToJsonString()}\n  order {OrderJson(order)}\n  expected {expected}, actual {actual}");
                    break;
                }
            }

            output.WriteLine($"{id}: {matched} of {orders.Count} orders matched");
            nonTrivial += matched > 0 && matched < orders.Count ? 1 : 0;
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // Guard against a generator whose trees select nobody or everybody.
        Assert.True(nonTrivial >= Trees / 3, $"Only {nonTrivial} of {Trees} trees selected some but not all.");
    }

    private static List<RefOrder> RandomOrders(Random random, long now)
    {
        var orders = new List<RefOrder>();
        long id = 0;
        for (long profile = 1; profile <= Profiles; profile++)
        {
            var count = random.Next(0, 7);
            for (var o = 0; o < count; o++)
            {
                var items = Enumerable.Range(0, random.Next(0, 5)).Select(_ => new RefItem(
                    Pick(random, Products), random.Next(3) == 0 ? null : $"S{random.Next(1, 6)}", Pick(random, Categories),
                    random.Next(1, 6), random.Next(1, 500) * 10m)).ToList();
                // Some orders exactly on day boundaries, most anywhere in the last 40 days.
                var created = random.Next(4) == 0
                    ? now - random.Next(0, 40) * MarketReference.Day
                    : now - (long)(random.NextDouble() * 40 * MarketReference.Day);
                var (channel, point) = Pick(random, Channels);
                orders.Add(new RefOrder(
                    profile, ++id, Pick(random, Statuses), created, random.Next(1, 4000) * 2.5m, Pick(random, Currencies),
                    random.Next(3) == 0 ? 0m : random.Next(1, 80) * 5m, Pick(random, Regions), channel, random.Next(5) == 0 ? null : point, items));
            }
        }

        return orders;
    }

    private static JsonObject Tree(Random random, int depth, Func<JsonObject> condition)
    {
        var items = new JsonArray();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            items.Add(depth < 3 && random.Next(4) == 0 ? Tree(random, depth + 1, condition) : condition());
        }

        return new JsonObject { ["op"] = random.Next(2) == 0 ? "and" : "or", ["items"] = items };
    }

    private static bool Evaluate(JsonObject node, Func<JsonObject, bool> condition)
    {
        if (!node.ContainsKey("op"))
        {
            return condition(node);
        }

        var results = node["items"]!.AsArray().Select(i => Evaluate(i!.AsObject(), condition));
        return (string)node["op"]! == "and" ? results.All(r => r) : results.Any(r => r);
    }

    private static JsonObject CityCondition(Random random)
    {
        var op = Pick(random, new[] { "equals", "not_equals", "in_list", "is_empty" });
        var p = new JsonObject { ["operator"] = op };
        if (op is "equals" or "not_equals")
        {
            p["value"] = Pick(random, new[] { "moscow", "Kazan" });
        }
        else if (op == "in_list")
        {
            p["values"] = Strings(random, ["moscow", "Kazan", "Tula"], 1, 2);
        }

        return new JsonObject { ["type"] = "profile.city", ["params"] = p };
    }

    // The profile-field plugin's reading of a city condition: ignoring case; not_equals also matches no city.
    private static bool City(JsonObject condition, string? city)
    {
        var p = condition["params"]!.AsObject();
        var empty = string.IsNullOrWhiteSpace(city);
        bool Eq(string v) => !empty && string.Equals(city, v, StringComparison.OrdinalIgnoreCase);
        return (string)p["operator"]! switch
        {
            "equals" => Eq((string)p["value"]!),
            "not_equals" => !Eq((string)p["value"]!),
            "in_list" => p["values"]!.AsArray().Any(v => Eq((string)v!)),
            _ => empty,
        };
    }

    private static JsonObject ProfileCondition(Random random, long now, List<RefOrder> orders)
    {
        var p = new JsonObject();
        var total = random.Next(3) == 0;
        if (total)
        {
            var currency = Pick(random, Currencies);
            AddComparison(random, p, string.Empty, () => random.Next(4) == 0 ? 0m : Math.Round(random.Next(0, 40000) * 1m / (currency == "RUB" ? 1 : 90), 2));
            if (currency != "RUB" || random.Next(2) == 0)
            {
                p["currency"] = currency;
            }
        }
        else
        {
            p["operator"] = random.Next(3) == 0 ? "not_exists" : "exists";
            if (random.Next(3) > 0)
            {
                p["count"] = random.Next(1, 4);
            }
        }

        if (random.Next(3) == 0)
        {
            p["statuses"] = Strings(random, Statuses, 1, 3);
        }

        if (random.Next(4) == 0)
        {
            p["channels"] = Strings(random, ["website", "WEBSITE/cart", "website/one_click", "mobile_app", "retail/store_1", "retail/store_2"], 1, 2);
        }

        if (random.Next(4) == 0)
        {
            p["regions"] = Strings(random, ["MOSCOW", "Kazan", "Tula"], 1, 2);
        }

        if (random.Next(5) == 0)
        {
            p["products"] = Strings(random, ["p1", "P2", "P6"], 1, 2);
        }

        if (random.Next(6) == 0)
        {
            p["skus"] = Strings(random, ["S1", "s2", "S9"], 1, 2);
        }

        if (random.Next(5) == 0)
        {
            p["categories"] = Strings(random, ["electronics", "phones", "home", "toys"], 1, 2);
        }

        if (random.Next(4) == 0)
        {
            p["quantity_method"] = Pick(random, new[] { "any_item", "total", "every_item", "distinct_products" });
            AddComparison(random, p, "quantity_", () => random.Next(0, 8));
        }

        switch (random.Next(5))
        {
            case 0:
                p["created_in_last_days"] = random.Next(1, 30);
                break;
            case 1:
                var from = now - random.Next(0, 30) * MarketReference.Day;
                p["created_from"] = Day(from);
                if (random.Next(2) == 0)
                {
                    p["created_to"] = Day(from + random.Next(0, 10) * MarketReference.Day);
                }

                break;
        }

        if (random.Next(4) == 0)
        {
            var sample = orders[random.Next(orders.Count)];
            var currency = Pick(random, Currencies);
            AddComparison(random, p, "amount_", () => random.Next(2) == 0 ? MarketReference.Threshold(sample.Amount, sample.Currency, currency) : random.Next(0, 5000) * 2m);
            p["amount_currency"] = currency;
        }

        return new JsonObject { ["type"] = total ? "market.orders_total" : "market.orders", ["params"] = p };
    }

    private static JsonObject OrderCondition(Random random, List<RefOrder> orders)
    {
        var sample = orders[random.Next(orders.Count)];
        var p = new JsonObject();
        string type;
        switch (random.Next(8))
        {
            case 0:
            case 1:
                type = random.Next(2) == 0 ? "order.products" : "order.skus";
                p["operator"] = random.Next(2) == 0 ? "in_list" : "not_in_list";
                p["values"] = Strings(random, type == "order.products" ? ["p1", "P2", "P6"] : ["S1", "s2", "S9"], 1, 2);
                break;
            case 2:
                type = "order.goods_count";
                p["method"] = Pick(random, new[] { "any_item", "total", "every_item", "distinct_products" });
                AddComparison(random, p, string.Empty, () => random.Next(0, 8));
                break;
            case 3:
            case 4:
            {
                type = random.Next(2) == 0 ? "order.cost" : "order.shipping_cost";
                var currency = Pick(random, Currencies);
                var value = MarketReference.Threshold(type == "order.cost" ? sample.Amount : sample.Shipping, sample.Currency, currency);
                AddComparison(random, p, string.Empty, () => random.Next(2) == 0 ? value : random.Next(0, 3000) * 2m, lists: type == "order.cost");
                p["currency"] = currency;
                break;
            }

            case 5:
                type = "order.region";
                p["operator"] = Pick(random, new[] { "is_empty", "is_not_empty", "equals", "not_equals", "in_list", "not_in_list" });
                if ((string)p["operator"]! is "equals" or "not_equals")
                {
                    p["value"] = Pick(random, new[] { "MOSCOW", "Kazan", "Tula" });
                }
                else if ((string)p["operator"]! is "in_list" or "not_in_list")
                {
                    p["values"] = Strings(random, ["MOSCOW", "Kazan", "Tula"], 1, 2);
                }

                break;
            case 6:
                type = "order.sales_channels";
                p["operator"] = random.Next(2) == 0 ? "in_list" : "not_in_list";
                p["values"] = Strings(random, ["website", "WEBSITE/cart", "website/one_click", "mobile_app", "retail/store_1", "retail/store_2"], 1, 2);
                break;
            default:
                type = "order.sales_channel_type";
                p["operator"] = random.Next(2) == 0 ? "equals" : "not_equals";
                p["value"] = random.Next(2) == 0 ? "online" : "retail";
                break;
        }

        return new JsonObject { ["type"] = type, ["params"] = p };
    }

    private static void AddComparison(Random random, JsonObject p, string prefix, Func<decimal> value, bool lists = false)
    {
        var operators = lists ? [.. Comparisons, "in_list", "not_in_list"] : Comparisons;
        var op = Pick(random, operators);
        p[prefix + "operator"] = op;
        switch (op)
        {
            case "in_range":
                var (a, b) = (value(), value());
                p[prefix + "min"] = Math.Min(a, b);
                p[prefix + "max"] = Math.Max(a, b);
                break;
            case "in_list" or "not_in_list":
                p[prefix + "values"] = new JsonArray(value(), value());
                break;
            default:
                p[prefix + "value"] = value();
                break;
        }
    }

    private static TestOrder ToTestOrder(RefOrder o) => new(o.ProfileId, o.Id)
    {
        Status = o.Status,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(o.CreatedAt),
        Amount = o.Amount,
        Currency = o.Currency,
        ShippingCost = o.Shipping,
        Region = o.Region,
        Channel = o.Channel,
        ContactPoint = o.ContactPoint,
        Items = [.. o.Items.Select(i => new TestItem(i.ProductId, i.Quantity, i.Price, i.Sku, i.Category))],
    };

    private static string OrderJson(RefOrder o) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = o.Id,
        ["status"] = o.Status,
        ["currency"] = o.Currency,
        ["amount"] = o.Amount,
        ["shipping_cost"] = o.Shipping,
        ["region"] = o.Region,
        ["channel"] = o.Channel,
        ["contact_point"] = o.ContactPoint,
        ["items"] = o.Items.Select(i => new Dictionary<string, object?>
        {
            ["product_id"] = i.ProductId, ["sku"] = i.Sku, ["category_id"] = i.Category, ["quantity"] = i.Quantity, ["price"] = i.Price,
        }).ToArray(),
    });

    private static JsonArray Strings(Random random, string[] values, int min, int max) =>
        new([.. values.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1)).Select(v => (JsonNode)JsonValue.Create(v))]);

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Day(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
