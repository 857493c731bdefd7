using System.CommandLine;
using RulePlugins.Engine.Store;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary>
    /// <c>static-segment create ID --name NAME</c> and <c>static-segment import ID FILE [--replace|--add|--remove]
    /// [--format csv|json]</c>: a segment without rules whose members are imported.
    /// </summary>
    private static Command StaticSegmentCommand() =>
        new("static-segment", "Segments without rules whose members are imported") { StaticCreateCommand(), StaticImportCommand() };

    private static Command StaticCreateCommand()
    {
        var target = Required("ID", "The new segment's id");
        var nameOption = new Option<string>("--name") { Description = "Its name (default: the id)", HelpName = "NAME" };
        var command = new Command("create", "Create a segment without rules whose members are imported") { target, nameOption };
        command.SetAction(parse =>
        {
            var id = parse.GetRequiredValue(target);
            var name = parse.GetValue(nameOption) ?? id;
            using var engine = OpenEngine(parse);
            engine.CreateStaticSegment(id, name);
            Console.WriteLine($"Created static segment '{id}' (\"{name}\"); set its members with: rulehost static-segment import {id} FILE.csv --replace");
            return 0;
        });
        return command;
    }

    private static Command StaticImportCommand()
    {
        var target = Required("ID", "The static segment");
        var file = Required("FILE", "Profile ids, one per line (CSV), or a JSON array");
        (string Name, ImportMode Mode, Option<bool> Option)[] modes =
        [
            ("replace", ImportMode.Replace, Flag("--replace", "The file's ids become the members")),
            ("add", ImportMode.Add, Flag("--add", "The file's ids are added to the members")),
            ("remove", ImportMode.Remove, Flag("--remove", "The file's ids are removed from the members")),
        ];
        var formatOption = new Option<string>("--format") { Description = "csv or json (default: from the file's extension)", HelpName = "csv|json" };
        formatOption.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "csv", "json");
        var command = new Command(
            "import",
            "Set its members from profile ids: atomic, logged; a bad line or id applies nothing")
        {
            target, file, modes[0].Option, modes[1].Option, modes[2].Option, formatOption,
        };
        command.Validators.Add(result =>
        {
            if (modes.Count(m => result.GetValue(m.Option)) != 1)
            {
                result.AddError("'static-segment import' needs exactly one of --replace, --add or --remove.");
            }
        });
        command.SetAction(parse =>
        {
            var (id, path) = (parse.GetRequiredValue(target), parse.GetRequiredValue(file));
            var mode = modes.Single(m => parse.GetValue(m.Option));
            var format = (parse.GetValue(formatOption) ?? (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "csv"))
                .Equals("json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json : ImportFormat.Csv;
            using var engine = OpenEngine(parse);
            using var stream = OpenInput(path, "Import file");
            ImportResult result;
            try
            {
                result = engine.ImportMembers(id, stream, format, mode.Mode);
            }
            catch (InvalidOperationException ex)
            {
                throw new UsageException(ex.Message);
            }

            Console.WriteLine(
                $"Imported {ConsoleUi.Number(result.Rows)} ids into static segment '{id}' ({mode.Name}, run {result.RunId}): " +
                $"{ConsoleUi.Number(result.Members)} members, {ConsoleUi.Number(result.Entered)} entered, {ConsoleUi.Number(result.Left)} left, " +
                $"in {result.Duration.TotalMilliseconds:0} ms.");
            return 0;
        });
        return command;
    }
}
