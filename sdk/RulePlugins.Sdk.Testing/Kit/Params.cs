using System.Text.Json;

namespace RulePlugins.Testing;

/// <summary>
/// Builds a condition's <c>params</c> object fluently: <c>Params.Operator("at_least").With("times", 3).With("days", 14)</c>.
/// Values are written to the document as JSON (strings, numbers, booleans, arrays; a <see cref="DateTimeOffset"/> or
/// <see cref="DateOnly"/> as ISO 8601 text). Immutable: each call returns a new set, so a shared base can be varied.
/// </summary>
public sealed class Params
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    private Params()
    {
    }

    /// <summary>No parameters yet.</summary>
    public static Params Empty => new();

    /// <summary>Parameters starting with <c>operator</c>.</summary>
    public static Params Operator(string name) => new Params().With("operator", name);

    /// <summary>Parses a JSON object, for parameters easier to write as JSON.</summary>
    public static Params Json(string json)
    {
        var result = new Params();
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            result._values[property.Name] = property.Value.Clone();
        }

        return result;
    }

    /// <summary>A copy with one parameter set (or replaced).</summary>
    public Params With(string name, object? value)
    {
        var copy = new Params();
        foreach (var (key, existing) in _values)
        {
            copy._values[key] = existing;
        }

        copy._values[name] = value switch
        {
            DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        return copy;
    }

    /// <summary>A copy without <paramref name="name"/>.</summary>
    public Params Without(string name)
    {
        var copy = new Params();
        foreach (var (key, value) in _values.Where(v => v.Key != name))
        {
            copy._values[key] = value;
        }

        return copy;
    }

    /// <summary>The object to serialize as the condition's <c>params</c>.</summary>
    public IReadOnlyDictionary<string, object?> ToObject() => _values;

    /// <summary>The parameters as JSON.</summary>
    public override string ToString() => JsonSerializer.Serialize(_values);
}
