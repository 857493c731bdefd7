using System.CommandLine;
using System.Diagnostics;
using RulePlugins.Engine;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary><c>demo [--profiles N] [--batch-size N]</c> and <c>demo --only PLUGIN</c>.</summary>
    private static Command DemoCommand()
    {
        var profilesOption = WholeNumber("--profiles", "How many synthetic profiles to generate", 100_000);
        var batchOption = WholeNumber("--batch-size", "Profiles per recalculation batch", 10_000, max: int.MaxValue);
        var onlyOption = new Option<string>("--only")
        {
            Description = "Add one plugin's demo data (and example segments) to an existing database whose profiles it keeps; the plugin's tables must be empty",
            HelpName = "PLUGIN",
        };
        var command = new Command(
            "demo",
            "Build a synthetic database, save the example segments, compile and recalculate them, print a summary")
        {
            profilesOption, batchOption, onlyOption,
        };
        command.SetAction(parse => parse.GetValue(onlyOption) is { } only
            ? DemoOnly(parse, only)
            : Demo(parse, parse.GetValue(profilesOption), (int)parse.GetValue(batchOption)));
        return command;
    }

    private static int Demo(ParseResult parse, long profiles, int batch)
    {
        var options = Options(parse, Path.Combine("data", "demo.db"));

        // The demo always starts from an empty database so its numbers are reproducible: a SQLite file is deleted;
        // a server database must be empty (demo data refuses a database that has profiles).
        foreach (var suffix in options.ConnectionString is null ? new[] { "", "-wal", "-shm" } : [])
        {
            if (File.Exists(options.DatabasePath + suffix))
            {
                File.Delete(options.DatabasePath + suffix);
            }
        }

        var output = Console.Out;
        using var engine = RuleEngine.Open(options);
        output.WriteLine($"Plugins ({engine.Catalog.Plugins.Length} loaded from {string.Join(", ", options.PluginDirectories)}):");
        foreach (var plugin in engine.Catalog.Plugins)
        {
            output.WriteLine($"  {plugin.Name} {plugin.Version}: {plugin.ConditionTypes.Length} condition types, tables {string.Join(", ", plugin.Tables.Select(t => t.Name))}");
        }

        foreach (var failure in engine.Catalog.Failures)
        {
            output.WriteLine($"  {failure.Name}: not loaded ({failure.Reason})");
        }

        output.WriteLine();
        output.WriteLine($"Generating {profiles:N0} profiles with every plugin's demo data into {Where(engine, options)} ...");
        var stopwatch = Stopwatch.StartNew();
        ConsoleUi.WithProgress(profiles, progress => engine.GenerateDemoData(profiles, seed: 42, progress));
        output.WriteLine($"  done in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine();

        var generated = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath))!, "generated");
        Directory.CreateDirectory(generated);
        ImportStaticSegment(engine, generated, profiles, output);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var document in engine.ExampleSegments())
        {
            var saved = engine.Save(document);
            var sourcePath = Path.Combine(generated, saved.Id + ".g.cs");
            File.WriteAllText(sourcePath, saved.Source.Text);
            if (saved.Source.Prefilter is { } prefilter)
            {
                File.WriteAllText(Path.Combine(generated, saved.Id + ".prefilter.sql"), prefilter.Describe());
            }

            var info = engine.Find(saved.Id)!;
            if (info.Subject != Sdk.SubjectKinds.Profile)
            {
                rows.Add([saved.Id, info.Subject, "-", ConsoleUi.Number(saved.CompileTime.TotalMilliseconds), "-", "-"]);
                continue;
            }

            var result = Recalculate(engine, saved.Id, batch, pushdown: true);
            rows.Add(
            [
                saved.Id, info.Subject, ConsoleUi.Number(result.Members), ConsoleUi.Number(saved.CompileTime.TotalMilliseconds),
                ConsoleUi.Number(result.Duration.TotalMilliseconds), ConsoleUi.Number(result.ProfilesPerSecond),
            ]);
        }

        ConsoleUi.Table(output, ["segment", "subject", "members", "compile ms", "recalc ms", "profiles/s"], rows);
        output.WriteLine();
        EvaluateExampleDocuments(engine, output);
        output.WriteLine($"Generated predicate sources: {generated}");
        output.WriteLine(options.ConnectionString is null
            ? $"Members of a segment: rulehost segment members moscow-adults --db {options.DatabasePath} --limit 10"
            : $"Members of a segment: rulehost segment members moscow-adults --provider {engine.DatabaseProvider} --connection \"...\" --limit 10");
        output.WriteLine("(from the repository: dotnet run --project host/RulePlugins.Cli -- segment members ...)");
        return 0;
    }

    /// <summary>
    /// <c>demo --only PLUGIN</c>: one plugin's demo data added to an existing database (its profiles kept, the plugin's
    /// tables empty before), then that plugin's example segments saved. The database is not deleted.
    /// </summary>
    private static int DemoOnly(ParseResult parse, string plugin)
    {
        var options = Options(parse, Path.Combine("data", "demo.db"));
        var output = Console.Out;
        using var engine = RuleEngine.Open(options);
        var added = ConsoleUi.WithProgress(null, progress => engine.AddDemoData(plugin, seed: 42, progress));
        output.WriteLine($"Added the demo data of {added.Plugin} to {Where(engine, options)}:");
        foreach (var (table, count) in added.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {table}: {ConsoleUi.Number(count)} rows");
        }

        foreach (var document in engine.ExampleSegments(added.Plugin))
        {
            var saved = engine.Save(document);
            output.WriteLine($"Saved example segment {saved.Id} v{saved.Version}");
        }

        return 0;
    }

    /// <summary>
    /// The static segment the segments plugin's example reads (<c>demo-vip</c>): every seventh profile, written to a CSV
    /// file beside the generated sources and imported from it, as an operator would.
    /// </summary>
    private static void ImportStaticSegment(RuleEngine engine, string folder, long profiles, TextWriter output)
    {
        const string Id = "demo-vip";
        engine.CreateStaticSegment(Id, "VIP customers (imported)");
        var csv = Path.Combine(folder, Id + ".csv");
        using (var writer = new StreamWriter(csv))
        {
            writer.WriteLine("profile_id");
            for (var profile = 7L; profile <= profiles; profile += 7)
            {
                writer.WriteLine(profile.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        using var stream = File.OpenRead(csv);
        var result = engine.ImportMembers(Id, stream, Engine.Store.ImportFormat.Csv, Engine.Store.ImportMode.Replace);
        output.WriteLine($"Static segment {Id}: imported {ConsoleUi.Number(result.Members)} members from {csv} in {result.Duration.TotalMilliseconds:0} ms");
        output.WriteLine($"  (rulehost static-segment import {Id} FILE.csv --replace|--add|--remove changes them)");
        output.WriteLine();
    }

    // A server database is shown by its redacted connection string, never with its password.
    private static string Where(RuleEngine engine, EngineOptions options) =>
        options.ConnectionString is null ? Path.GetFullPath(options.DatabasePath) : engine.DescribeDatabase();

    // Order segments are not recalculated: they decide in real time for one order. Show that on the examples.
    private static void EvaluateExampleDocuments(RuleEngine engine, TextWriter output)
    {
        foreach (var example in engine.ExampleDocuments())
        {
            var segments = engine.Segments().Where(s => s.Subject == example.Subject).ToList();
            if (segments.Count == 0)
            {
                continue;
            }

            output.WriteLine($"Example {example.Subject}: {example.Name}");
            foreach (var segment in segments)
            {
                engine.Evaluate(segment.Id, example.Json);
                var timing = Stopwatch.StartNew();
                const int repeat = 10_000;
                for (var i = 0; i < repeat; i++)
                {
                    engine.Evaluate(segment.Id, example.Json);
                }

                var micros = timing.Elapsed.TotalMicroseconds / repeat;
                var text = engine.Evaluate(segment.Id, example.Json, explain: true).Describe();
                output.Write("  " + text.Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd(' '));
                output.WriteLine($"  ({micros:0.0} µs per evaluation, JSON parsing included)");
            }

            output.WriteLine();
        }
    }
}
