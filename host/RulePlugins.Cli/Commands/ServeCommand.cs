using RulePlugins.Service;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    private static int Serve(string[] args)
    {
        using var app = ServiceHost.Create(args);
        app.Run();
        return 0;
    }
}
