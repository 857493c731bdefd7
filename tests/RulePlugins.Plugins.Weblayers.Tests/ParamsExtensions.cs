using System.Text.Json;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>Turns parameters parsed from JSON into plain values (strings, longs), as a condition receives them.</summary>
public static class ParamsExtensions
{
    /// <summary>A copy whose JSON strings are strings and whose JSON whole numbers are longs.</summary>
    public static Params Plain(this Params parameters)
    {
        var plain = Params.Empty;
        foreach (var (name, value) in parameters.ToObject())
        {
            plain = plain.With(name, value is JsonElement element
                ? element.ValueKind == JsonValueKind.Number ? element.GetInt64() : element.GetString()
                : value);
        }

        return plain;
    }
}
