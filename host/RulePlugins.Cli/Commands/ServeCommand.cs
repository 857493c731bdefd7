using RulePlugins.Service;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    private static int Serve(string[] args)
    {
        try
        {
            using var app = ServiceHost.Create(args);
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
