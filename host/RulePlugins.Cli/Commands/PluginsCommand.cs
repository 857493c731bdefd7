using System.CommandLine;
using System.Globalization;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary><c>plugins</c> and <c>plugins values TYPE PARAMETER [--search TEXT] [--limit N]</c>.</summary>
    private static Command PluginsCommand()
    {
        var json = new Option<bool>("--json") { Description = "Print the catalogue as JSON, descriptions and parameter rules included, for machines" };
        var command = new Command("plugins", "List plugins, versions, the folder each was loaded from, and their condition types with their descriptions and parameters") { json, PluginValuesCommand() };
        command.SetAction(parse => parse.GetValue(json) ? PluginsJson(parse) : Plugins(parse));
        return command;
    }

    private static int PluginsJson(ParseResult parse)
    {
        using var engine = OpenEngine(parse);
        var catalogue = new
        {
            plugins = engine.Catalog.Plugins.Select(plugin => new
            {
                name = plugin.Name,
                version = plugin.Version,
                loadedFrom = plugin.Directory,
                tables = plugin.Tables.Select(t => t.Name),
                conditionTypes = plugin.ConditionTypes.OrderBy(t => t.Id, StringComparer.Ordinal).Select(type => new
                {
                    id = type.Id,
                    title = type.Title,
                    subject = type.Subject,
                    description = type.Description,
                    parameters = type.Parameters.Select(p => new
                    {
                        name = p.Name,
                        kind = p.Kind.ToString().ToLowerInvariant(),
                        rule = DescribeParameter(p, type.Parameters),
                        description = p.Description,
                        allowedValues = p.AllowedValues,
                        minimum = p.Minimum,
                        maximum = p.Maximum,
                        choicesFrom = p.ChoicesFrom?.Lookup.Table.Name,
                    }),
                }),
            }),
            failures = engine.Catalog.Failures.Select(f => new { name = f.Name, reason = f.Reason, folder = f.Folder }),
        };
        Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(catalogue, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    // Text wrapped at about 110 characters, each line indented.
    private static IEnumerable<string> Wrapped(string text, string indent)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && indent.Length + line.Length + 1 + word.Length > 110)
            {
                yield return indent + line;
                line.Clear();
            }

            line.Append(line.Length == 0 ? word : " " + word);
        }

        if (line.Length > 0)
        {
            yield return indent + line;
        }
    }

    private static int Plugins(ParseResult parse)
    {
        using var engine = OpenEngine(parse);
        var output = Console.Out;
        foreach (var plugin in engine.Catalog.Plugins)
        {
            output.WriteLine($"{plugin.Name} {plugin.Version}");
            output.WriteLine($"  from {plugin.Origin}");
            output.WriteLine($"  tables: {(plugin.Tables.IsEmpty ? "none" : string.Join(", ", plugin.Tables.Select(t => t.Name)))}");
            foreach (var type in plugin.ConditionTypes.OrderBy(t => t.Id, StringComparer.Ordinal))
            {
                output.WriteLine($"  {type.Id} ({type.Subject}): {type.Title}");
                foreach (var line in Wrapped(type.Description, "    "))
                {
                    output.WriteLine(line);
                }

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
            output.WriteLine($"  from {failure.Folder}");
        }

        return 0;
    }

    /// <summary>
    /// <c>plugins values TYPE PARAMETER [--search TEXT] [--limit N]</c>: the values a parameter accepts, with their names
    /// (the entities of reference data, or a fixed list), as a rule builder's dropdown lists them.
    /// </summary>
    private static Command PluginValuesCommand()
    {
        var type = Required("TYPE", "A condition type, e.g. market.orders");
        var parameter = Required("PARAMETER", "One of its parameters, e.g. currency");
        var searchOption = new Option<string>("--search") { Description = "Only values whose value or name contains TEXT", HelpName = "TEXT" };
        var limitOption = WholeNumber("--limit", "How many values", 50, max: Engine.Validation.ChoiceSearch.MaxLimit);
        var command = new Command("values", "The values a parameter accepts, with their names") { type, parameter, searchOption, limitOption };
        command.SetAction(parse =>
        {
            var search = parse.GetValue(searchOption);
            using var engine = OpenEngine(parse);
            Engine.Validation.ChoicePage page;
            try
            {
                page = engine.FindChoices(parse.GetRequiredValue(type), parse.GetRequiredValue(parameter), search, (int)parse.GetValue(limitOption));
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
        });
        return command;
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
