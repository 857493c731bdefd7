using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RulePlugins.Engine.Model;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Validation;

/// <summary>
/// Reads a segment document's JSON into the model, checking its shape and size limits. Every problem is
/// collected with its JSON path; plugin schemas are checked afterwards by <see cref="SegmentBinder"/>.
/// </summary>
internal sealed partial class SegmentDocumentParser(ValidationLimits limits)
{
    /// <summary>The document path used for problems with the document as a whole.</summary>
    public const string DocumentPath = "(document)";

    private static readonly string[] TopLevelKeys = ["schemaVersion", "id", "name", "description", "subject", "schedule", "rules"];
    private static readonly string[] ScheduleKeys = ["everyMinutes", "enabled"];
    private static readonly string[] GroupKeys = ["op", "items"];
    private static readonly string[] ConditionKeys = ["type", "params"];

    /// <summary>
    /// Parses <paramref name="json"/>. Returns as much of the document as could be read, so the binder can
    /// report problems in the rest of the tree too; the document is valid only if no error was added.
    /// </summary>
    public SegmentDocument? Parse(string json, List<ValidationError> errors)
    {
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > limits.MaxDocumentBytes)
        {
            errors.Add(new(DocumentPath, $"is {bytes} bytes; the limit is {limits.MaxDocumentBytes}"));
            return null;
        }

        JsonDocument document;
        try
        {
            // Each group level nests an object and an array; conditions add params and lists.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxDepth * 2 + 6 });
        }
        catch (JsonException ex)
        {
            errors.Add(new(DocumentPath, $"is not valid JSON: {ex.Message}"));
            return null;
        }
        catch (ArgumentException) when (JsonText.IndexOfUnpairedSurrogate(json) is var at and >= 0)
        {
            // Text handed in process may hold a lone surrogate character, which cannot be read as UTF-8.
            errors.Add(new(DocumentPath, $"{JsonText.UnpairedSurrogate} at character {at}"));
            return null;
        }

