using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using RulePlugins.Cli;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;

// The environment variable that adds the details (the exception with its stack trace) to an unexpected error.
const string TraceVariable = "RULEHOST_TRACE";

return Run(args);

static int Run(string[] args)
{
    // Without a command, or with the word help, the help is what a user wants; without a command it is still a wrong
    // command line (exit 2), as scripts expect.
    if (args is [] or ["help"])
    {
        Commands.Root(["--help"]).Parse(["--help"]).Invoke();
        return args.Length == 0 ? 2 : 0;
    }

    var parse = Commands.Root(args).Parse(args);
    if (parse.Action is ParseErrorAction)
    {
        return RefuseCommandLine(parse);
    }

    try
    {
        // Exceptions are this program's to report (below), and Ctrl+C ends the process as it always has.
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }
    catch (UsageException ex)
    {
        Console.Error.WriteLine($"rulehost: {ex.Message}");
        Console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
        return 2;
    }
    catch (Exception ex) when (ex is SegmentValidationException or SegmentCompilationException or PluginConflictException
        or RulePlugins.Engine.SegmentNotFoundException or RulePlugins.Engine.SegmentUnavailableException or FileNotFoundException
        or InvalidDocumentException or RulePlugins.Engine.SegmentInUseException or RulePlugins.Engine.Runs.RunLeaseLostException
        or RulePlugins.Engine.DemoData.DemoDataException or CompilationBusyException or CompileWorkerException
        or RulePlugins.Engine.Store.ImportRefusedException or RulePlugins.Engine.SegmentEvaluationException
        or RulePlugins.Engine.Data.DatabaseUnavailableException)
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
    catch (Exception ex)
    {
        // Not bad input but a fault of rulehost or of a plugin: one line naming it; the details when asked for.
        var cause = ex is AggregateException { InnerExceptions: [var first, ..] } ? first : ex;
        Console.Error.WriteLine($"rulehost: unexpected error: {cause.Message.Split('\n')[0].TrimEnd()} (run with {TraceVariable}=1 for the details)");
        if (Environment.GetEnvironmentVariable(TraceVariable) is "1" or "true")
        {
            Console.Error.WriteLine(ex);
        }

        return 1;
    }
}

// A wrong command line: each error on stderr, then System.CommandLine's typo corrections ("Did you mean ...?") and where
// the help is; exit code 2.
static int RefuseCommandLine(ParseResult parse)
{
    // The action writes the corrections to its output and the errors to its error writer; the errors are written here.
    var suggestions = new StringWriter();
    ((ParseErrorAction)parse.Action!).ShowHelp = false;
    parse.Invoke(new InvocationConfiguration { Output = suggestions, Error = TextWriter.Null });
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"rulehost: {error.Message}");
    }

    Console.Error.Write(string.Join(Environment.NewLine, suggestions.ToString().Split(Environment.NewLine).Where(l => l.Length > 0).Append("")));
    Console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
    return 2;
}

// "rulehost segment save": the command's words, for the hint where its help is.
static string CommandPath(CommandResult command)
{
    var words = new List<string>();
    for (SymbolResult? result = command; result is CommandResult { Command: var c }; result = result.Parent)
    {
        words.Insert(0, c is RootCommand ? "rulehost" : c.Name);
    }

    return string.Join(' ', words);
}
