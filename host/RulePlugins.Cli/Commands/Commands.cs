using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;

namespace RulePlugins.Cli;

/// <summary>The rulehost commands.</summary>
internal static partial class Commands
{
    /// <summary>The environment variable naming the database provider when --provider is not given.</summary>
    public const string ProviderVariable = "RULEHOST_PROVIDER";

    /// <summary>The environment variable holding the connection string when --connection is not given.</summary>
    public const string ConnectionVariable = "RULEHOST_CONNECTION";

    /// <summary>
    /// The environment variable with a run lease's duration in seconds (default 60): how long this process's runs stay
    /// owned without a renewal before another process may reclaim them.
    /// </summary>
    public const string RunLeaseVariable = "RULEHOST_RUN_LEASE_SECONDS";

    private static readonly Option<string> DatabaseOption = new("--db")
    {
        Description = "SQLite database file (default: data/ruleplugins.db; demo: data/demo.db)",
        HelpName = "PATH",
        Recursive = true,
    };

    private static readonly Option<string> ProviderOption = Provider();

    private static readonly Option<string> ConnectionOption = new("--connection")
    {
        Description = $"Connection string in the provider's syntax, instead of --db (environment: {ConnectionVariable}; prefer it for passwords, which are never printed)",
        HelpName = "CS",
        Recursive = true,
    };

    private static readonly Option<string[]> PluginsOption = new("--plugins")
    {
        Description = "Plugin folder, with one sub-folder per plugin or itself one plugin's folder (a dotnet publish output); " +
            "repeat for several (default: plugins/ beside rulehost)",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    /// <summary>Every command, its arguments and options, with the descriptions <c>--help</c> prints; <paramref name="args"/> go to <c>serve</c> as given.</summary>
    public static RootCommand Root(IReadOnlyList<string> args)
    {
        var root = new RootCommand(
            $"rulehost: compiled segmentation rules over plugins.{Environment.NewLine}" +
            $"Environment: {ProviderVariable}, {ConnectionVariable} (see --provider, --connection); {RunLeaseVariable}: how long a run " +
            "stays owned by this process without a renewal (default 60), after which another process may reclaim it.")
        {
            DatabaseOption, ProviderOption, ConnectionOption, PluginsOption,
            DemoCommand(), PluginsCommand(), SegmentCommand(), StaticSegmentCommand(), OrderSegmentCommand(), ServeCommand(args),
        };
        return root;
    }

    private static Option<string> Provider()
    {
        var option = new Option<string>("--provider")
        {
            Description = $"Database provider: sqlite (default), postgresql (or postgres), sqlserver (environment: {ProviderVariable})",
            HelpName = "NAME",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, [.. Database.Providers, "postgres"]);
        return option;
    }

    /// <summary>
    /// An option taking a whole number of at least <paramref name="min"/> (and at most <paramref name="max"/>); digits may
    /// be grouped with <c>_</c> (<c>100_000</c>). Without <paramref name="fallback"/> it has no value unless given.
    /// </summary>
    private static Option<long> WholeNumber(string name, string description, long? fallback, long min = 1, long max = long.MaxValue)
    {
        var option = new Option<long>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result => ParseWholeNumber(result, name, fallback ?? 0, min, max),
        };
        if (fallback is not null)
        {
            option.DefaultValueFactory = _ => fallback.Value;
        }

        return option;
    }

    private static long ParseWholeNumber(ArgumentResult result, string name, long fallback, long min, long max)
    {
        if (result.Tokens.Count == 0)
        {
            return fallback;
        }

        var text = result.Tokens[0].Value;
        if (!long.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            result.AddError($"Option {name} must be a whole number of at least {min}, got '{text}'.");
        }
        else if (value > max)
        {
            result.AddError($"Option {name} must be at most {max}, got {value}.");
        }

        return value;
    }

    /// <summary>An option that is on when named and takes no value.</summary>
    private static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A required argument, named in help and errors as <paramref name="name"/> (e.g. <c>FILE</c>).</summary>
    private static Argument<string> Required(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ExactlyOne };

    private static EngineOptions Options(ParseResult parse, string defaultDatabase)
    {
        var provider = parse.GetValue(ProviderOption) ?? Environment.GetEnvironmentVariable(ProviderVariable) ?? "sqlite";
        var connection = parse.GetValue(ConnectionOption) ?? NullIfEmpty(Environment.GetEnvironmentVariable(ConnectionVariable));
        var path = parse.GetValue(DatabaseOption);
        if (!Database.Providers.Contains(provider.ToLowerInvariant()) && !provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            // Only RULEHOST_PROVIDER gets here: --provider is checked by the parser.
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
            if (!double.TryParse(lease, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 0.1 or > 86_400)
            {
                throw new UsageException($"{RunLeaseVariable} must be a number of seconds from 0.1 to 86400, got '{lease}'.");
            }

            options = options with { Leases = new Engine.Runs.RunLeaseOptions { Duration = TimeSpan.FromSeconds(seconds) } };
        }

        return parse.GetValue(PluginsOption) is { Length: > 0 } plugins
            ? options with { PluginDirectory = plugins[0], PluginDirectories = plugins }
            : options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static RuleEngine OpenEngine(ParseResult parse, string defaultDatabase = "data/ruleplugins.db")
    {
        var options = Options(parse, defaultDatabase);
        var engine = RuleEngine.Open(options);
        foreach (var failure in engine.Catalog.Failures)
        {
            Console.Error.WriteLine($"warning: plugin {failure.Name} was not loaded: {failure.Reason}");
        }

        return engine;
    }
}
