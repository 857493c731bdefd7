using System.Text;
using System.Text.Json;

namespace RulePlugins.Reliability.Tests.Fuzzing;

/// <summary>
/// A JSON tree a fuzzer can break in ways a serializer never writes: keys given twice, strings and keys written as raw
/// escapes (unpaired surrogates), numbers written as any text.
/// </summary>
public abstract class JsonNode
{
    /// <summary>Reads a (valid) document.</summary>
    public static JsonNode From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new JsonObjectNode(element.EnumerateObject().Select(p => new JsonMember(p.Name, From(p.Value))).ToList()),
        JsonValueKind.Array => new JsonArrayNode(element.EnumerateArray().Select(From).ToList()),
        JsonValueKind.String => new JsonStringNode(element.GetString()!),
        JsonValueKind.Number => new JsonRawNode(element.GetRawText()),
        _ => new JsonRawNode(element.GetRawText()),
    };

    /// <summary>Reads a document from text.</summary>
    public static JsonNode Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    /// <summary>A deep copy.</summary>
    public abstract JsonNode Clone();

    /// <summary>Writes the node as JSON text.</summary>
    public abstract void Write(StringBuilder text);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }

    /// <summary>Writes a string literal: JSON-escaped, or <paramref name="raw"/> as it is between the quotes.</summary>
    protected static void WriteString(StringBuilder text, string value, string? raw) =>
        text.Append(raw is null ? JsonSerializer.Serialize(value) : "\"" + raw + "\"");
}

/// <summary>A key and its value; the same key may appear twice in one object.</summary>
public sealed class JsonMember(string key, JsonNode value, string? rawKey = null)
{
    /// <summary>The key.</summary>
    public string Key { get; set; } = key;

    /// <summary>When set, the key as written between the quotes (e.g. an unpaired surrogate escape).</summary>
    public string? RawKey { get; set; } = rawKey;

    /// <summary>The value.</summary>
    public JsonNode Value { get; set; } = value;
}

/// <summary>An object, its members in order.</summary>
public sealed class JsonObjectNode(List<JsonMember> members) : JsonNode
{
    /// <summary>The members.</summary>
    public List<JsonMember> Members { get; } = members;

    /// <inheritdoc />
    public override JsonNode Clone() => new JsonObjectNode(Members.Select(m => new JsonMember(m.Key, m.Value.Clone(), m.RawKey)).ToList());

    /// <inheritdoc />
    public override void Write(StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            text.Append(i == 0 ? "" : ",");
            WriteString(text, Members[i].Key, Members[i].RawKey);
            text.Append(':');
            Members[i].Value.Write(text);
        }

        text.Append('}');
    }
}

/// <summary>An array.</summary>
public sealed class JsonArrayNode(List<JsonNode> items) : JsonNode
{
    /// <summary>The items.</summary>
    public List<JsonNode> Items { get; } = items;

    /// <inheritdoc />
    public override JsonNode Clone() => new JsonArrayNode(Items.Select(i => i.Clone()).ToList());

    /// <inheritdoc />
    public override void Write(StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            text.Append(i == 0 ? "" : ",");
            Items[i].Write(text);
        }

        text.Append(']');
    }
}

/// <summary>A string, written escaped, or as raw text between the quotes.</summary>
public sealed class JsonStringNode(string value, string? raw = null) : JsonNode
{
    /// <summary>The value.</summary>
    public string Value { get; } = value;

    /// <summary>When set, what is written between the quotes instead of the escaped value.</summary>
    public string? Raw { get; } = raw;

    /// <inheritdoc />
    public override JsonNode Clone() => new JsonStringNode(Value, Raw);

    /// <inheritdoc />
    public override void Write(StringBuilder text) => WriteString(text, Value, Raw);
}

/// <summary>A number, <c>true</c>, <c>false</c> or <c>null</c>, written as the text it holds.</summary>
public sealed class JsonRawNode(string text) : JsonNode
{
    /// <summary>The text.</summary>
    public string Text { get; } = text;

    /// <inheritdoc />
    public override JsonNode Clone() => new JsonRawNode(Text);

    /// <inheritdoc />
    public override void Write(StringBuilder text) => text.Append(Text);
}
