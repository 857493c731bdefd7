using System.Text;

namespace RulePlugins.Reliability.Tests.Fuzzing;

/// <summary>What a mutator draws from: keys, strings and numbers that mean something to the host and its plugins.</summary>
/// <param name="Keys">Keys of documents and orders, and every parameter name of the catalogue.</param>
/// <param name="Strings">Values that mean something (operators, condition type ids, allowed values, known choices) and hostile literals.</param>
/// <param name="Parameters">For each condition type id, its parameters with a few values each (valid and not).</param>
public sealed record FuzzVocabulary(IReadOnlyList<string> Keys, IReadOnlyList<string> Strings, IReadOnlyDictionary<string, IReadOnlyList<(string Name, IReadOnlyList<JsonNode> Values)>> Parameters);

/// <summary>
/// Breaks valid JSON documents structurally and by value: drops, duplicates and renames keys (empty ones too), puts in
/// values of the wrong type, huge numbers, NaN-like strings, hostile text, unpaired surrogates, deep nesting, other
/// condition types and parameters; then, at the text level, truncates or scrambles characters. Deterministic for a
/// given <see cref="Random"/>; every step is logged so a failure can be read and replayed.
/// </summary>
public sealed class Mutator(Random random, FuzzVocabulary vocabulary)
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2", "3", "1.5", "-2.25", "1e309", "-1e309", "1e-400", "99999999999999999999999999999", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "79228162514264337593543950336", "0.1", "1000000", "1000001", "36500", "36501", "150",
        "151", "1E2", "2.000000000000000000001", "1000000000000", "1000000000001", "5e-324", "12345678901234567890.123456789",
    ];

    private static readonly string[] NanLike = ["NaN", "Infinity", "-Infinity", "1e999", " 1", "0x1F", "1,5", "", " ", "\t", "12abc", "true", "null"];

    private static readonly string[] Surrogates = ["\\ud800", "a\\udfffb", "\\udc00\\ud800", "\\ud83d", "x\\ude00y"];

    private const string Structural = "\"{}[],:\\";

    private static readonly string[] WhiteSpace = [" ", "  ", "\t", "\n", "\u00A0", "\u2028", "\u3000", "\r\n"];

    /// <summary>
    /// Mutates a copy of <paramref name="seed"/>; returns the text to send and what was done. A third of the cases are
    /// gentle (one change a rule author could make: a parameter set or dropped, white space or case around a value), so
    /// many documents stay valid and reach the deeper checks, emission and evaluation.
    /// </summary>
    public (string Text, IReadOnlyList<string> Log) Mutate(JsonNode seed)
    {
        var root = seed.Clone();
        var log = new List<string>();
        if (random.Next(3) == 0)
        {
            root = Gentle(root, log);
            return (root.ToString(), log);
        }

        var steps = 1 + random.Next(4);
        for (var i = 0; i < steps; i++)
        {
            root = Step(root, log);
        }

        var text = root.ToString();
        var roll = random.NextDouble();
        if (roll < 0.10 && text.Length > 1)
        {
            var at = random.Next(text.Length);
            log.Add($"truncated at {at}");
            text = text[..at];
        }
        else if (roll < 0.18)
        {
            var builder = new StringBuilder(text);
            var changes = 1 + random.Next(4);
            for (var i = 0; i < changes && builder.Length > 0; i++)
            {
                var at = random.Next(builder.Length);
                builder[at] = RandomChar();
                log.Add($"character {at} scrambled");
            }

            text = builder.ToString();
        }
        else if (roll < 0.20)
        {
            log.Add("byte order mark and white space around the document");
            text = "\uFEFF " + text + "\n";
        }

        return (text, log);
    }

    private JsonNode Step(JsonNode root, List<string> log)
    {
        var slots = Slots(root);
        var objects = slots.Select(s => s.Get()).OfType<JsonObjectNode>().ToList();
        var arrays = slots.Select(s => s.Get()).OfType<JsonArrayNode>().ToList();
        switch (random.Next(16))
        {
            case 0 when objects.Any(o => o.Members.Count > 0):
            {
                var target = Pick(objects.Where(o => o.Members.Count > 0).ToList());
                var index = random.Next(target.Members.Count);
                log.Add($"dropped key {target.Members[index].Key}");
                target.Members.RemoveAt(index);
                return root;
            }

            case 1 when objects.Any(o => o.Members.Count > 0):
            {
                var target = Pick(objects.Where(o => o.Members.Count > 0).ToList());
                var member = Pick(target.Members);
                var copy = new JsonMember(member.Key, random.Next(2) == 0 ? member.Value.Clone() : RandomValue(2));
                target.Members.Insert(random.Next(target.Members.Count + 1), copy);
                log.Add($"duplicated key {member.Key}");
                return root;
            }

            case 2 when objects.Any(o => o.Members.Count > 0):
            {
                var member = Pick(Pick(objects.Where(o => o.Members.Count > 0).ToList()).Members);
                var renamed = random.Next(5) switch
                {
                    0 => "",
                    1 => member.Key.ToUpperInvariant(),
                    2 => member.Key + Pick(WhiteSpace),
                    3 => Pick(vocabulary.Keys),
                    _ => member.Key + "x",
                };
                log.Add($"renamed key {member.Key} to {renamed}");
                member.Key = renamed;
                return root;
            }

            case 3 when objects.Count > 0:
            {
                var target = Pick(objects);
                var key = random.Next(3) == 0 ? "" : Pick(vocabulary.Keys);
                target.Members.Add(new JsonMember(key, RandomValue(2)));
                log.Add($"added key {key}");
                return root;
            }

            case 4 when objects.Count > 0:
            {
                var target = Pick(objects);
                var raw = Pick(Surrogates);
                target.Members.Add(new JsonMember("?", RandomValue(1), raw));
                log.Add($"added key {raw}");
                return root;
            }

            case 5 when arrays.Count > 0:
            {
                var target = Pick(arrays);
                switch (random.Next(4))
                {
                    case 0 when target.Items.Count > 0:
                        target.Items.RemoveAt(random.Next(target.Items.Count));
                        log.Add("removed an array item");
                        break;
                    case 1 when target.Items.Count > 0:
                        target.Items.Insert(random.Next(target.Items.Count + 1), Pick(target.Items).Clone());
                        log.Add("duplicated an array item");
                        break;
                    case 2:
                        target.Items.Clear();
                        log.Add("emptied an array");
                        break;
                    default:
                        target.Items.Add(RandomValue(2));
                        log.Add("added an array item");
                        break;
                }

                return root;
            }

            case 6:
            {
                var slot = Pick(slots);
                var depth = 2 + random.Next(random.Next(2) == 0 ? 12 : 300);
                JsonNode nested = slot.Get();
                for (var i = 0; i < depth; i++)
                {
                    nested = random.Next(3) switch
                    {
                        0 => new JsonArrayNode([nested]),
                        1 => new JsonObjectNode([new JsonMember("items", nested)]),
                        _ => new JsonObjectNode([new JsonMember("op", new JsonStringNode(random.Next(2) == 0 ? "and" : "or")), new JsonMember("items", new JsonArrayNode([nested]))]),
                    };
                }

                log.Add($"nested a value {depth} deep");
                return slot.Set(nested) ?? root;
            }

            case 7:
            case 8:
                return Semantic(root, objects, log);
            default:
            {
                var slot = Pick(slots);
                var value = random.Next(7) switch
                {
                    0 => new JsonRawNode(Pick(Numbers)),
                    1 => new JsonStringNode(Pick(NanLike)),
                    2 => new JsonStringNode(Pick(vocabulary.Strings)),
                    3 => new JsonStringNode("?", Pick(Surrogates)),
                    4 => slot.Get() is JsonStringNode s ? new JsonStringNode(Pick(WhiteSpace) + s.Value + Pick(WhiteSpace)) : RandomValue(2),
                    5 => slot.Get() is JsonStringNode t ? new JsonStringNode(random.Next(2) == 0 ? t.Value.ToUpperInvariant() : t.Value + Pick(vocabulary.Strings)) : RandomValue(1),
                    _ => RandomValue(2),
                };
                log.Add($"replaced a value with {Shorten(value.ToString())}");
                return slot.Set(value) ?? root;
            }
        }
    }

    private JsonNode Gentle(JsonNode root, List<string> log)
    {
        var slots = Slots(root);
        var strings = slots.Where(s => s.Get() is JsonStringNode).ToList();
        if (random.Next(2) == 0 || strings.Count == 0)
        {
            return Semantic(root, slots.Select(s => s.Get()).OfType<JsonObjectNode>().ToList(), log);
        }

        var slot = Pick(strings);
        var value = ((JsonStringNode)slot.Get()).Value;
        var changed = random.Next(3) switch
        {
            0 => Pick(WhiteSpace) + value,
            1 => value + Pick(WhiteSpace),
            _ => value.ToUpperInvariant(),
        };
        log.Add($"changed {Shorten(value)} to {Shorten(changed)}");
        return slot.Set(new JsonStringNode(changed)) ?? root;
    }

    /// <summary>Changes a condition the way a confused author would: another type, another operator, a parameter of the type with a valid or invalid value.</summary>
    private JsonNode Semantic(JsonNode root, List<JsonObjectNode> objects, List<string> log)
    {
        var conditions = objects.Where(o => o.Members.Any(m => m.Key == "type" && m.Value is JsonStringNode)).ToList();
        if (conditions.Count == 0)
        {
            return root;
        }

        var condition = Pick(conditions);
        var typeMember = condition.Members.Last(m => m.Key == "type" && m.Value is JsonStringNode);
        if (random.Next(5) == 0)
        {
            var other = Pick(vocabulary.Parameters.Keys.ToList());
            typeMember.Value = new JsonStringNode(other);
            log.Add($"changed the condition type to {other}");
            return root;
        }

        if (!vocabulary.Parameters.TryGetValue(((JsonStringNode)typeMember.Value).Value, out var parameters) || parameters.Count == 0)
        {
            return root;
        }

        var paramsMember = condition.Members.LastOrDefault(m => m.Key == "params");
        if (paramsMember?.Value is not JsonObjectNode paramsObject)
        {
            paramsObject = new JsonObjectNode([]);
            condition.Members.Add(new JsonMember("params", paramsObject));
        }

        var (name, values) = Pick(parameters);
        var value = random.Next(4) == 0 ? RandomValue(1) : Pick(values).Clone();
        var existing = paramsObject.Members.LastOrDefault(m => m.Key == name);
        if (existing is not null && random.Next(4) == 0)
        {
            paramsObject.Members.Remove(existing);
            log.Add($"dropped parameter {name}");
        }
        else if (existing is not null)
        {
            existing.Value = value;
            log.Add($"set parameter {name} to {Shorten(value.ToString())}");
        }
        else
        {
            paramsObject.Members.Add(new JsonMember(name, value));
            log.Add($"added parameter {name} = {Shorten(value.ToString())}");
        }

        return root;
    }

    private JsonNode RandomValue(int depth)
    {
        var kind = random.Next(depth > 0 ? 7 : 5);
        return kind switch
        {
            0 => new JsonStringNode(Pick(vocabulary.Strings)),
            1 => new JsonRawNode(Pick(Numbers)),
            2 => new JsonRawNode(Pick(["true", "false", "null"])),
            3 => new JsonStringNode(Pick(NanLike)),
            4 => new JsonStringNode(new string(Enumerable.Range(0, random.Next(12)).Select(_ => RandomChar()).ToArray())),
            5 => new JsonArrayNode(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(depth - 1)).ToList()),
            _ => new JsonObjectNode(Enumerable.Range(0, random.Next(4)).Select(_ => new JsonMember(Pick(vocabulary.Keys), RandomValue(depth - 1))).ToList()),
        };
    }

    private char RandomChar() => random.Next(6) switch
    {
        0 => Structural[random.Next(Structural.Length)],
        1 => (char)random.Next(0, 32),
        2 => (char)random.Next(0xD800, 0xE000),
        3 => (char)random.Next(0x80, 0x3000),
        _ => (char)random.Next(32, 127),
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Shorten(string text) => text.Length > 50 ? text[..47] + "..." : text;

    /// <summary>Every place a value sits, so it can be replaced.</summary>
    private static List<Slot> Slots(JsonNode root)
    {
        var slots = new List<Slot>();
        JsonNode current = root;
        slots.Add(new Slot(() => current, value => current = value));
        void Visit(JsonNode node)
        {
            switch (node)
            {
                case JsonObjectNode o:
                    foreach (var member in o.Members)
                    {
                        slots.Add(new Slot(() => member.Value, value => { member.Value = value; return null; }));
                        Visit(member.Value);
                    }

                    break;
                case JsonArrayNode a:
                    for (var i = 0; i < a.Items.Count; i++)
                    {
                        var index = i;
                        slots.Add(new Slot(() => a.Items[index], value => { a.Items[index] = value; return null; }));
                        Visit(a.Items[i]);
                    }

                    break;
            }
        }

        Visit(root);
        return slots;
    }

    /// <summary>A place holding a value; setting the root returns the new root, other places return null.</summary>
    private sealed record Slot(Func<JsonNode> Get, Func<JsonNode, JsonNode?> Set);
}
