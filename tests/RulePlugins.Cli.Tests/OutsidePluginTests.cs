using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using RulePlugins.Testing;

namespace RulePlugins.Cli.Tests;

/// <summary>
/// A plugin written outside this repository, the way a platform team would: in a temporary folder, from the packed SDK
/// and test kit only (a local package folder, plus the ordinary package feed for their dependencies), started from the
/// <c>dotnet new ruleplugin</c> template, tested with the kit, published, and dropped into a host's plugins directory.
/// The host lists its condition type, and its segments get exactly the members the template's demo data implies.
/// </summary>
public sealed class OutsidePluginTests : IDisposable
{
    private const long Profiles = 50;
    private readonly TemporaryFolder _folder = new("outside-");

    // A version of its own per run, so no package cache ever serves an older build of the same version.
    private readonly string _version = $"1.0.0-outside.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    private readonly RuleHostProcess _host = new();

    private string Root => _folder.Path;

    private static readonly string[] Packed =
    [
        "sdk/RulePlugins.Sdk", "sdk/RulePlugins.Sdk.Testing", "host/RulePlugins.Engine", "host/RulePlugins.Compiler",
        "plugins/RulePlugins.Plugins.ProfileFields",
    ];

    [Fact]
    public void Template_PackedSdkAndKit_BuildsTestsAndDeploysAPluginTheHostRuns()
    {
        // 1. Pack the SDK, the kit and what the kit runs on into a local feed (already built by this test run).
        var feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        var configuration = typeof(OutsidePluginTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        foreach (var project in Packed)
        {
            Dotnet(Repository.Root, "pack", Path.Combine(Repository.Root, project), "--no-build", "-c", configuration, "-o", feed, $"-p:PackageVersion={_version}");
        }

        Assert.Equal(Packed.Length, Directory.GetFiles(feed, "*.nupkg").Length);

        // 2-3. Install the template from the repository (into a template store of this test only) and create a plugin.
        var hive = Path.Combine(Root, "templates");
        Dotnet(Root, "new", "install", Path.Combine(Repository.Root, "templates", "ruleplugin"), "--debug:custom-hive", hive);
        var plugin = Path.Combine(Root, "Acme.Tickets");
        Dotnet(Root, "new", "ruleplugin", "-n", "Acme.Tickets", "-o", plugin, "--SdkVersion", _version, "--debug:custom-hive", hive);
        File.WriteAllText(Path.Combine(plugin, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ruleplugins-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        // 4. Its tests pass as created, against the packed packages.
        var tests = Dotnet(plugin, "test");
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+5,", tests.Output);

        // 5. Publish it and copy the folder into a host's plugins directory, under a name of the operator's choosing.
        Dotnet(plugin, "publish", Path.Combine("src", "Acme.Tickets"), "-c", "Release", "-o", Path.Combine(Root, "publish"));
        Assert.False(File.Exists(Path.Combine(Root, "publish", "RulePlugins.Sdk.dll")), "a plugin folder never carries its own SDK");
        var plugins = Path.Combine(Root, "host-plugins");
        CopyFolder(Path.Combine(Root, "publish"), Path.Combine(plugins, "acme-tickets"));
        CopyFolder(Path.Combine(AppContext.BaseDirectory, "plugins", "RulePlugins.Plugins.ProfileFields"), Path.Combine(plugins, "RulePlugins.Plugins.ProfileFields"));
        string[] host = ["--plugins", plugins, "--db", Path.Combine(Root, "host.db")];

        // 6. The host lists the new condition type, from the folder it was copied to.
        var listed = Succeed(_host.Run(["plugins", "--json", .. host]));
        using (var catalogue = JsonDocument.Parse(listed.Output))
        {
            var acme = catalogue.RootElement.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Acme.Tickets");
            Assert.Equal(Path.Combine(plugins, "acme-tickets"), acme.GetProperty("loadedFrom").GetString());
            Assert.Contains(acme.GetProperty("conditionTypes").EnumerateArray(), t => t.GetProperty("id").GetString() == "tickets.opened");
        }

        // The demo data: profile p opens p mod 5 tickets, 1, 6, 11 and 16 days ago, so the template's example segment
        // (at least 3 in the last 30 days) has the profiles with p mod 5 of 3 or 4, and "at least 2 in the last 10 days"
        // those with p mod 5 of at least 2.
        Succeed(_host.Run(["demo", "--profiles", Profiles.ToString(System.Globalization.CultureInfo.InvariantCulture), .. host]));
        Assert.Equal(Ids(p => p % 5 >= 3), Members("frequent-reporters", host));

        Succeed(_host.Run(["segment", "save", _host.Write("recent.json", """
            { "schemaVersion": 1, "id": "recent-reporters", "name": "Two tickets in ten days", "subject": "profile",
              "rules": { "op": "and", "items": [
                { "type": "tickets.opened", "params": { "operator": "at_least", "times": 2, "last_days": 10 } } ] } }
            """), .. host]));
        Succeed(_host.Run(["segment", "recalc", "recent-reporters", .. host]));
        Assert.Equal(Ids(p => p % 5 >= 2), Members("recent-reporters", host));
    }

    [Fact]
    public void Template_PackageVersions_AreCentralAndTheRepositorysOwn()
    {
        // The template manages its versions centrally, in its own Directory.Packages.props; they follow the repository's.
        var central = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        var template = Path.Combine(Repository.Root, "templates", "ruleplugin");
        var versions = XDocument.Load(Path.Combine(template, "Directory.Packages.props")).Descendants("PackageVersion")
            .Where(e => !((string)e.Attribute("Include")!).StartsWith("RulePlugins.", StringComparison.Ordinal)).ToList();
        var versioned = Directory.GetFiles(template, "*.csproj", SearchOption.AllDirectories)
            .SelectMany(f => XDocument.Load(f).Descendants("PackageReference")).Where(e => e.Attribute("Version") is not null);
        var sdkVersion = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("RulePluginsSdkVersion").Single().Value;
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(template, ".template.config", "template.json")));

        Assert.Empty(versioned);
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Equal(central[(string)v.Attribute("Include")!], (string)v.Attribute("Version")!));
        Assert.Equal(sdkVersion, settings.RootElement.GetProperty("symbols").GetProperty("SdkVersion").GetProperty("defaultValue").GetString());
    }

    private static List<long> Ids(Func<long, bool> member) => [.. Enumerable.Range(1, (int)Profiles).Select(i => (long)i).Where(member)];

    private List<long> Members(string segment, string[] host) =>
        [.. Succeed(_host.Run(["segment", "members", segment, "--limit", "1000", .. host])).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).Order()];

    private static RunResult Succeed(RunResult result)
    {
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return result;
    }

    private static RunResult Dotnet(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        // No build server or reused MSBuild node outlives the command holding its output open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish in five minutes.");
        }

        var result = new RunResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.Output}\n{result.Error}");
        return result;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        _host.Dispose();
        _folder.Dispose();

        // The packages of this run's own version, extracted into the package cache by the restore.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in Packed.Select(p => Path.GetFileName(p).ToLowerInvariant()))
        {
            var folder = Path.Combine(cache, package, _version.ToLowerInvariant());
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
