using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using static RulePlugins.Engine.Validation.SegmentDocumentParser;

namespace RulePlugins.Engine.Validation;

/// <summary>
/// Checks a parsed document against the plugins' condition schemas: known type, right subject, every
/// required parameter present, no extra one, right JSON type, allowed value, range and size. Collects
/// every error; returns a bound tree only when there were none. Values that come from reference data
/// (<see cref="ParameterDefinition.ChoicesFrom"/>) are checked against <paramref name="referenceData"/> when given.
/// </summary>
internal sealed class SegmentBinder(PluginCatalog catalog, ValidationLimits limits, IReferenceDataSource? referenceData = null)
{
    private const int MaxChoicesListed = 12;

    private const int ClosestShown = 5;

    // Lookups read again during this bind, so a document full of unknown values reads each at most once more.
    private readonly HashSet<string> _reloaded = new(StringComparer.Ordinal);

    /// <summary>Binds <paramref name="document"/>, adding problems to <paramref name="errors"/>.</summary>
    public BoundSegment? Bind(SegmentDocument document, List<ValidationError> errors)
    {
        var before = errors.Count;
        var subjects = catalog.SubjectKinds.ToList();
        if (!subjects.Contains(document.Subject, StringComparer.Ordinal))
        {
            errors.Add(new("subject", $"{Quote(document.Subject)} is not allowed; allowed values: {string.Join(", ", subjects)}"));
            return null;
        }

        var root = BindGroup(document.Rules, document.Subject, errors);
        return errors.Count == before && root is not null ? new BoundSegment(document, root) : null;
    }

    private BoundGroup? BindGroup(GroupNode group, string subject, List<ValidationError> errors)
    {
        var items = ImmutableArray.CreateBuilder<BoundNode>(group.Items.Length);
        foreach (var item in group.Items)
        {
            BoundNode? bound = item switch
            {
                GroupNode nested => BindGroup(nested, subject, errors),
                ConditionNode condition => BindCondition(condition, subject, errors),
                _ => null,
            };
            if (bound is not null)
            {
                items.Add(bound);
            }
        }

        return items.Count == group.Items.Length ? new BoundGroup(group.Path, group.Operator, items.MoveToImmutable()) : null;
    }

    private BoundCondition? BindCondition(ConditionNode node, string subject, List<ValidationError> errors)
    {
        if (!catalog.TryGetConditionType(node.Type, out var registration))
        {
            errors.Add(new(node.Path + ".type", $"unknown condition type {Quote(node.Type)}; {KnownTypes(node.Type, subject)}"));
            return null;
        }

        var type = registration.Type;
        if (type.Subject != subject)
        {
            errors.Add(new(node.Path + ".type", $"{Quote(node.Type)} applies to {type.Subject} segments, but this segment's subject is {subject}"));
            return null;
        }

        var before = errors.Count;
        var definitions = type.Parameters;
        foreach (var name in node.Parameters.Keys)
        {
            if (!definitions.Any(d => d.Name == name))
            {
                errors.Add(new(JsonText.Child(node.Path + ".params", name), $"is not a parameter of {type.Id}{KeyNote(name)}; its parameters are: {string.Join(", ", definitions.Select(d => d.Name))}"));
            }
        }

        string? RawString(string name) =>
            node.Parameters.TryGetValue(name, out var e) && e.ValueKind == JsonValueKind.String && JsonText.TryGetString(e, out var text, out _) ? text : null;

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var path = $"{node.Path}.params.{definition.Name}";
            var present = node.Parameters.TryGetValue(definition.Name, out var element);
            var usage = definition.UsageWhen(RawString);
            if (usage == ParameterUsage.Refused)
            {
                // Refused only through a dependency; say so only when the deciding value is known, or left out on purpose.
                var dependency = definition.DependsOn!;
                var controller = definitions.FirstOrDefault(d => d.Name == dependency.Parameter);
                if (present && RawString(dependency.Parameter) is { } controlling
                    && controller?.AllowedValues?.Contains(controlling, StringComparer.Ordinal) != false)
                {
                    errors.Add(new(path, $"is not used when {dependency.Parameter} is '{controlling}'; {Applies(dependency)}"));
                }
                else if (present && !node.Parameters.ContainsKey(dependency.Parameter) && controller is not null
                    && controller.UsageWhen(RawString) != ParameterUsage.Required)
                {
                    // The deciding parameter may be left out, and was: this one would be silently ignored.
                    // (When it is required and missing, that error is reported at its own path.)
                    errors.Add(new(path, $"is not used without {dependency.Parameter}; {Applies(dependency)}"));
                }

                continue;
            }

            if (!present || element.ValueKind == JsonValueKind.Null)
            {
                if (usage == ParameterUsage.Required)
                {
                    var when = definition.DependsOn is { } d ? $" when {d.Parameter} is '{RawString(d.Parameter)}'" : string.Empty;
                    errors.Add(new(path, $"is required{when}: {Expected(definition)}"));
                }

                continue;
            }

            if (Convert(definition, element, path, errors) is { } value)
            {
                values[definition.Name] = value;
            }
        }

