using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RulePlugins.Engine.Model;

namespace RulePlugins.Engine.Insight.Lint;

/// <summary>Writes document nodes back as compact JSON, for the rewrites lint suggests.</summary>
internal static class NodeJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Group(LogicalOperator op, IEnumerable<RuleNode> items)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            WriteGroup(writer, op, items);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Condition(RuleNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, RuleNode node)
    {
        switch (node)
        {
            case GroupNode group:
                WriteGroup(writer, group.Operator, group.Items);
                break;
            case ConditionNode condition:
                writer.WriteStartObject();
                writer.WriteString("type", condition.Type);
                writer.WriteStartObject("params");
                foreach (var (name, value) in condition.Parameters)
                {
                    writer.WritePropertyName(name);
                    value.WriteTo(writer);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteGroup(Utf8JsonWriter writer, LogicalOperator op, IEnumerable<RuleNode> items)
    {
        writer.WriteStartObject();
        writer.WriteString("op", op == LogicalOperator.And ? "and" : "or");
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            Write(writer, item);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
