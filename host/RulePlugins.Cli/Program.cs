using RulePlugins.Cli;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;

return Run(args);

static int Run(string[] args)
{
    if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
    {
        Console.WriteLine(Commands.Usage);
        return args.Length == 0 ? 2 : 0;
    }

    try
    {
        return Commands.Dispatch(args);
    }
    catch (UsageException ex)
    {
        Console.Error.WriteLine($"rulehost: {ex.Message}");
        Console.Error.WriteLine("Run 'rulehost help' for usage.");
        return 2;
    }
    catch (Exception ex) when (ex is SegmentValidationException or SegmentCompilationException or PluginConflictException
        or RulePlugins.Engine.SegmentNotFoundException or RulePlugins.Engine.SegmentUnavailableException or FileNotFoundException
        or InvalidDocumentException or RulePlugins.Engine.SegmentInUseException or RulePlugins.Engine.Runs.RunLeaseLostException
        or RulePlugins.Engine.DemoData.DemoDataException or CompilationBusyException or CompileWorkerException
        or RulePlugins.Engine.Store.ImportRefusedException)
    {
        Console.Error.WriteLine($"rulehost: {ex.Message}");
        return 1;
    }
    catch (System.Data.Common.DbException ex)
    {
        // Provider messages name the server and database at most, never the connection string's password.
        Console.Error.WriteLine($"rulehost: database error: {ex.Message}");
        return 1;
    }
    catch (OperationCanceledException)
    {
        Console.Error.WriteLine("rulehost: cancelled.");
        return 130;
    }
}
