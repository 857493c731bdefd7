using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Service;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary>
    /// <c>serve [--urls URL] [--RuleHost:Key=Value ...]</c>: the service reads its own configuration (arguments,
    /// environment; see ServiceOptions), so it is handed the command line as given, without the word <c>serve</c>.
    /// </summary>
    private static Command ServeCommand(IReadOnlyList<string> args)
    {
        var urlsOption = new Option<string>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5080 (';' between several)", HelpName = "URL" };
        var command = new Command(
            "serve",
            "Run the HTTP service: catalogue, segments, scheduled recalculation, order evaluation. Needs an API key in " +
            "RuleHost__ApiKey; any --RuleHost:Key=Value (or --Key=Value) setting is passed to the service's configuration")
        {
            urlsOption,
        };

        // --RuleHost:Key=Value and the other ASP.NET Core settings are the service's to read, not errors.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(_ =>
        {
            var serve = args.ToList();
            serve.RemoveAt(serve.IndexOf("serve"));
            return Serve([.. serve]);
        });
        return command;
    }

    private static int Serve(string[] args)
    {
        try
        {
            using var app = ServiceHost.Create(args);

            // The engine opens here, before the host starts: a database that cannot be opened (or a plugin conflict) is
            // reported as one line by the caller, instead of being logged with its stack trace as a failed start.
            _ = app.Services.GetRequiredService<Engine.RuleEngine>();
            app.Run();
            return 0;
        }
        catch (ServiceConfigurationException ex)
        {
            // Thrown before anything starts: a missing setting is a message, not a crash.
            Console.Error.WriteLine($"rulehost: {ex.Message}");
            return 1;
        }
    }
}
