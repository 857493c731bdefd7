using RulePlugins.Engine;

namespace RulePlugins.Cli;

/// <summary>The rulehost commands.</summary>
internal static partial class Commands
{
    public const string Usage =
        """
        rulehost: compiled segmentation rules over plugins.

        Usage:
          rulehost demo [--profiles N] [--batch-size N]   Build a synthetic database, save the example segments,
                                                          compile and recalculate them, print a summary.
          rulehost plugins                                List plugins, versions and their condition types.
          rulehost segment save FILE                      Validate, compile and store a segment document.
          rulehost segment source ID|FILE                 Print the generated C# of a stored segment or a document.
          rulehost segment recalc ID|--all                Recalculate one or every profile segment.
          rulehost segment members ID [--after N] [--limit N]
                                                          Print member profile ids.
          rulehost segment list                           List stored segments.
          rulehost order-segment match ID ORDER.json [--quiet]
                                                          Evaluate an order segment against one order and say
                                                          which conditions held (--quiet: the answer only).
          rulehost serve [--urls URL] [--RuleHost:Key=Value ...]
                                                          Run the HTTP service: catalogue, segments, scheduled
                                                          recalculation, order evaluation. Needs an API key in
                                                          RuleHost__ApiKey (see README).

        Options for every command:
          --db PATH        SQLite database file (default: data/ruleplugins.db; demo: data/demo.db)
          --plugins DIR    Plugin folder (default: plugins/ beside rulehost)
        """;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "all", "quiet" };

    public static int Dispatch(string[] args)
    {
        if (args[0] == "serve")
        {
            // The service reads its own configuration (arguments, environment); see ServiceOptions.
            return Serve(args[1..]);
        }

        var line = new CommandLine(args, Flags);
        var command = line.Words[0];
        return command switch
        {
            "demo" => Demo(line),
            "plugins" => Plugins(line),
            "segment" when line.Words.Count >= 2 => Segment(line, line.Words[1]),
            "segment" => throw new UsageException("'segment' needs a sub-command: save, source, recalc, members or list."),
            "order-segment" when line.Words.Count >= 2 => OrderSegment(line, line.Words[1]),
            "order-segment" => throw new UsageException("'order-segment' needs a sub-command: match."),
            _ => throw new UsageException($"Unknown command '{command}'."),
        };
    }

    private static EngineOptions Options(CommandLine line, string defaultDatabase)
    {
        var options = new EngineOptions { DatabasePath = line.Option("db") ?? defaultDatabase };
        return line.Option("plugins") is { } plugins ? options with { PluginDirectory = plugins } : options;
    }

    private static RuleEngine OpenEngine(CommandLine line, string defaultDatabase = "data/ruleplugins.db")
    {
        var options = Options(line, defaultDatabase);
        line.RejectUnknown();
        var engine = RuleEngine.Open(options);
        foreach (var failure in engine.Catalog.Failures)
        {
            Console.Error.WriteLine($"warning: plugin {failure.Name} was not loaded: {failure.Reason}");
        }

        return engine;
    }
}
