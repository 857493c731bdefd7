using System.Globalization;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    private static int Plugins(CommandLine line)
    {
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
                    output.WriteLine($"      {parameter.Name}: {DescribeParameter(parameter)}");
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

    private static string DescribeParameter(ParameterDefinition parameter)
    {
        var parts = new List<string> { parameter.Kind.ToString().ToLowerInvariant() };
        if (parameter.RequiredWhen is { } when)
        {
            parts.Add($"required when {when.Parameter} is {string.Join("|", when.Values)}");
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
