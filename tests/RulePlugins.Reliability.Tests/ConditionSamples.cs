using System.Text.Encodings.Web;
using System.Text.Json;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Reliability.Tests;

/// <summary>A string parameter of a condition type, with other parameters that make a valid condition around it.</summary>
/// <param name="Registration">The condition type and its plugin.</param>
/// <param name="Target">The string or string-list parameter under test.</param>
/// <param name="Parameters">Valid values for every parameter the condition needs, the target included.</param>
public sealed record StringParameterCase(ConditionRegistration Registration, ParameterDefinition Target, IReadOnlyDictionary<string, object> Parameters)
{
    /// <summary>The parameters with <paramref name="value"/> in the target (as the only item of a list).</summary>
    public Dictionary<string, object> With(string value)
    {
        var parameters = new Dictionary<string, object>(Parameters, StringComparer.Ordinal)
        {
            [Target.Name] = Target.Kind == ParameterKind.StringList ? new[] { value } : value,
        };
        return parameters;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Registration.Type.Id}.{Target.Name}";
}

/// <summary>
/// Builds minimal valid conditions from the catalogue's schemas alone (allowed values, ranges, per-operator rules, choices
/// from data), so every condition type a plugin adds is covered without listing it here.
/// </summary>
internal static class ConditionSamples
{
    /// <summary>The date sample values use.</summary>
    public const string SampleDate = "2026-01-01";

    /// <summary>
    /// Every string and string-list parameter of every condition type, each with a valid condition around it; a
    /// parameter no valid condition could be built for is returned in <paramref name="unbuildable"/> with the errors.
    /// </summary>
    public static IReadOnlyList<StringParameterCase> StringParameters(PluginCatalog catalog, SegmentValidator validator, List<string> unbuildable)
    {
        var cases = new List<StringParameterCase>();
        foreach (var registration in catalog.ConditionTypes)
        {
            foreach (var target in registration.Type.Parameters.Where(p => p.Kind is ParameterKind.String or ParameterKind.StringList))
            {
                IReadOnlyList<ValidationError> errors = [];
                Dictionary<string, object>? found = null;
                foreach (var withOptionalControllers in new[] { false, true })
                {
                    var parameters = Build(registration.Type, target, validator, withOptionalControllers);
                    errors = validator.Check(Document("sample", "Sample", registration.Type.Subject, registration.Type.Id, parameters));
                    if (errors.Count == 0)
                    {
                        found = parameters;
                        break;
                    }
                }

                if (found is null)
                {
                    unbuildable.Add($"{registration.Type.Id}.{target.Name}: {string.Join("; ", errors)}");
                }
                else
                {
                    cases.Add(new StringParameterCase(registration, target, found));
                }
            }
        }

        return cases;
    }

    /// <summary>
    /// Valid parameters for <paramref name="type"/>: the target (when given) and whatever it depends on, every required
    /// parameter, and with <paramref name="withOptionalControllers"/> every optional choice that controls others;
    /// <paramref name="seed"/> gives values chosen beforehand (an operator under test), which the rest is built around.
    /// </summary>
    public static Dictionary<string, object> Build(ConditionType type, ParameterDefinition? target, SegmentValidator validator, bool withOptionalControllers, IReadOnlyDictionary<string, object>? seed = null)
    {
        var values = new Dictionary<string, object>(seed ?? new Dictionary<string, object>(), StringComparer.Ordinal);
        if (target?.DependsOn is { } dependency)
        {
            values[dependency.Parameter] = dependency.RequiredFor.Concat(dependency.OptionalFor).First();
        }

        if (withOptionalControllers)
        {
            // In catalogue order, and only where it applies given the values so far: a controller that itself depends on
            // another one (a pixel_data slot's number operator on its kind) is left out when that one refuses it.
            var controllers = type.Parameters.Where(p => p.DependsOn is not null).Select(p => p.DependsOn!.Parameter).ToHashSet(StringComparer.Ordinal);
            foreach (var parameter in type.Parameters.Where(p => controllers.Contains(p.Name) && p.AllowedValues is not null && !values.ContainsKey(p.Name)))
            {
                if (parameter.AppliesWhen(name => values.TryGetValue(name, out var v) ? v as string : null))
                {
                    values[parameter.Name] = Sample(parameter, validator);
                }
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var parameter in type.Parameters.Where(p => !values.ContainsKey(p.Name)))
            {
                var needed = parameter.UsageWhen(name => values.TryGetValue(name, out var v) ? v as string : null) == ParameterUsage.Required;
                if (needed)
                {
                    values[parameter.Name] = Sample(parameter, validator);
                    changed = true;
                }
            }
        }

        if (target is not null && !values.ContainsKey(target.Name))
        {
            values[target.Name] = Sample(target, validator);
        }

        return values;
    }

    /// <summary>A valid value of one parameter, from its schema.</summary>
    public static object Sample(ParameterDefinition parameter, SegmentValidator validator)
    {
        string Text() => parameter.AllowedValues?[0] ?? (parameter.ChoicesFrom is not null ? validator.Choices(parameter)?.FirstOrDefault() : null) ?? "sample";
        decimal Number()
        {
            var value = parameter.Minimum ?? 1m;
            return parameter.Maximum is { } max && value > max ? max : value;
        }

        return parameter.Kind switch
        {
            ParameterKind.String => Text(),
            ParameterKind.StringList => new[] { Text() },
            ParameterKind.Integer => (long)Math.Ceiling(Number()),
            ParameterKind.IntegerList => new[] { (long)Math.Ceiling(Number()) },
            ParameterKind.Number => Number(),
            ParameterKind.NumberList => new[] { Number() },
            ParameterKind.Boolean => true,
            ParameterKind.Date => SampleDate,
            _ => throw new NotSupportedException($"No sample for {parameter.Kind}."),
        };
    }

    private static readonly JsonSerializerOptions Escaped = new();
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A one-condition segment document. <paramref name="relaxed"/> writes non-ASCII text as itself rather than as
    /// <c>\uXXXX</c> escapes, so both spellings of the same value reach the parser.
    /// </summary>
    public static string Document(string id, string name, string subject, string type, IReadOnlyDictionary<string, object> parameters, bool relaxed = false, string? description = null) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object?>
            {
                ["schemaVersion"] = 1,
                ["id"] = id,
                ["name"] = name,
                ["description"] = description,
                ["subject"] = subject,
                ["rules"] = new { op = "and", items = new[] { new { type, @params = parameters } } },
            },
            relaxed ? Relaxed : Escaped);
}