        if (errors.Count != before)
        {
            return null;
        }

        var arguments = new ConditionArguments(values);
        try
        {
            foreach (var error in type.Validate(arguments))
            {
                errors.Add(new($"{node.Path}.params.{error.Parameter}", error.Message));
            }

            if (errors.Count != before)
            {
                return null;
            }

            return new BoundCondition(node.Path, registration, arguments, type.Describe(arguments));
        }
        catch (Exception ex)
        {
            errors.Add(new(node.Path, $"condition type {type.Id} (plugin {registration.Plugin}) failed on these parameters: {ex.Message}"));
            return null;
        }
    }

    /// <summary>
    /// Where a dependent parameter applies, in words: "it applies only when operator is 'in_range'", or with optional
    /// values "it is required when operator is 'at_least' and optional when operator is 'exists' or 'not_exists'".
    /// </summary>
    private static string Applies(ParameterDependency dependency)
    {
        string Values(IReadOnlyList<string> values) => string.Join(" or ", values.Select(v => "'" + v + "'"));
        return (dependency.RequiredFor.Count, dependency.OptionalFor.Count) switch
        {
            (_, 0) => $"it applies only when {dependency.Parameter} is {Values(dependency.RequiredFor)}",
            (0, _) => $"it applies only when {dependency.Parameter} is {Values(dependency.OptionalFor)}, where it is optional",
            _ => $"it is required when {dependency.Parameter} is {Values(dependency.RequiredFor)} and optional when {dependency.Parameter} is {Values(dependency.OptionalFor)}",
        };
    }

    private object? Convert(ParameterDefinition definition, JsonElement element, string path, List<ValidationError> errors)
    {
        switch (definition.Kind)
        {
            case ParameterKind.String:
                return element.ValueKind == JsonValueKind.String
                    ? Text(element, path, errors) is { } text ? CheckString(definition, text, path, errors) : null
                    : Wrong(definition, element, path, errors);
            case ParameterKind.Boolean:
                return element.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? element.GetBoolean()
                    : Wrong(definition, element, path, errors);
            case ParameterKind.Integer:
                if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var integer))
                {
                    return CheckRange(definition, integer, path, errors) ? integer : null;
                }

                return Wrong(definition, element, path, errors);
            case ParameterKind.Number:
                if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number))
                {
                    return CheckRange(definition, number, path, errors) ? number : null;
                }

                return Wrong(definition, element, path, errors);
            case ParameterKind.Date:
                if (element.ValueKind == JsonValueKind.String && JsonText.TryGetString(element, out var day, out _) && TryParseDate(day, out var date))
                {
                    return date;
                }

                return Wrong(definition, element, path, errors);
            case ParameterKind.StringList:
            case ParameterKind.NumberList:
            case ParameterKind.IntegerList:
                return ConvertList(definition, element, path, errors);
            default:
                errors.Add(new(path, $"has an unsupported parameter kind {definition.Kind}"));
                return null;
        }
    }

    private object? ConvertList(ParameterDefinition definition, JsonElement element, string path, List<ValidationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return Wrong(definition, element, path, errors);
        }

        var length = element.GetArrayLength();
        if (length == 0 || length > limits.MaxListItems)
        {
            errors.Add(new(path, $"must have 1 to {limits.MaxListItems} items, got {length}"));
            return null;
        }

        var before = errors.Count;
        var strings = new List<string>();
        var numbers = new List<decimal>();
        var integers = new List<long>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (definition.Kind == ParameterKind.StringList)
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new(itemPath, $"must be a string, got {Describe(item.ValueKind)}"));
                }
                else if (Text(item, itemPath, errors) is { } text && CheckString(definition, text, itemPath, errors) is { } s)
                {
                    strings.Add(s);
                }
            }
            else if (definition.Kind == ParameterKind.IntegerList)
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var whole))
                {
                    if (CheckRange(definition, whole, itemPath, errors))
                    {
                        integers.Add(whole);
                    }
                }
                else
                {
                    errors.Add(new(itemPath, $"must be a whole number, got {Show(item)}"));
                }
            }
            else if (item.ValueKind == JsonValueKind.Number && item.TryGetDecimal(out var n))
            {
                if (CheckRange(definition, n, itemPath, errors))
                {
                    numbers.Add(n);
                }
            }
            else
            {
                errors.Add(new(itemPath, $"must be a number, got {Describe(item.ValueKind)}"));
            }
        }

        if (errors.Count != before)
        {
            return null;
        }

        return definition.Kind switch
        {
            ParameterKind.StringList => (IReadOnlyList<string>)strings.AsReadOnly(),
            ParameterKind.IntegerList => (IReadOnlyList<long>)integers.AsReadOnly(),
            _ => (IReadOnlyList<decimal>)numbers.AsReadOnly(),
        };
    }

    private static string? Text(JsonElement element, string path, List<ValidationError> errors)
    {
        if (JsonText.TryGetString(element, out var text, out var problem))
        {
            return text;
        }

        errors.Add(new(path, problem));
        return null;
    }

    private string? CheckString(ParameterDefinition definition, string value, string path, List<ValidationError> errors)
    {
        if (value.Length > limits.MaxStringLength)
        {
            errors.Add(new(path, $"is {value.Length} characters long; the limit is {limits.MaxStringLength}"));
            return null;
        }

        if (definition.AllowedValues is { } allowed)
        {
            // A fixed choice (an operator) is written exactly as listed; values of data compared ignoring case (a
            // status) may come in any case, and bind as listed.
            var listed = definition.AllowedValuesIgnoreCase
                ? allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase))
                : allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.Ordinal));
            if (listed is null)
            {
                errors.Add(new(path, $"{Quote(value)} is not allowed; allowed values: {string.Join(", ", allowed)}{(definition.AllowedValuesIgnoreCase ? " (in any case)" : string.Empty)}"));
                return null;
            }

            return listed;
        }

        // Conditions compare text without its surrounding white space on the data side (Sdk.Runtime.Text), so the
        // condition gets the value trimmed as well; the stored document keeps what was sent.
        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            errors.Add(new(path, value.Length == 0 ? "must not be empty" : "must not be empty: it is only white space"));
            return null;
        }

        return definition.ChoicesFrom is { } choices && referenceData is not null ? Choose(choices, trimmed, path, errors) : trimmed;
    }

    /// <summary>
    /// The value as the reference data spells it, or null when it is not there, with an error: the known values when they
    /// are few, otherwise the closest ones; a value that is an entity's name rather than its id gets that id.
    /// </summary>
    private string? Choose(DataChoices choices, string value, string path, List<ValidationError> errors)
    {
        var known = KnownChoices(choices, referenceData!.Model(choices.Lookup));
        var match = known.FirstOrDefault(k => Sdk.Runtime.Text.IgnoreCaseComparer.Equals(k.Value, value));
        if (match is null && _reloaded.Add(choices.Lookup.Name))
        {
            // A row added since the data was read counts.
            known = KnownChoices(choices, referenceData.Reload(choices.Lookup));
            match = known.FirstOrDefault(k => Sdk.Runtime.Text.IgnoreCaseComparer.Equals(k.Value, value));
        }

        if (match is not null)
        {
            return match.Value;
        }

        var named = known.Where(k => Sdk.Runtime.Text.IgnoreCaseComparer.Equals(k.Name, value)).ToList();
        if (named.Count > 0)
        {
            errors.Add(new(path, $"{Quote(value)} is the name of {choices.Noun} {string.Join(", ", named.Select(n => n.Value))}; a document names a {choices.Noun} by its id: {string.Join(" or ", named.Select(n => Quote(n.Value)))}"));
            return null;
        }

        errors.Add(new(path, known.Count switch
        {
            0 => $"{Quote(value)} is not a known {choices.Noun}; there are none in {choices.Lookup.Table.Name}",
            <= MaxChoicesListed => $"{Quote(value)} is not a known {choices.Noun}; known: {string.Join(", ", known.Select(ChoiceSearch.Show))}",
            _ => $"{Quote(value)} is not a known {choices.Noun}; the closest: {string.Join(", ", ChoiceSearch.Closest(known, value, ClosestShown).Select(ChoiceSearch.Show))} ({known.Count} known)",
        }));
        return null;
    }

    /// <summary>The choices a lookup model gives, trimmed, without empty ones and repeats, ordered by value.</summary>
    internal static IReadOnlyList<DataChoice> KnownChoices(DataChoices choices, object model) =>
        [.. choices.ChoicesFrom(model)
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => new DataChoice(c.Value.Trim(), string.IsNullOrWhiteSpace(c.Name) ? c.Value.Trim() : c.Name.Trim()))
            .DistinctBy(c => c.Value, Sdk.Runtime.Text.IgnoreCaseComparer)
            .OrderBy(c => c.Value, StringComparer.Ordinal)];

    /// <summary>The values a lookup model gives, trimmed, without empty ones and repeats, ordered.</summary>
    internal static IReadOnlyList<string> Known(DataChoices choices, object model) => [.. KnownChoices(choices, model).Select(c => c.Value)];

    private static bool CheckRange(ParameterDefinition definition, decimal value, string path, List<ValidationError> errors)
    {
        if (value < definition.Minimum || value > definition.Maximum)
        {
            errors.Add(new(path, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range; {Expected(definition)}"));
            return false;
        }

        return true;
    }

    private static object? Wrong(ParameterDefinition definition, JsonElement element, string path, List<ValidationError> errors)
    {
        errors.Add(new(path, $"expected {Expected(definition)}, got {Show(element)}"));
        return null;
    }

    private static string Expected(ParameterDefinition definition)
    {
        var range = (definition.Minimum, definition.Maximum) switch
        {
            ({ } min, { } max) => $" from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}",
            ({ } min, null) => $" of at least {min.ToString(CultureInfo.InvariantCulture)}",
            (null, { } max) => $" of at most {max.ToString(CultureInfo.InvariantCulture)}",
            _ => string.Empty,
        };
        var allowed = definition.AllowedValues is { } values ? $" (allowed values: {string.Join(", ", values)})"
            : definition.ChoicesFrom is { } choices ? $" (a known {choices.Noun})" : string.Empty;
        return definition.Kind switch
        {
            ParameterKind.String => "a string" + allowed,
            ParameterKind.Integer => "a whole number" + range,
            ParameterKind.Number => "a number" + range,
            ParameterKind.Boolean => "true or false",
            ParameterKind.Date => "a date such as \"2026-01-31\" or \"2026-01-31T10:00:00Z\"",
            ParameterKind.StringList => "a non-empty array of strings" + allowed,
            ParameterKind.NumberList => "a non-empty array of numbers" + range,
            ParameterKind.IntegerList => "a non-empty array of whole numbers" + range,
            _ => definition.Kind.ToString(),
        };
    }

    /// <summary>Parses an ISO 8601 date or date-time (UTC when no offset is given).</summary>
    public static bool TryParseDate(string text, out DateTimeOffset value)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            value = value.ToUniversalTime();
            return true;
        }

        return false;
    }

    private string KnownTypes(string requested, string subject)
    {
        var ofSubject = catalog.ConditionTypes.Where(r => r.Type.Subject == subject).Select(r => r.Type.Id).ToList();
        var dot = requested.IndexOf('.', StringComparison.Ordinal);
        var family = dot > 0 ? ofSubject.Where(id => id.StartsWith(requested[..(dot + 1)], StringComparison.Ordinal)).ToList() : [];
        var shown = family.Count > 0 ? family : ofSubject;
        if (shown.Count == 0)
        {
            return $"no loaded plugin offers {subject} conditions";
        }

        return shown.Count <= 40
            ? $"known types: {string.Join(", ", shown)}"
            : $"known types include: {string.Join(", ", shown.Take(40))} (and {shown.Count - 40} more)";
    }
}
