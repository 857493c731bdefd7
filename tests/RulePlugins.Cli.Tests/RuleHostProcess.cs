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

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"rulehost {string.Join(' ', arguments)} did not finish in two minutes.");
        }

        return new RunResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    /// <summary>Writes a file into the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
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
