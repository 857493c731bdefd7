namespace RulePlugins.Cli.Tests;

/// <summary>
/// <c>rulehost segment lint</c>, <c>preview --count</c>, <c>history</c> and the warnings of <c>segment save</c>, as a
/// user runs them.
/// </summary>
public sealed class InsightCommandTests : IDisposable
{
    // Seed 003's flaw: two negations of one field joined by OR select every profile.
    private const string EveryoneByMistake = """
        {
          "schemaVersion": 1, "id": "not-moscow-or-not-kazan", "name": "Not Moscow or not Kazan", "subject": "profile",
          "rules": { "op": "or", "items": [
            { "type": "profile.city", "params": { "operator": "not_equals", "value": "Moscow" } },
            { "type": "profile.city", "params": { "operator": "not_equals", "value": "Kazan" } }
          ] }
        }
        """;

    private readonly RuleHostProcess _host = new();

    [Fact]
    public void Lint_OrOfNegationsFile_PrintsTheWarningWithTheAndRewriteAndStoresNothing()
    {
        var result = _host.Run(["segment", "lint", _host.Write("flaw.json", EveryoneByMistake)]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("warning [or-of-negations] rules: “city does not equal \"Moscow\" (ignoring case) or is empty” OR “city does not equal \"Kazan\"", result.Output);
        Assert.Contains("holds for every profile", result.Output);
        Assert.Contains("  rewrite: To select profiles that are none of these, join them with AND: {\"op\":\"and\"", result.Output);
        Assert.DoesNotContain("not-moscow-or-not-kazan", _host.Run(["segment", "list"]).Output);
    }

    [Fact]
    public void Lint_FlawlessStoredSegment_SaysSo()
    {
        var saved = _host.Run(["segment", "save", _host.Write("fine.json", EveryoneByMistake.Replace("\"op\": \"or\"", "\"op\": \"and\""))]);
        Assert.True(saved.ExitCode == 0, saved.Error);
        Assert.Equal(string.Empty, saved.Error);

        var result = _host.Run(["segment", "lint", "not-moscow-or-not-kazan"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("No flaws found in the logic.", result.Output.Trim());
    }

    [Fact]
    public void Save_OrOfNegations_SavesAndWarnsOnStderr()
    {
        var result = _host.Run(["segment", "save", _host.Write("flaw.json", EveryoneByMistake)]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Saved segment 'not-moscow-or-not-kazan' version 1", result.Output);
        Assert.StartsWith("warning [or-of-negations] rules:", result.Error);
    }

    [Fact]
    public void PreviewCount_Draft_PrintsMembersAndEachNodeAndStoresNothing()
    {
        var result = _host.Run(["segment", "preview", _host.Write("flaw.json", EveryoneByMistake), "--count"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("warning [or-of-negations] rules:", result.Error);
        Assert.Contains("Members: 0 of 0 profiles.", result.Output);
        Assert.Contains("nothing was stored", result.Output);
        Assert.Contains("  0    rules.items[1]: city does not equal \"Kazan\"", result.Output);
        Assert.DoesNotContain("not-moscow-or-not-kazan", _host.Run(["segment", "list"]).Output);
    }

    [Fact]
    public void History_AfterTwoRecalculations_ChartsEachRunOldestFirst()
    {
        var saved = _host.Run(["segment", "save", _host.Write("fine.json", EveryoneByMistake.Replace("\"op\": \"or\"", "\"op\": \"and\""))]);
        Assert.True(saved.ExitCode == 0, saved.Error);
        Assert.Equal(0, _host.Run(["segment", "recalc", "not-moscow-or-not-kazan"]).ExitCode);
        Assert.Equal(0, _host.Run(["segment", "recalc", "not-moscow-or-not-kazan"]).ExitCode);

        var result = _host.Run(["segment", "history", "not-moscow-or-not-kazan"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.EndsWith("0  +0 -0", l.TrimEnd()));
    }

    [Fact]
    public void Explain_NoSuchProfile_Exits1NamingIt()
    {
        Assert.Equal(0, _host.Run(["segment", "save", _host.Write("flaw.json", EveryoneByMistake)]).ExitCode);

        var result = _host.Run(["segment", "explain", "not-moscow-or-not-kazan", "42"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("There is no profile 42.", result.Error);
    }

    [Fact]
    public void Explain_WithoutProfile_IsAUsageError()
    {
        var result = _host.Run(["segment", "explain", "not-moscow-or-not-kazan"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs a PROFILE id", result.Error);
    }

    [Fact]
    public void History_NeverRecalculated_SaysSo()
    {
        Assert.Equal(0, _host.Run(["segment", "save", _host.Write("flaw.json", EveryoneByMistake)]).ExitCode);

        var result = _host.Run(["segment", "history", "not-moscow-or-not-kazan"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No successful run yet; recalculate the segment first.", result.Output.Trim());
    }

    [Fact]
    public void Lint_UnknownSegment_Exits1NamingIt()
    {
        var result = _host.Run(["segment", "lint", "no-such-segment"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no-such-segment", result.Error);
    }

    public void Dispose() => _host.Dispose();
}
