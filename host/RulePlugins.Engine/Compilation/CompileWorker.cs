using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using RulePlugins.Compiler;

namespace RulePlugins.Engine.Compilation;

/// <summary>
/// One compile worker process (<c>dotnet exec rulehost-compiler.dll</c>) and its pipes: a request frame on its stdin,
/// the answer frame on its stdout, one at a time. Its stderr is kept (the last lines) for error messages.
/// </summary>
internal sealed class CompileWorker : IDisposable
{
    private const int ErrorLinesKept = 20;
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Queue<string> _errors = new();

    private CompileWorker(Process process)
    {
        _process = process;
        ProcessId = process.Id;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_errors)
                {
                    _errors.Enqueue(line);
                    while (_errors.Count > ErrorLinesKept)
                    {
                        _errors.Dequeue();
                    }
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public int ProcessId { get; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>How the worker is scheduled.</summary>
    public WorkerScheduling Scheduling { get; private init; }

    /// <summary>Starts a worker from <paramref name="workerPath"/> with the dotnet host this process runs on.</summary>
    public static CompileWorker Start(string workerPath, WorkerScheduling scheduling)
    {
        if (!File.Exists(workerPath))
        {
            throw new FileNotFoundException($"The compile worker {workerPath} does not exist; it is built beside the engine (rulehost-compiler.dll).", workerPath);
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = Path.GetDirectoryName(workerPath)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(workerPath);
        if (scheduling != WorkerScheduling.Normal)
        {
            start.ArgumentList.Add("--lower-priority");
        }

        if (scheduling == WorkerScheduling.Idle)
        {
            start.ArgumentList.Add("idle");
        }

        // The worker's own runtime configuration (workstation, non-concurrent GC) wins over what the host was started with.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        start.Environment.Remove("DOTNET_GCHeapHardLimit");
        return new CompileWorker(Process.Start(start) ?? throw new InvalidOperationException($"The compile worker {workerPath} did not start."))
        {
            Scheduling = scheduling,
        };
    }

    /// <summary>Sends a request and waits for the answer; I/O exceptions mean the worker is gone.</summary>
    public CompileResult Compile(CompileRequest request)
    {
        WorkerProtocol.WriteRequest(_input, request);
        return WorkerProtocol.ReadResult(_output) ?? throw new EndOfStreamException("The compile worker closed its output.");
    }

    /// <summary>
    /// Sends a request and waits at most <paramref name="timeout"/> for the answer; null when none came in time (the
    /// caller then discards this worker, which ends the read). I/O exceptions mean the worker is gone.
    /// </summary>
    public CompileResult? Compile(CompileRequest request, TimeSpan timeout)
    {
        WorkerProtocol.WriteRequest(_input, request);
        var read = Task.Factory.StartNew(
            () => WorkerProtocol.ReadResult(_output) ?? throw new EndOfStreamException("The compile worker closed its output."),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        bool answered;
        try
        {
            answered = read.Wait(timeout);
        }
        catch (AggregateException)
        {
            answered = true; // the read failed: rethrown below as the I/O exception it was
        }

        if (answered)
        {
            return read.GetAwaiter().GetResult();
        }

        // The read fails once the worker is killed; nothing waits for it then.
        _ = read.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        return null;
    }

    /// <summary>Kills the worker if it still runs, waits for it, and says how it ended (exit code or signal).</summary>
    public string Kill()
    {
        try
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(10));
                return "stopped answering and was killed";
            }

            // Wait for the end of stderr too, so its last lines are known.
            _process.WaitForExit();
            var code = _process.ExitCode;
            return code > 128 && !OperatingSystem.IsWindows()
                ? $"exited (killed by signal {code - 128}{(code - 128 == 9 ? ", SIGKILL" : string.Empty)})"
                : $"exited with code {code}";
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "exited";
        }
    }

    /// <summary>The worker's last lines on stderr, as a sentence to append to an error, or empty.</summary>
    public string ErrorTail()
    {
        lock (_errors)
        {
            return _errors.Count == 0 ? string.Empty : " Its last error output: " + string.Join(" | ", _errors);
        }
    }

    /// <summary>Closes the worker's input, so it exits once it has read to the end; kills it if it does not within 5 s.</summary>
    public void Dispose()
    {
        try
        {
            _input.Dispose();
        }
        catch (IOException)
        {
            // Already gone.
        }

        try
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    /// <summary>
    /// The dotnet host to run the worker with: this process when it is the host itself, else the one that launched
    /// the build tools (DOTNET_HOST_PATH), else the one at the root of the runtime this process runs on, else dotnet on PATH.
    /// </summary>
    private static string DotnetHost()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), name, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        // shared/Microsoft.NETCore.App/<version>/ under the dotnet root.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        if (File.Exists(Path.Combine(root, name)))
        {
            return Path.Combine(root, name);
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return name;
    }
}

/// <summary>How a compile worker process is scheduled.</summary>
internal enum WorkerScheduling
{
    /// <summary>Like the service.</summary>
    Normal,

    /// <summary>Nice 10 (below normal on Windows): a share of the cores however busy they are.</summary>
    Low,

    /// <summary>Only on cores nothing else wants (Linux SCHED_IDLE; nice 19 where refused; idle class on Windows).</summary>
    Idle,
}
