using System.Text.Json;
using RulePlugins.Engine;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// A market database (rates RUB 1, USD 90, EUR 98; channels website/cart, website/one_click, mobile_app/app online,
/// retail/store_1 retail) whose engine holds order segments, saved once per distinct tree and shared by the tests
/// of one class.
/// </summary>
public sealed class OrderSegmentFixture : IDisposable
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The database with the market reference data.</summary>
    public MarketDatabase Market { get; } = new();

    /// <summary>The engine evaluating the orders.</summary>
    public RuleEngine Engine => Market.Db.Engine;

    /// <summary>Saves an order segment with the root group <paramref name="rules"/> (once per distinct tree) and returns its id.</summary>
    public string Save(object rules)
    {
        var key = JsonSerializer.Serialize(rules);
        lock (_lock)
        {
            if (!_ids.TryGetValue(key, out var id))
            {
                id = $"order-segment-{_ids.Count + 1}";
                Engine.Save(Documents.Json(id, rules, subject: "order"));
                _ids.Add(key, id);
            }

            return id;
        }
    }

    /// <summary>Saves an order segment with one condition of <paramref name="type"/> and the JSON <paramref name="parameters"/>.</summary>
    public string SaveCondition(string type, string parameters) => Save(OrderSegmentRules.And(OrderSegmentRules.Condition(type, parameters)));

    /// <summary>Whether <paramref name="order"/> is in the segment.</summary>
    public bool Matches(string segmentId, string order) => Engine.Evaluate(segmentId, order).Matched;

    /// <summary>The names of the orders that are in the segment, ordered.</summary>
    public string[] Matching(string segmentId, IReadOnlyDictionary<string, string> orders) =>
        [.. orders.Where(o => Matches(segmentId, o.Value)).Select(o => o.Key).Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public void Dispose() => Market.Dispose();
}

/// <summary>Builds the nodes of order segment trees.</summary>
public static class OrderSegmentRules
{
    /// <summary>A condition node with parameters given as JSON text.</summary>
    public static object Condition(string type, string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        return new { type, @params = document.RootElement.Clone() };
    }

    /// <summary>An AND group.</summary>
    public static object And(params object[] items) => new { op = "and", items };

    /// <summary>An OR group.</summary>
    public static object Or(params object[] items) => new { op = "or", items };

    /// <summary>Orders the expected names like <see cref="OrderSegmentFixture.Matching"/>.</summary>
    public static string[] Sorted(string[] names) => [.. names.Order(StringComparer.Ordinal)];
}