        using (document)
        {
            // Text that is not valid (an escaped unpaired surrogate) cannot be read as a string, and of a key given
            // twice only one value would be read: both are refused, with their paths, before anything reads the document.
            var before = errors.Count;
            CheckKeysAndText(document.RootElement, string.Empty, errors);
            if (errors.Count != before)
            {
                return null;
            }

            return ParseRoot(document.RootElement, json, errors);
        }
    }

    private static void CheckKeysAndText(JsonElement element, string path, List<ValidationError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                if (!JsonText.TryGetString(element, out _, out var problem))
                {
                    errors.Add(new(At(path), problem));
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckKeysAndText(item, JsonText.Item(path, index++), errors);
                }

                break;
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!JsonText.TryGetName(property, out var name, out var keyProblem))
                    {
                        errors.Add(new(At(path), "has a key that " + keyProblem));
                    }
                    else if (!seen.Add(name))
                    {
                        errors.Add(new(At(JsonText.Child(path, name)), "is given twice; a key may appear only once in an object"));
                    }
                    else
                    {
                        CheckKeysAndText(property.Value, JsonText.Child(path, name), errors);
                    }
                }

                break;
        }

        static string At(string path) => path.Length == 0 ? DocumentPath : path;
    }

    private SegmentDocument? ParseRoot(JsonElement root, string json, List<ValidationError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(DocumentPath, $"must be a JSON object, got {Describe(root.ValueKind)}"));
            return null;
        }

        RejectUnknownKeys(root, null, TopLevelKeys, errors);

        if (!root.TryGetProperty("schemaVersion", out var schemaVersion))
        {
            errors.Add(new("schemaVersion", "is required; the current version is 1"));
        }
        else if (schemaVersion.ValueKind != JsonValueKind.Number || !schemaVersion.TryGetInt32(out var v) || v != 1)
        {
            errors.Add(new("schemaVersion", $"must be 1, got {Show(schemaVersion)}"));
        }

        var name = RequiredString(root, "name", errors);
        var description = OptionalString(root, "description", errors);
        var id = OptionalString(root, "id", errors);
        if (id is not null && !SegmentIds.IsValid(id))
        {
            errors.Add(new("id", $"{SegmentIds.Rule}; got {Quote(id)}"));
        }
        else if (id is null && name is not null)
        {
            id = Slug(name);
            if (id.Length == 0)
            {
                errors.Add(new("id", "is missing and cannot be made from the name (it has no letters or digits); give an id"));
            }
        }

        var subject = OptionalString(root, "subject", errors) ?? Sdk.SubjectKinds.Profile;
        var schedule = ParseSchedule(root, subject, errors);

        GroupNode? rules = null;
        if (!root.TryGetProperty("rules", out var rulesElement))
        {
            errors.Add(new("rules", "is required: a group such as {\"op\": \"and\", \"items\": [...]}"));
        }
        else
        {
            var nodeCount = 0;
            rules = ParseGroup(rulesElement, "rules", 1, ref nodeCount, errors);
        }

        return rules is null ? null : new SegmentDocument(1, id ?? string.Empty, name ?? string.Empty, description, subject, rules, json) { Schedule = schedule };
    }

    private SegmentSchedule? ParseSchedule(JsonElement root, string subject, List<ValidationError> errors)
    {
        if (!root.TryGetProperty("schedule", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("schedule", $"must be an object such as {{\"everyMinutes\": 60}} or {{\"enabled\": false}}, got {Describe(element.ValueKind)}"));
            return null;
        }

        if (subject != Sdk.SubjectKinds.Profile)
        {
            errors.Add(new("schedule", $"applies to profile segments only; {subject} segments are evaluated one {subject} at a time, not recalculated"));
            return null;
        }

        RejectUnknownKeys(element, "schedule", ScheduleKeys, errors);
        int? minutes = null;
        if (element.TryGetProperty("everyMinutes", out var every))
        {
            if (every.ValueKind != JsonValueKind.Number || !every.TryGetInt32(out var value) || value < 1 || value > SegmentSchedule.MaxMinutes)
            {
                errors.Add(new("schedule.everyMinutes", $"must be a whole number of minutes from 1 to {SegmentSchedule.MaxMinutes}, got {Show(every)}"));
            }
            else
            {
                minutes = value;
            }
        }

        var enabled = true;
        if (element.TryGetProperty("enabled", out var enabledElement))
        {
            if (enabledElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(new("schedule.enabled", $"must be true or false, got {Show(enabledElement)}"));
            }
            else
            {
                enabled = enabledElement.GetBoolean();
            }
        }

        return new SegmentSchedule(minutes, enabled);
    }

    private GroupNode? ParseGroup(JsonElement element, string path, int depth, ref int nodeCount, List<ValidationError> errors)
    {
        if (++nodeCount > limits.MaxNodes)
        {
            // Reported once; the rest of the tree is not read.
            if (nodeCount == limits.MaxNodes + 1)
            {
                errors.Add(new(path, $"the tree has more than {limits.MaxNodes} nodes"));
            }

            return null;
        }

        if (depth > limits.MaxDepth)
        {
            errors.Add(new(path, $"groups are nested {depth} deep; the limit is {limits.MaxDepth}"));
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"must be a group object with 'op' and 'items', got {Describe(element.ValueKind)}"));
            return null;
        }

        if (element.TryGetProperty("type", out _))
        {
            errors.Add(new(path, "must be a group ('op' and 'items'), not a condition; wrap the condition in {\"op\": \"and\", \"items\": [...]}"));
            return null;
        }

        RejectUnknownKeys(element, path, GroupKeys, errors);
        LogicalOperator op = LogicalOperator.And;
        if (!element.TryGetProperty("op", out var opElement))
        {
            errors.Add(new(path + ".op", "is required; allowed values: and, or"));
        }
        else if (opElement.ValueKind != JsonValueKind.String || opElement.GetString() is not ("and" or "or"))
        {
            errors.Add(new(path + ".op", $"{Show(opElement)} is not allowed; allowed values: and, or"));
        }
        else
        {
            op = opElement.GetString() == "and" ? LogicalOperator.And : LogicalOperator.Or;
        }

        var items = ImmutableArray.CreateBuilder<RuleNode>();
        if (!element.TryGetProperty("items", out var itemsElement))
        {
            errors.Add(new(path + ".items", "is required: a non-empty array of conditions and groups"));
            return null;
        }

        if (itemsElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(path + ".items", $"must be an array, got {Describe(itemsElement.ValueKind)}"));
            return null;
        }

        if (itemsElement.GetArrayLength() == 0)
        {
            errors.Add(new(path + ".items", "is empty; a group needs at least one condition or group"));
        }

        var index = 0;
        foreach (var item in itemsElement.EnumerateArray())
        {
            var itemPath = $"{path}.items[{index++}]";
            var node = IsGroup(item)
                ? ParseGroup(item, itemPath, depth + 1, ref nodeCount, errors)
                : (RuleNode?)ParseCondition(item, itemPath, ref nodeCount, errors);
            if (node is not null)
            {
                items.Add(node);
            }
        }

        // Items that could not be read are left out; their errors are already recorded.
        return new GroupNode(path, op, items.ToImmutable());
    }

    private static bool IsGroup(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && !item.TryGetProperty("type", out _) && item.TryGetProperty("items", out _);

    private ConditionNode? ParseCondition(JsonElement element, string path, ref int nodeCount, List<ValidationError> errors)
    {
        if (++nodeCount > limits.MaxNodes)
        {
            // Reported once; the rest of the tree is not read.
            if (nodeCount == limits.MaxNodes + 1)
            {
                errors.Add(new(path, $"the tree has more than {limits.MaxNodes} nodes"));
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"must be a condition object ('type' and 'params') or a group ('op' and 'items'), got {Describe(element.ValueKind)}"));
            return null;
        }

        var ok = true;
        if (element.TryGetProperty("op", out _))
        {
            errors.Add(new(path + ".op", "a condition cannot carry its own operator: AND and OR cannot be mixed on one level; put the conditions to join the other way in a nested group"));
            ok = false;
        }

        if (element.TryGetProperty("items", out _))
        {
            errors.Add(new(path, "has both 'type' and 'items'; a node is either a condition or a group"));
            ok = false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not ("type" or "params" or "op" or "items"))
            {
                errors.Add(new(JsonText.Child(path, property.Name), $"is not a known key{KeyNote(property.Name)}; a condition has: {string.Join(", ", ConditionKeys)}"));
                ok = false;
            }
        }

        string? type = null;
        if (!element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(typeElement.GetString()))
        {
            errors.Add(new(path + ".type", "is required: a condition type id such as \"profile.city\""));
            ok = false;
        }
        else
        {
            type = typeElement.GetString()!;
        }

        var parameters = ImmutableSortedDictionary.CreateBuilder<string, JsonElement>(StringComparer.Ordinal);
        if (element.TryGetProperty("params", out var paramsElement))
        {
            if (paramsElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path + ".params", $"must be an object, got {Describe(paramsElement.ValueKind)}"));
                ok = false;
            }
            else
            {
                // Keys given twice were refused before parsing.
                foreach (var property in paramsElement.EnumerateObject())
                {
                    parameters[property.Name] = property.Value.Clone();
                }
            }
        }

        return ok && type is not null ? new ConditionNode(path, type, parameters.ToImmutable()) : null;
    }

    private void RejectUnknownKeys(JsonElement element, string? path, string[] allowed, List<ValidationError> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new(JsonText.Child(path ?? string.Empty, property.Name), $"is not a known key{KeyNote(property.Name)}; allowed keys: {string.Join(", ", allowed)}"));
            }
        }
    }

    private string? RequiredString(JsonElement root, string key, List<ValidationError> errors)
    {
        if (!root.TryGetProperty(key, out _))
        {
            errors.Add(new(key, "is required"));
            return null;
        }

        var value = OptionalString(root, key, errors);
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(key, "must not be empty"));
            return null;
        }

        return value;
    }

    private string? OptionalString(JsonElement root, string key, List<ValidationError> errors)
    {
        if (!root.TryGetProperty(key, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(key, $"must be a string, got {Describe(element.ValueKind)}"));
            return null;
        }

        var value = element.GetString()!;
        if (value.Length > limits.MaxStringLength)
        {
            errors.Add(new(key, $"is {value.Length} characters long; the limit is {limits.MaxStringLength}"));
            return null;
        }

        return value;
    }

    /// <summary>Makes an id from a name: lower-case letters and digits, other runs become one dash.</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > 64 ? slug[..64].Trim('-') : slug;
    }

    /// <summary>Says so when a key is empty or only white space, which a path alone shows poorly.</summary>
    internal static string KeyNote(string key) =>
        key.Length == 0 ? " (the key is empty)" : string.IsNullOrWhiteSpace(key) ? " (the key is only white space)" : string.Empty;

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    internal static string Show(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    internal static string Quote(string value) => JsonSerializer.Serialize(value.Length > 60 ? value[..57] + "..." : value);

}
