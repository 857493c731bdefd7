namespace RulePlugins.Cli.Tests;

/// <summary><c>rulehost plugins</c>: each parameter says when it is required, optional or refused.</summary>
public sealed class PluginsCommandTests : IDisposable
{
    private readonly RuleHostProcess _host = new();

    private string Lines(params string[] arguments)
    {
        var result = _host.Run(["plugins", "--db", Path.Combine(_host.Folder, "plugins.db"), .. arguments]);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return result.Output.ReplaceLineEndings("\n");
    }

    [Fact]
    public void Plugins_ParameterRequiredOptionalOrRefusedByOperator_SaysWhichForEachOperator()
    {
        var output = Lines("--plugins", Path.Combine(AppContext.BaseDirectory, "channel-activity-plugins"));

        Assert.Contains("  channel_activity.events (profile): Channel activity\n", output, StringComparison.Ordinal);
        Assert.Contains(
            "      times: integer, required when operator is at_least, optional when operator is exists|not_exists, refused when operator is not_once, range 1..1000000\n",
            output,
            StringComparison.Ordinal);
        Assert.Contains("      last_days: integer, optional, range 1..36500\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugins_EveryConditionType_PrintsItsDescriptionUnderItsTitle()
    {
        var output = Lines();
        var json = System.Text.Json.JsonDocument.Parse(Lines("--json")).RootElement;

        var types = json.GetProperty("plugins").EnumerateArray().SelectMany(p => p.GetProperty("conditionTypes").EnumerateArray()).ToList();
        Assert.True(types.Count >= 30, $"only {types.Count} condition types");
        foreach (var type in types)
        {
            var description = type.GetProperty("description").GetString()!;
            var firstWords = string.Join(' ', description.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6));
            Assert.Contains($"  {type.GetProperty("id").GetString()} ({type.GetProperty("subject").GetString()}): {type.GetProperty("title").GetString()}\n    {firstWords}", output, StringComparison.Ordinal);
            Assert.All(type.GetProperty("parameters").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString())));
        }
    }

    [Fact]
    public void Plugins_RelativePluginFolder_IsTakenFromTheWorkingDirectory()
    {
        var relative = Path.GetRelativePath(_host.Folder, Path.Combine(AppContext.BaseDirectory, "plugins"));

        var output = Lines("--plugins", relative);

        Assert.False(Path.IsPathRooted(relative));
        Assert.Contains("RulePlugins.Plugins.Market", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not loaded", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugins_TwoPluginsOptions_LoadsBothAndPrintsTheFolderOfEachPlugin()
    {
        const string ChannelActivity = "RulePlugins.TestPlugins.ChannelActivity";
        var builtIn = Path.Combine(AppContext.BaseDirectory, "plugins");
        // A plugin deployed as dotnet publish wrote it: a folder named publish, given itself as a plugin folder.
        var publish = Directory.CreateDirectory(Path.Combine(_host.Folder, "acme", "bin", "Release", "net10.0", "publish")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "channel-activity-plugins", ChannelActivity)))
        {
            File.Copy(file, Path.Combine(publish, Path.GetFileName(file)));
        }

        var text = Lines("--plugins", builtIn, "--plugins", publish);
        var json = System.Text.Json.JsonDocument.Parse(Lines("--json", "--plugins", builtIn, "--plugins", publish)).RootElement;

        var expected = Directory.GetDirectories(builtIn).Select(d => (Name: Path.GetFileName(d), Folder: d)).Append((Name: ChannelActivity, Folder: publish))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        Assert.Contains(expected, p => p.Name == "RulePlugins.Plugins.Market");
        Assert.Equal(
            expected,
            json.GetProperty("plugins").EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("loadedFrom").GetString()!)));
        Assert.Empty(json.GetProperty("failures").EnumerateArray());
        foreach (var (name, folder) in expected)
        {
            Assert.Matches($"(^|\\n){System.Text.RegularExpressions.Regex.Escape(name)} [^\\n]*\\n  from {System.Text.RegularExpressions.Regex.Escape(folder)}\\n", text);
        }
    }

    [Fact]
    public void Plugins_RealPlugins_ListRequiredWhenWithTheOperatorsThatRefuseIt()
    {
        var output = Lines();

        Assert.Contains(
            "      values: stringlist, required when operator is in_list|not_in_list, refused when operator is equals|not_equals|contains|starts_with|is_empty|is_not_empty\n",
            output,
            StringComparison.Ordinal);
        // quantity_operator may be left out, so its values are refused without it too.
        Assert.Contains("      quantity_value: integer, required when quantity_operator is ", output, StringComparison.Ordinal);
        Assert.Contains("refused when quantity_operator is in_range or left out, range 0..inf\n", output, StringComparison.Ordinal);
        Assert.Contains("      count: integer, optional, range 1..1000000\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsValues_FixedList_ListsValuesWithNamesAndTheCount()
    {
        var output = Lines("values", "profile.city", "operator", "--search", "list");

        Assert.Contains("in_list", output, StringComparison.Ordinal);
        Assert.Contains("not_in_list", output, StringComparison.Ordinal);
        Assert.DoesNotContain("starts_with", output, StringComparison.Ordinal);
        Assert.Contains("2 choices matching \"list\"\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginsValues_UnknownParameter_FailsNamingTheParameters()
    {
        var result = _host.Run(["plugins", "values", "profile.city", "opertor", "--db", Path.Combine(_host.Folder, "plugins.db")]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Condition type 'profile.city' has no parameter 'opertor'; its parameters are: operator, ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
