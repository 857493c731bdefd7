using System.Globalization;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    private static int Plugins(CommandLine line)
    {
        if (line.Words.Count > 1)
        {
            return line.Words[1] == "values" ? PluginValues(line) : throw new UsageException($"Unknown 'plugins' sub-command '{line.Words[1]}'; try: rulehost plugins values TYPE PARAMETER [--search TEXT] [--limit N].");
        }

        using var engine = OpenEngine(line);
        var output = Console.Out;
        foreach (var plugin in engine.Catalog.Plugins)
        {
            output.WriteLine($"{plugin.Name} {plugin.Version}");
            output.WriteLine($"  tables: {(plugin.Tables.IsEmpty ? "none" : string.Join(", ", plugin.Tables.Select(t => t.Name)))}");
            foreach (var type in plugin.ConditionTypes.OrderBy(t => t.Id, StringComparer.Ordinal))
            {
                output.WriteLine($"  {type.Id} ({type.Subject}): {type.Title}");
                foreach (var parameter in type.Parameters)
                {
                    output.WriteLine($"      {parameter.Name}: {DescribeParameter(parameter, type.Parameters)}");
                }
            }

            output.WriteLine();
        }

        foreach (var failure in engine.Catalog.Failures)
        {
            output.WriteLine($"{failure.Name}: NOT LOADED ({failure.Reason})");
        }

        return 0;
    }

    /// <summary>
    /// <c>plugins values TYPE PARAMETER [--search TEXT] [--limit N]</c>: the values a parameter accepts, with their names
    /// (the entities of reference data, or a fixed list), as a rule builder's dropdown lists them.
    /// </summary>
    private static int PluginValues(CommandLine line)
    {
        if (line.Words.Count != 4)
        {
            throw new UsageException("Usage: rulehost plugins values TYPE PARAMETER [--search TEXT] [--limit N], e.g. rulehost plugins values market.orders currency.");
        }

        var search = line.Option("search");
        var limit = line.Number("limit", 50);
        if (limit > Engine.Validation.ChoiceSearch.MaxLimit)
        {
            throw new UsageException($"Option --limit must be at most {Engine.Validation.ChoiceSearch.MaxLimit}, got {limit}.");
        }

        using var engine = OpenEngine(line);
        Engine.Validation.ChoicePage page;
        try
        {
            page = engine.FindChoices(line.Words[2], line.Words[3], search, (int)limit);
        }
        catch (KeyNotFoundException ex)
        {
            throw new UsageException(ex.Message);
        }

        var output = Console.Out;
        ConsoleUi.Table(output, ["value", "name"], [.. page.Values.Select(v => (IReadOnlyList<string>)[v.Value, v.Name])]);
        output.WriteLine(page.Total > page.Values.Count
            ? $"{page.Values.Count} of {page.Total} choices{(search is null ? "" : $" matching \"{search}\"")}; --limit shows more"
            : $"{page.Total} choice{(page.Total == 1 ? "" : "s")}{(search is null ? "" : $" matching \"{search}\"")}");
        return 0;
    }

    /// <summary>
    /// One parameter in a line: kind, when it is required, optional or refused (per value of the parameter it depends on,
    /// e.g. <c>required when operator is at_least, optional when operator is exists|not_exists, refused when operator is
    /// not_once</c>), allowed values, where its values come from, range.
    /// </summary>
    internal static string DescribeParameter(ParameterDefinition parameter, IReadOnlyList<ParameterDefinition> all)
    {
        var parts = new List<string> { parameter.Kind.ToString().ToLowerInvariant() };
        if (parameter.DependsOn is { } dependency)
        {
            var on = dependency.Parameter;
            if (dependency.RequiredFor.Count > 0)
            {
                parts.Add($"required when {on} is {string.Join("|", dependency.RequiredFor)}");
            }

            if (dependency.OptionalFor.Count > 0)
            {
                parts.Add($"optional when {on} is {string.Join("|", dependency.OptionalFor)}");
            }

            var controller = all.FirstOrDefault(p => p.Name == on);
            var refused = controller?.AllowedValues is { } decidingValues ? dependency.RefusedFor(decidingValues) : [];
            var mayBeLeftOut = controller is null || controller.DependsOn is not null || !controller.Required;
            if (refused.Count > 0)
            {
                parts.Add($"refused when {on} is {string.Join("|", refused)}{(mayBeLeftOut ? " or left out" : "")}");
            }
            else if (mayBeLeftOut)
            {
                parts.Add($"refused without {on}");
            }
        }
        else
        {
            parts.Add(parameter.Required ? "required" : "optional");
        }

        if (parameter.AllowedValues is { } allowed)
        {
            parts.Add("one of " + string.Join("|", allowed));
        }

        if (parameter.ChoicesFrom is { } choices)
        {
            parts.Add($"a known {choices.Noun} (from {choices.Lookup.Table.Name})");
        }

        if (parameter.Minimum is not null || parameter.Maximum is not null)
        {
            parts.Add($"range {parameter.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}..{parameter.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "inf"}");
        }

        return string.Join(", ", parts);
    }
}
