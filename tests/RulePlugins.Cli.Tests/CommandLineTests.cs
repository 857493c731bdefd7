namespace RulePlugins.Cli.Tests;

/// <summary>
/// The command line itself: help for every command, a wrong command line refused with exit code 2 and a suggestion,
/// completions, and that nothing is opened or written when the command line is wrong.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly RuleHostProcess _host = new();

    private string DefaultDatabase => Path.Combine(_host.Folder, "data", "ruleplugins.db");

    [Fact]
    public void Help_Root_ListsEveryTopLevelCommand()
    {
        var result = _host.Run(["--help"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var commands = Section(result.Output, "Commands:");
        foreach (var command in new[] { "demo", "plugins", "segment", "static-segment", "order-segment", "serve" })
        {
            Assert.Contains(commands, line => FirstWord(line) == command);
        }

        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Help_Segment_ListsEverySubCommand()
    {
        var result = _host.Run(["segment", "--help"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var commands = Section(result.Output, "Commands:").Select(FirstWord).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(["save", "lint", "preview", "explain", "history", "source", "recalc", "runs", "members", "list"], StringComparer.Ordinal),
            commands);
    }

    [Fact]
    public void Help_SegmentSave_ShowsUsageWithItsFileArgumentAndTheGlobalOptions()
    {
        var result = _host.Run(["segment", "save", "--help"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("rulehost segment save <FILE>", result.Output, StringComparison.Ordinal);
        Assert.Contains(Section(result.Output, "Options:"), line => FirstWord(line) == "--db");
        Assert.False(File.Exists(DefaultDatabase), "help opened the database");
    }

    [Fact]
    public void Help_Serve_PrintsHelpWithoutStartingTheService()
    {
        // Without an API key the service refuses to start (exit 1); help must not get that far.
        var result = _host.Run(["serve", "--help"], new Dictionary<string, string> { ["RuleHost__ApiKey"] = string.Empty });

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("--urls", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("API key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MistypedCommand_Exits2AndSuggestsTheCommand()
    {
        var result = _host.Run(["segmnt", "list"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rulehost: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("'segmnt'", result.Error, StringComparison.Ordinal);
        var lines = Lines(result.Error);
        var suggestion = lines.FindIndex(l => l.Contains("Did you mean", StringComparison.Ordinal));
        Assert.True(suggestion >= 0, result.Error);
        Assert.Equal("segment", lines[suggestion + 1].Trim());
        Assert.Equal("Run 'rulehost --help' for usage.", lines[^1]);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Parse_MistypedOption_Exits2NamingItAndChangesNothing()
    {
        var result = _host.Run(["segment", "list", "--dbb", "x"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rulehost: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("'--dbb'", result.Error, StringComparison.Ordinal);
        Assert.Equal("Run 'rulehost segment list --help' for usage.", Lines(result.Error)[^1]);
        Assert.False(File.Exists(DefaultDatabase), "a wrong command line opened the database");
        Assert.False(File.Exists(Path.Combine(_host.Folder, "x")));
    }

    [Fact]
    public void Parse_MissingArgument_Exits2NamingItAndTheCommandsHelp()
    {
        var result = _host.Run(["segment", "save"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rulehost: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("FILE", result.Error, StringComparison.Ordinal);
        Assert.Equal("Run 'rulehost segment save --help' for usage.", Lines(result.Error)[^1]);
        Assert.False(File.Exists(DefaultDatabase), "a wrong command line opened the database");
    }

    [Fact]
    public void Parse_NonNumberLimit_Exits2NamingTheOptionAndTheValue()
    {
        var result = _host.Run(["segment", "members", "x", "--limit", "ten"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rulehost: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--limit", result.Error, StringComparison.Ordinal);
        Assert.Contains("'ten'", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultDatabase), "a wrong command line opened the database");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Parse_LimitBelowOne_Exits2(string limit)
    {
        var result = _host.Run(["segment", "members", "x", "--limit", limit]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--limit", result.Error, StringComparison.Ordinal);
        Assert.Contains($"'{limit}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownProvider_Exits2ListingTheAllowedValues()
    {
        var result = _host.Run(["segment", "list", "--provider", "oracle"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'oracle'", result.Error, StringComparison.Ordinal);
        foreach (var provider in new[] { "sqlite", "postgresql", "postgres", "sqlserver" })
        {
            Assert.Contains($"'{provider}'", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_ImportWithoutMode_Exits2AndImportsNothing()
    {
        var ids = _host.Write("ids.csv", "profile_id\n1\n2\n");

        var result = _host.Run(["static-segment", "import", "vip", ids]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--replace, --add or --remove", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultDatabase), "a wrong command line opened the database");
    }

    [Fact]
    public void Suggest_PartialCommand_CompletesToTheMatchingCommands()
    {
        // What the shell's completion script asks for: the words that complete "rulehost segm" at its end.
        const string Line = "rulehost segm";

        var result = _host.Run([$"[suggest:{Line.Length}]", Line]);

        Assert.True(result.ExitCode == 0, result.Error);
        var completions = Lines(result.Output);
        Assert.Contains("segment", completions);
        Assert.DoesNotContain("demo", completions);
        Assert.DoesNotContain("plugins", completions);
    }

    [Fact]
    public void Suggest_SegmentSubCommand_CompletesItsSubCommands()
    {
        const string Line = "rulehost segment re";

        var result = _host.Run([$"[suggest:{Line.Length}]", Line]);

        Assert.True(result.ExitCode == 0, result.Error);
        var completions = Lines(result.Output);
        Assert.Contains("recalc", completions);
        Assert.DoesNotContain("save", completions);
    }

    /// <inheritdoc />
    [Fact]
    public void Run_NoArguments_PrintsTheHelpAndExits2()
    {
        var result = _host.Run([]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("segment", result.Output);
        Assert.Contains("--help", result.Output);
    }

    [Fact]
    public void Run_HelpWord_PrintsTheHelpAndExits0()
    {
        var result = _host.Run(["help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("static-segment", result.Output);
    }

    public void Dispose() => _host.Dispose();

    private static List<string> Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static string FirstWord(string line) => line.Trim().Split(' ', 2)[0];

    /// <summary>The indented lines under a help heading such as <c>Commands:</c>, up to the next blank line.</summary>
    private static List<string> Section(string help, string heading)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"no '{heading}' in:\n{help}");
        return [.. lines.Skip(start + 1).TakeWhile(l => l.Length > 0)];
    }
}
