using System.Diagnostics;

namespace RulePlugins.Cli.Tests;

/// <summary>What a rulehost run printed and how it exited.</summary>
public sealed record RunResult(int ExitCode, string Output, string Error);

/// <summary>Runs the built rulehost executable (through <c>dotnet rulehost.dll</c>) in a folder of its own.</summary>
public sealed class RuleHostProcess : IDisposable
{
    /// <summary>A temporary working folder; relative paths (the default database) land in it.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("ruleplugins-cli-tests-").FullName;

    /// <summary>Runs rulehost with <paramref name="arguments"/>, with an optional environment, and waits up to two minutes.</summary>
    public RunResult Run(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"rulehost {string.Join(' ', arguments)} did not finish in two minutes.");
        }

        return new RunResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Starts rulehost with <paramref name="arguments"/> in the background; the caller waits for it, or kills it.</summary>
    public BackgroundRuleHost Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Process.Start(StartInfo(arguments, environment))!, string.Join(' ', arguments));

    /// <summary>Writes a file into the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rulehost.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Test runs share the cores with other test processes, which would keep idle-policy compile workers waiting.
        start.Environment["RuleHost__Compilation__IdleWorkers"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}

/// <summary>A rulehost process running in the background, its output collected as it comes.</summary>
public sealed class BackgroundRuleHost : IDisposable
{
    private readonly Process _process;
    private readonly string _command;
    private readonly System.Text.StringBuilder _output = new();
    private readonly System.Text.StringBuilder _error = new();

    internal BackgroundRuleHost(Process process, string command)
    {
        _process = process;
        _command = command;
        process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What it printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What it printed to stderr so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Waits for it to exit (failing the test after <paramref name="timeout"/>) and returns what it printed.</summary>
    public RunResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"rulehost {_command} did not finish in {timeout}.\n{Output}\n{Error}");
        }

        _process.WaitForExit();
        return new RunResult(_process.ExitCode, Output, Error);
    }

    /// <summary>Kills it at once (SIGKILL: no clean-up of any kind runs) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Append(System.Text.StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
