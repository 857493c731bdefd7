using RulePlugins.Engine;
using RulePlugins.Engine.Data;

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
          rulehost demo --only PLUGIN                     Add one plugin's demo data (and example segments) to an
                                                          existing database whose profiles it keeps.
          rulehost plugins                                List plugins, versions and their condition types.
          rulehost plugins values TYPE PARAMETER [--search TEXT] [--limit N]
                                                          The values a parameter accepts, with their names.
          rulehost segment save FILE                      Validate, compile and store a segment document; flaws in
                                                          its logic are printed as warnings (stderr).
          rulehost segment preview FILE [--count] [--sample N]
                                                          Lint warnings, and the generated C#; with --count the
                                                          member count and each node's, now (--sample: about N
                                                          profiles). Nothing is stored.
          rulehost segment lint ID|FILE                   The flaws in a document's logic: OR of negations, always or
                                                          never true, repeats, one-item groups, large "not in".
          rulehost segment source ID|FILE                 Print the generated C# of a stored segment or a document.
          rulehost segment recalc ID|--all                Recalculate one or every profile segment.
          rulehost segment runs ID [--limit N]            A segment's runs, newest first: status, evaluation
                                                          instant, members, entered, left, owner.
          rulehost segment explain ID PROFILE [--at INSTANT]
                                                          Why a profile is or is not a member: each node's answer
                                                          and the rows each condition read, at the last run's
                                                          instant (the stored membership) unless --at is given.
          rulehost segment history ID [--limit N]          Members, entered and left after each successful run, as a
                                                          chart, oldest first (the last 30 runs by default).
          rulehost segment members ID [--after N] [--limit N]
                                                          Print member profile ids.
          rulehost segment list                           List stored segments.
          rulehost static-segment create ID [--name NAME]  Create a segment without rules whose members are imported.
          rulehost static-segment import ID FILE --replace|--add|--remove [--format csv|json]
                                                          Set its members from profile ids (one per line, or a JSON
                                                          array): atomic, logged; a bad line or id applies nothing.
          rulehost order-segment match ID ORDER.json [--quiet]
                                                          Evaluate an order segment against one order and say
                                                          which conditions held (--quiet: the answer only).
          rulehost serve [--urls URL] [--RuleHost:Key=Value ...]
                                                          Run the HTTP service: catalogue, segments, scheduled
                                                          recalculation, order evaluation. Needs an API key in
                                                          RuleHost__ApiKey (see README).

        Options for every command:
          --db PATH        SQLite database file (default: data/ruleplugins.db; demo: data/demo.db)
          --provider NAME  Database provider: sqlite (default), postgresql (or postgres), sqlserver
                           (environment: RULEHOST_PROVIDER)
          --connection CS  Connection string in the provider's syntax, instead of --db
                           (environment: RULEHOST_CONNECTION; prefer it for passwords, which are never printed)
          --plugins DIR    Plugin folder (default: plugins/ beside rulehost)

        Environment:
          RULEHOST_RUN_LEASE_SECONDS   How long a run stays owned by this process without a renewal (default 60);
                                       after that another process may reclaim it.
        """;

    /// <summary>The environment variable naming the database provider when --provider is not given.</summary>
    public const string ProviderVariable = "RULEHOST_PROVIDER";

    /// <summary>The environment variable holding the connection string when --connection is not given.</summary>
    public const string ConnectionVariable = "RULEHOST_CONNECTION";

    /// <summary>
    /// The environment variable with a run lease's duration in seconds (default 60): how long this process's runs stay
    /// owned without a renewal before another process may reclaim them.
    /// </summary>
    public const string RunLeaseVariable = "RULEHOST_RUN_LEASE_SECONDS";

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "all", "quiet", "replace", "add", "remove", "count" };

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
            "segment" => throw new UsageException("'segment' needs a sub-command: save, preview, lint, source, recalc, runs, explain, history, members or list."),
            "order-segment" when line.Words.Count >= 2 => OrderSegment(line, line.Words[1]),
            "static-segment" when line.Words.Count >= 2 => StaticSegment(line, line.Words[1]),
            "static-segment" => throw new UsageException("'static-segment' needs a sub-command: create or import."),
            "order-segment" => throw new UsageException("'order-segment' needs a sub-command: match."),
            _ => throw new UsageException($"Unknown command '{command}'."),
        };
    }

    private static EngineOptions Options(CommandLine line, string defaultDatabase)
    {
        var provider = line.Option("provider") ?? Environment.GetEnvironmentVariable(ProviderVariable) ?? "sqlite";
        var connection = line.Option("connection") ?? NullIfEmpty(Environment.GetEnvironmentVariable(ConnectionVariable));
        var path = line.Option("db");
        if (!Database.Providers.Contains(provider.ToLowerInvariant()) && !provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"Unknown database provider '{provider}'; supported: {string.Join(", ", Database.Providers)}.");
        }

        if (connection is not null && path is not null)
        {
            throw new UsageException("Give either --db (a SQLite file) or a connection string, not both.");
        }

        if (connection is null && !provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"Provider '{provider}' needs a connection string: --connection or {ConnectionVariable}.");
        }

        var options = new EngineOptions { DatabasePath = path ?? defaultDatabase, Provider = provider, ConnectionString = connection };
        if (NullIfEmpty(Environment.GetEnvironmentVariable(RunLeaseVariable)) is { } lease)
        {
            if (!double.TryParse(lease, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds is < 0.1 or > 86_400)
            {
                throw new UsageException($"{RunLeaseVariable} must be a number of seconds from 0.1 to 86400, got '{lease}'.");
            }

            options = options with { Leases = new Engine.Runs.RunLeaseOptions { Duration = TimeSpan.FromSeconds(seconds) } };
        }

        return line.Option("plugins") is { } plugins ? options with { PluginDirectory = plugins } : options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

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
