using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Service;

namespace RulePlugins.Benchmarks;

/// <summary>What the memory watch reads of the service: its working set and that of its compile workers.</summary>
/// <param name="WorkingSet">The service process's resident set.</param>
/// <param name="WorkersWorkingSet">The compile workers' resident sets added up (0 without workers).</param>
/// <param name="ManagedHeap">The managed heap, when the service runs in this process (it includes the driver's); else -1.</param>
internal readonly record struct ServiceSample(long WorkingSet, long WorkersWorkingSet, long ManagedHeap);

/// <summary>
/// The host service section 7 drives: <c>rulehost serve</c> in its own process (the default, so the load driver's
/// garbage and collections are not the service's), or the service in this process (<c>--in-process</c>, as section 6
/// runs it). Either way it listens on loopback with a fresh API key, on the given database and plugins.
/// </summary>
internal abstract partial class ServiceUnderTest : IDisposable
{
    protected ServiceUnderTest(string apiKey) => ApiKey = apiKey;

    public Uri Address { get; protected set; } = null!;

    public string ApiKey { get; }

    public abstract string Kind { get; }

    /// <summary>Where the service's GC pauses come from.</summary>
    public abstract GcPauseRecorder GcPauses { get; }

    /// <summary>The service process's peak resident set since it started (VmHWM); null in process.</summary>
    public virtual long? PeakWorkingSet => null;

    public static ServiceUnderTest Start(bool inProcess, string pluginDirectory, string database, IReadOnlyList<string> arguments, bool waitUntilWarm, IReadOnlyList<string>? environment = null)
    {
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        ServiceUnderTest service = inProcess
            ? new InProcess(apiKey, pluginDirectory, database, arguments)
            : new OwnProcess(apiKey, pluginDirectory, database, arguments, environment ?? []);
        try
        {
            if (waitUntilWarm)
            {
                service.WaitUntilWarm();
            }

            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    public abstract ServiceSample Sample();

    public abstract void Dispose();

    /// <summary>Saves compiling or waiting, as readiness reports them.</summary>
    public int PendingCompiles()
    {
        var compiler = Readiness()?["checks"]?["compiler"]?.GetValue<string>() ?? string.Empty;
        var match = PendingPattern().Match(compiler);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The compiler line of readiness: isolation, workers, pre-warm.</summary>
    public string CompilerState() => Readiness()?["checks"]?["compiler"]?.GetValue<string>() ?? "(unknown)";

    /// <summary>Waits until the pre-warm has finished (or is off or failed).</summary>
    private void WaitUntilWarm()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            var state = CompilerState();
            if (!state.StartsWith("warming up", StringComparison.Ordinal) && state != "(unknown)")
            {
                return;
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("The service's compiler did not finish its pre-warm in 3 minutes.");
    }

    private JsonNode? Readiness()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = client.GetAsync("/health/ready").GetAwaiter().GetResult();
            return JsonNode.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"(\d+) saves compiling or waiting")]
    private static partial Regex PendingPattern();

    private static long Resident(int processId, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Gone.
        }

        return 0;
    }

    /// <summary>The children of a process (its compile workers), from /proc.</summary>
    private static IEnumerable<int> Children(int processId)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == processId.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The real <c>rulehost serve</c> (Release, beside the benchmark), its API key in <c>RuleHost__ApiKey</c>.</summary>
    private sealed partial class OwnProcess : ServiceUnderTest
    {
        private readonly Process _process;
        private readonly List<string> _output = [];
        private readonly GcPauseRecorder _gc;

