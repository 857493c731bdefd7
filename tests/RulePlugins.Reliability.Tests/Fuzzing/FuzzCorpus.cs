using System.Text.Json;
using RulePlugins.Engine;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Reliability.Tests.Fuzzing;

/// <summary>
/// What the fuzzers start from, all found from the engine's plugins: the plugins' example segments and example orders,
/// one valid condition of every condition type, a vocabulary of keys and values, and order segments covering every
/// condition type of every subject read from documents.
/// </summary>
public sealed class FuzzCorpus
{
    /// <summary>The market plugin's subject kind: the orders its example documents are.</summary>
    private const string MarketOrder = "order";

    private static readonly string[] DocumentKeys = ["schemaVersion", "id", "name", "description", "subject", "schedule", "everyMinutes", "enabled", "rules", "op", "items", "type", "params"];

    /// <summary>Builds the corpus and saves the order segments in <paramref name="engine"/>.</summary>
    public FuzzCorpus(RuleEngine engine)
    {
        var validator = engine.Validator;
        var documents = new List<string>(engine.ExampleSegments());
        var orderSegments = new List<string>(engine.ExampleSegments().Select(d => validator.Validate(d)).Where(s => s.Document.Subject != SubjectKinds.Profile).Select(s => engine.Save(s).Id));
        var n = 0;
        foreach (var registration in engine.Catalog.ConditionTypes)
        {
            var type = registration.Type;
            foreach (var withControllers in new[] { false, true })
            {
                var id = $"fuzz-seed-{n++}";
                var json = ConditionSamples.Document(id, $"Every {type.Id}", type.Subject, type.Id, ConditionSamples.Build(type, null, validator, withControllers));
                if (validator.Check(json).Count > 0)
                {
                    continue;
                }

                documents.Add(json);
                if (type.Subject != SubjectKinds.Profile)
                {
                    orderSegments.Add(engine.Save(json).Id);
                }
            }
        }

        Documents = [.. documents.Select(JsonNode.Parse)];
        OrderSegments = orderSegments;
        Orders = [.. engine.ExampleDocuments().Where(d => d.Subject == MarketOrder).Select(d => JsonNode.Parse(d.Json))];
        Vocabulary = BuildVocabulary(engine, engine.ExampleDocuments().Select(d => d.Json));
    }

    /// <summary>Valid segment documents to mutate.</summary>
    public IReadOnlyList<JsonNode> Documents { get; }

    /// <summary>Valid orders to mutate.</summary>
    public IReadOnlyList<JsonNode> Orders { get; }

    /// <summary>Saved order segments, together using every order condition type.</summary>
    public IReadOnlyList<string> OrderSegments { get; }

    /// <summary>Keys and values the mutator draws from.</summary>
    public FuzzVocabulary Vocabulary { get; }

    private static FuzzVocabulary BuildVocabulary(RuleEngine engine, IEnumerable<string> orders)
    {
        var validator = engine.Validator;
        var keys = new SortedSet<string>(DocumentKeys, StringComparer.Ordinal);
        foreach (var order in orders)
        {
            using var document = JsonDocument.Parse(order);
            CollectKeys(document.RootElement, keys);
        }

        var strings = new SortedSet<string>(StringComparer.Ordinal) { "and", "or", "Moscow", " Kazan ", "website/cart", "website/", "P-0001", "2026-02-30", "2026-01-01T25:00:00Z" };
        strings.UnionWith(engine.Catalog.SubjectKinds);
        var parameters = new Dictionary<string, IReadOnlyList<(string, IReadOnlyList<JsonNode>)>>(StringComparer.Ordinal);
        foreach (var registration in engine.Catalog.ConditionTypes)
        {
            strings.Add(registration.Type.Id);
            var list = new List<(string, IReadOnlyList<JsonNode>)>();
            foreach (var parameter in registration.Type.Parameters)
            {
                keys.Add(parameter.Name);
                var values = new List<object> { ConditionSamples.Sample(parameter, validator), "", 0, Array.Empty<object>() };
                foreach (var allowed in (parameter.AllowedValues ?? []).Concat(validator.Choices(parameter) ?? []))
                {
                    strings.Add(allowed);
                    values.Add(parameter.Kind == ParameterKind.StringList ? new[] { allowed } : allowed);
                }

                if (parameter.Minimum is { } min)
                {
                    values.Add(min - 1);
                }

                if (parameter.Maximum is { } max)
                {
                    values.Add(max + 1);
                }

                list.Add((parameter.Name, [.. values.Select(v => JsonNode.Parse(JsonSerializer.Serialize(v)))]));
            }

            parameters[registration.Type.Id] = list;
        }

        strings.UnionWith(HostileLiterals.All("sentinel").Where(s => s.Length < 200));
        return new FuzzVocabulary([.. keys], [.. strings], parameters);
    }

    private static void CollectKeys(JsonElement element, ISet<string> keys)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                keys.Add(property.Name);
                CollectKeys(property.Value, keys);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectKeys(item, keys);
            }
        }
    }
}
