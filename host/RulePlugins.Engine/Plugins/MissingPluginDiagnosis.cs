using System.Text.Json;
using System.Text.RegularExpressions;

namespace RulePlugins.Engine.Plugins;

/// <summary>
/// Explains why a stored segment names a condition type no loaded plugin provides. The generated source stored with
/// the version says which plugin each condition type came from (<c>// profile.city from RulePlugins.Plugins.ProfileFields</c>),
/// so the reason can name that plugin's folder and its load failure instead of only "unknown condition type".
/// </summary>
internal static partial class MissingPluginDiagnosis
{
    /// <summary>
    /// The reason a stored segment is unavailable because of condition types no loaded plugin provides, or null when
    /// every condition type of <paramref name="document"/> is known (the segment is unavailable for another reason).
    /// </summary>
    /// <param name="catalog">The plugins that loaded, and those that failed.</param>
    /// <param name="document">The stored document.</param>
    /// <param name="source">The generated source stored with the version, which names each condition type's plugin.</param>
    public static string? Explain(PluginCatalog catalog, string document, string? source)
    {
        var unknown = ConditionTypes(document).Where(t => !catalog.TryGetConditionType(t, out _)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }

        var origins = source is null ? [] : PluginsBySource(source);
        return string.Join("; ", unknown.Select(type => ExplainType(catalog, type, origins.GetValueOrDefault(type))));
    }

    private static string ExplainType(PluginCatalog catalog, string type, string? pluginName)
    {
        if (pluginName is not null && catalog.FailureOf(pluginName) is { } failure)
        {
            return $"condition type {type} is unknown: {failure.Describe()}";
        }

        if (pluginName is not null)
        {
            var others = catalog.Failures.Length == 0 ? string.Empty : "; " + string.Join("; ", catalog.Failures.Select(f => f.Describe()));
            return $"condition type {type} is unknown: it came from plugin {pluginName}, which is not installed (no plugin folder holds {pluginName}.dll){others}";
        }

        return catalog.Failures.Length switch
        {
            0 => $"condition type {type} is unknown: no installed plugin provides it",
            1 => $"condition type {type} is unknown: no loaded plugin provides it, and {catalog.Failures[0].Describe()}",
            _ => $"condition type {type} is unknown: no loaded plugin provides it, and these failed to load: {string.Join("; ", catalog.Failures.Select(f => f.Describe()))}",
        };
    }

    /// <summary>Every condition's <c>type</c> in a document's rules, in document order; nothing for a document that does not parse.</summary>
    private static List<string> ConditionTypes(string document)
    {
        var types = new List<string>();
        try
        {
            using var parsed = JsonDocument.Parse(document);
            if (parsed.RootElement.ValueKind == JsonValueKind.Object && parsed.RootElement.TryGetProperty("rules", out var rules))
            {
                Collect(rules, types, depth: 0);
            }
        }
        catch (JsonException)
        {
            // A stored document always parsed once; if it no longer does, the validation errors say so.
        }

        return types;
    }

    private static void Collect(JsonElement node, List<string> types, int depth)
    {
        if (node.ValueKind != JsonValueKind.Object || depth > 64)
        {
            return;
        }

        if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is { Length: > 0 } id)
        {
            types.Add(id);
        }

        if (node.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                Collect(item, types, depth + 1);
            }
        }
    }

    /// <summary>Condition type id → plugin name, from the <c>// type from Plugin</c> comments of generated source.</summary>
    private static Dictionary<string, string> PluginsBySource(string source)
    {
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in OriginComment().Matches(source))
        {
            origins.TryAdd(match.Groups["type"].Value, match.Groups["plugin"].Value);
        }

        return origins;
    }

    [GeneratedRegex(@"^[ \t]*// (?<type>[A-Za-z0-9_]+\.[A-Za-z0-9_.]+) from (?<plugin>[A-Za-z0-9_.\-]+)[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex OriginComment();
}