        public OwnProcess(string apiKey, string pluginDirectory, string database, IReadOnlyList<string> arguments, IReadOnlyList<string> environment)
            : base(apiKey)
        {
            var rulehost = Path.Combine(AppContext.BaseDirectory, "rulehost.dll");
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(database)!,
            };
            foreach (var argument in (string[])[
                "exec", rulehost, "serve", "--urls", "http://127.0.0.1:0", "--db", database, "--plugins", pluginDirectory,
                "--RuleHost:Scheduling:Enabled=false", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. arguments])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["RuleHost__ApiKey"] = apiKey;
            foreach (var variable in environment)
            {
                var equals = variable.IndexOf('=', StringComparison.Ordinal);
                start.Environment[variable[..equals]] = variable[(equals + 1)..];
            }

            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            _process = Process.Start(start)!;
            void Read(string? line)
            {
                if (line is null)
                {
                    listening.TrySetException(new InvalidOperationException("rulehost serve exited before listening: " + string.Join(Environment.NewLine, _output)));
                    return;
                }

                lock (_output)
                {
                    _output.Add(line);
                }

                if (ListeningPattern().Match(line) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups[1].Value));
                }
            }

            _process.OutputDataReceived += (_, e) => Read(e.Data);
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is { } line)
                {
                    lock (_output)
                    {
                        _output.Add(line);
                    }
                }
            };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            if (!listening.Task.Wait(TimeSpan.FromMinutes(2)))
            {
                throw new TimeoutException("rulehost serve did not listen within 2 minutes: " + string.Join(Environment.NewLine, _output));
            }

            Address = listening.Task.Result;
            _gc = GcPauseRecorder.Of(_process.Id);
        }

        public override string Kind => $"rulehost serve, process {_process.Id}";

        public override GcPauseRecorder GcPauses => _gc;

        public override ServiceSample Sample()
        {
            var workers = Children(_process.Id).Sum(pid => Resident(pid, "VmRSS"));
            return new ServiceSample(Math.Max(Resident(_process.Id, "VmRSS"), 0), workers, -1);
        }

        /// <summary>The peak resident set of the service process since it started (VmHWM).</summary>
        public override long? PeakWorkingSet => Resident(_process.Id, "VmHWM");

        public override void Dispose()
        {
            _gc?.Dispose();
            if (!_process.HasExited)
            {
                // SIGTERM: the service stops gracefully (and closes its workers' input, so they exit).
                _ = Terminate(_process.Id, 15);
                if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            _process.WaitForExit();
            _process.Dispose();
        }

        [GeneratedRegex(@"Now listening on: (http://\S+)")]
        private static partial Regex ListeningPattern();

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; one plain call does not.
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        private static extern int Terminate(int pid, int signal);
#pragma warning restore SYSLIB1054

        private static string DotnetHost()
        {
            if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                return self;
            }

            var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            return File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
        }
    }

    /// <summary>The service in this process (<c>ServiceHost.Create</c>): the driver's garbage is the service's.</summary>
    private sealed class InProcess : ServiceUnderTest
    {
        private readonly WebApplication _app;
        private readonly GcPauseRecorder _gc = GcPauseRecorder.OfThisProcess();

        public InProcess(string apiKey, string pluginDirectory, string database, IReadOnlyList<string> arguments)
            : base(apiKey)
        {
            _app = ServiceHost.Create(
            [
                "--urls", "http://127.0.0.1:0", $"--RuleHost:ApiKey={apiKey}", $"--RuleHost:Database:Path={database}", $"--RuleHost:PluginDirectory={pluginDirectory}",
                "--RuleHost:Scheduling:Enabled=false", "--Logging:LogLevel:Default=Warning", .. arguments,
            ]);
            _app.StartAsync().GetAwaiter().GetResult();
            Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public override string Kind => "in the benchmark process";

        public override GcPauseRecorder GcPauses => _gc;

        public override ServiceSample Sample()
        {
            var workers = Children(Environment.ProcessId).Sum(pid => Resident(pid, "VmRSS"));
            return new ServiceSample(Environment.WorkingSet, workers, GC.GetTotalMemory(forceFullCollection: false));
        }

        public override void Dispose()
        {
            _app.StopAsync().GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _gc.Dispose();
        }
    }
}
