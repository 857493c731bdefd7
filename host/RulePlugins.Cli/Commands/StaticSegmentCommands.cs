using RulePlugins.Engine.Store;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary>
    /// <c>static-segment create ID --name NAME</c> and <c>static-segment import ID FILE [--replace|--add|--remove]
    /// [--format csv|json]</c>: a segment without rules whose members are imported.
    /// </summary>
    private static int StaticSegment(CommandLine line, string sub)
    {
        var id = line.Words.Count >= 3 ? line.Words[2] : throw new UsageException($"'static-segment {sub}' needs an ID.");
        switch (sub)
        {
            case "create":
            {
                var name = line.Option("name") ?? id;
                using var engine = OpenEngine(line);
                engine.CreateStaticSegment(id, name);
                Console.WriteLine($"Created static segment '{id}' (\"{name}\"); set its members with: rulehost static-segment import {id} FILE.csv --replace");
                return 0;
            }

            case "import":
            {
                var file = line.Words.Count >= 4 ? line.Words[3] : throw new UsageException("'static-segment import' needs an ID and a FILE.");
                var modes = new[] { ("replace", ImportMode.Replace), ("add", ImportMode.Add), ("remove", ImportMode.Remove) }.Where(m => line.Flag(m.Item1)).ToList();
                if (modes.Count != 1)
                {
                    throw new UsageException("'static-segment import' needs exactly one of --replace, --add or --remove.");
                }

                var format = (line.Option("format") ?? (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "csv")).ToLowerInvariant() switch
                {
                    "csv" => ImportFormat.Csv,
                    "json" => ImportFormat.Json,
                    var other => throw new UsageException($"Option --format must be csv or json, got '{other}'."),
                };
                using var engine = OpenEngine(line);
                using var stream = File.OpenRead(file);
                ImportResult result;
                try
                {
                    result = engine.ImportMembers(id, stream, format, modes[0].Item2);
                }
                catch (InvalidOperationException ex)
                {
                    throw new UsageException(ex.Message);
                }

                Console.WriteLine(
                    $"Imported {ConsoleUi.Number(result.Rows)} ids into static segment '{id}' ({modes[0].Item1}, run {result.RunId}): " +
                    $"{ConsoleUi.Number(result.Members)} members, {ConsoleUi.Number(result.Entered)} entered, {ConsoleUi.Number(result.Left)} left, " +
                    $"in {result.Duration.TotalMilliseconds:0} ms.");
                return 0;
            }

            default:
                throw new UsageException($"Unknown 'static-segment' sub-command '{sub}'; try create or import.");
        }
    }
}
