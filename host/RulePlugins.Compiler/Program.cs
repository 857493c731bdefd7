using RulePlugins.Compiler;

// The compile worker: reads request frames on stdin and answers each on stdout until stdin ends (the host closed it or
// died). Started by the engine with Compilation:Isolation=process; not meant to be run by hand.
// Exit codes: 0 at the end of stdin, 2 for a malformed request or a wrong command line, 1 when the host went away.
if (args is not ([] or ["--lower-priority"] or ["--lower-priority", "idle"]))
{
    Console.Error.WriteLine("rulehost-compiler: the compile worker of rulehost; it takes [--lower-priority [idle]] and speaks frames on stdin/stdout.");
    return 2;
}

if (args is ["--lower-priority", ..])
{
    WorkerPriority.Lower(idle: args.Length == 2);
}

using var input = Console.OpenStandardInput();
using var output = Console.OpenStandardOutput();

// Standard output carries frames only: anything a library prints goes to standard error instead.
Console.SetOut(Console.Error);
while (true)
{
    CompileRequest? request;
    try
    {
        request = WorkerProtocol.ReadRequest(input);
    }
    catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
    {
        Console.Error.WriteLine($"rulehost-compiler: malformed request: {ex.Message}");
        return 2;
    }

    if (request is null)
    {
        return 0;
    }

    CompileResult result;
    try
    {
        result = PredicateCompiler.Compile(request);
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        try
        {
            WorkerProtocol.WriteFailure(output, $"{ex.GetType().FullName}: {ex.Message}");
            continue;
        }
        catch (IOException)
        {
            return 1;
        }
    }

    try
    {
        WorkerProtocol.WriteResult(output, result);
    }
    catch (IOException)
    {
        return 1;
    }
}
