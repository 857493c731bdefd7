using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Reliability.Tests;

/// <summary>What the catalogue advertises, over every loaded condition type: nothing a rule builder could offer but never use.</summary>
public sealed class CatalogueConsistencyTests
{
    [Fact]
    public void Catalogue_Dependencies_NameOnlyValuesTheDecidingParameterAllows()
    {
        var problems = new List<string>();
        foreach (var registration in RealPlugins.Catalog.ConditionTypes)
        {
            var type = registration.Type;
            foreach (var parameter in type.Parameters.Where(p => p.DependsOn is not null))
            {
                var dependency = parameter.DependsOn!;
                var controller = type.Parameters.FirstOrDefault(p => p.Name == dependency.Parameter);
                if (controller?.AllowedValues is not { } allowed)
                {
                    problems.Add($"{type.Id}.{parameter.Name}: depends on '{dependency.Parameter}', which is not a parameter with allowed values");
                    continue;
                }

                var named = dependency.RequiredFor.Concat(dependency.OptionalFor).ToList();
                var foreign = named.Where(v => !allowed.Contains(v, StringComparer.Ordinal)).ToList();
                var both = dependency.RequiredFor.Intersect(dependency.OptionalFor, StringComparer.Ordinal).ToList();
                if (foreign.Count > 0)
                {
                    problems.Add($"{type.Id}.{parameter.Name}: depends on {dependency.Parameter} being {string.Join("|", foreign)}, which {dependency.Parameter} does not allow ({string.Join(", ", allowed)})");
                }
                else if (named.Count == 0)
                {
                    problems.Add($"{type.Id}.{parameter.Name}: used for no value of {dependency.Parameter}, so it can never be given");
                }
                else if (both.Count > 0)
                {
                    problems.Add($"{type.Id}.{parameter.Name}: both required and optional when {dependency.Parameter} is {string.Join("|", both)}");
                }
            }
        }

        Assert.True(RealPlugins.Catalog.ConditionTypes.Count() >= 20, "the plugin folder should hold the profile and market plugins");
        Assert.Empty(problems);
    }

    /// <summary>
    /// For every parameter that depends on another one, and every value that other one allows, the validator does what the
    /// catalogue says: a required parameter left out is refused at its path naming the value, an optional one may be given
    /// or left out, a refused one given is refused at its path naming the value.
    /// </summary>
    [Fact]
    public void Validate_EveryDependencyAndDecidingValue_EnforcesWhatTheCatalogueSays()
    {
        using var engine = new ReliabilityEngine();
        var validator = engine.Engine.Validator;
        var problems = new List<string>();
        var checkedRules = new HashSet<ParameterUsage>();
        foreach (var registration in RealPlugins.Catalog.ConditionTypes)
        {
            var type = registration.Type;
            foreach (var parameter in type.Parameters.Where(p => p.DependsOn is not null))
            {
                var dependency = parameter.DependsOn!;
                var controller = type.Parameters.Single(p => p.Name == dependency.Parameter);
                foreach (var value in controller.AllowedValues ?? [])
                {
                    var usage = dependency.For(value);
                    checkedRules.Add(usage);
                    var without = Around(type, dependency.Parameter, value, validator);
                    without.Remove(parameter.Name);
                    var with = new Dictionary<string, object>(without, StringComparer.Ordinal) { [parameter.Name] = ConditionSamples.Sample(parameter, validator) };
                    var path = $"rules.items[0].params.{parameter.Name}";
                    var errorsWithout = Errors(type, without, validator);
                    var errorsWith = Errors(type, with, validator);
                    var label = $"{type.Id}.{parameter.Name} with {dependency.Parameter}={value} ({usage})";
                    switch (usage)
                    {
                        case ParameterUsage.Required:
                            Expect(errorsWithout, path, $"is required when {dependency.Parameter} is '{value}'", label + ", left out", problems);
                            ExpectValid(errorsWith, label + ", given", problems);
                            break;
                        case ParameterUsage.Optional:
                            ExpectValid(errorsWithout, label + ", left out", problems);
                            ExpectValid(errorsWith, label + ", given", problems);
                            break;
                        default:
                            ExpectValid(errorsWithout, label + ", left out", problems);
                            Expect(errorsWith, path, $"is not used when {dependency.Parameter} is '{value}'", label + ", given", problems);
                            break;
                    }
                }
            }
        }

        Assert.Empty(problems);
        // The plugin folder holds at least one parameter of each kind of rule (the channel activity test plugin's times).
        Assert.Equal([ParameterUsage.Refused, ParameterUsage.Optional, ParameterUsage.Required], checkedRules.Order());
    }

    /// <summary>Valid parameters with <paramref name="controller"/> set to <paramref name="value"/>, and whatever that needs.</summary>
    private static Dictionary<string, object> Around(ConditionType type, string controller, string value, SegmentValidator validator)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal) { [controller] = value };
        // A deciding parameter that itself depends on another one (amount_operator on operator) needs that one to allow it.
        for (var decider = type.Parameters.Single(p => p.Name == controller); decider.DependsOn is { } up;)
        {
            values.TryAdd(up.Parameter, up.RequiredFor.Concat(up.OptionalFor).First());
            decider = type.Parameters.Single(p => p.Name == up.Parameter);
        }

        return ConditionSamples.Build(type, null, validator, withOptionalControllers: false, values);
    }

    private static IReadOnlyList<ValidationError> Errors(ConditionType type, Dictionary<string, object> parameters, SegmentValidator validator) =>
        validator.Check(ConditionSamples.Document("dependency", "Dependency", type.Subject, type.Id, parameters));

    private static void Expect(IReadOnlyList<ValidationError> errors, string path, string message, string label, List<string> problems)
    {
        if (!errors.Any(e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal)))
        {
            problems.Add($"{label}: expected '{message}' at {path}, got: {string.Join("; ", errors)}");
        }
    }

    private static void ExpectValid(IReadOnlyList<ValidationError> errors, string label, List<string> problems)
    {
        if (errors.Count > 0)
        {
            problems.Add($"{label}: expected a valid condition, got: {string.Join("; ", errors)}");
        }
    }
}
