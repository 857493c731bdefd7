using System.Text.Json;
using System.Text.Json.Nodes;
using RulePlugins.Engine;

namespace RulePlugins.Benchmarks;

/// <summary>The example segments the benchmarks save, taken from the plugins' demo data.</summary>
internal static class Examples
{
    public const string BigCityWomenOrGmail = "big-city-women-or-gmail";
    public const string MoscowAdults = "moscow-adults";

    // The market plugin's examples: one order segment and three profile segments with order conditions.
    public const string CartThreeProducts = "cart-three-products";
    public const string RecentBuyers = "recent-buyers";
    public const string WebsiteBigSpenders = "website-big-spenders";
    public const string ElectronicsLovers = "electronics-lovers";

    /// <summary>The example document with id <paramref name="id"/> that the loaded plugins ship.</summary>
    public static string Find(RuleEngine engine, string id) =>
        engine.ExampleSegments().FirstOrDefault(json => IdOf(json) == id)
        ?? throw new InvalidOperationException($"No loaded plugin ships the example segment '{id}'.");

    /// <summary>The example segment documents whose subject is <paramref name="subject"/> (e.g. "order"), in plugin order.</summary>
    public static IEnumerable<string> OfSubject(RuleEngine engine, string subject) =>
        engine.ExampleSegments().Where(json => JsonNode.Parse(json)?["subject"]?.GetValue<string>() == subject);

    /// <summary>A copy of <paramref name="json"/> with another id, and every string value <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    public static string Variant(string json, string id, string from, string to)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root["id"] = id;
        Replace(root["rules"], from, to);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string? IdOf(string json) => JsonNode.Parse(json)?["id"]?.GetValue<string>();

    private static void Replace(JsonNode? node, string from, string to)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && text == from)
                    {
                        obj[key] = to;
                    }
                    else
                    {
                        Replace(child, from, to);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text) && text == from)
                    {
                        array[i] = to;
                    }
                    else
                    {
                        Replace(array[i], from, to);
                    }
                }

                break;
        }
    }
}
