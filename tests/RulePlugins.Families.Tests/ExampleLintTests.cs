namespace RulePlugins.Families.Tests;

/// <summary>Every family's example segments, written as a careful author would, have no lint warning on the demo data.</summary>
public sealed class ExampleLintTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public void Lint_EveryExampleSegment_HasNoWarning()
    {
        var examples = demo.Engine.ExampleSegments().ToList();

        var flagged = examples.Select(json => (json, warnings: demo.Engine.Lint(json))).Where(x => x.warnings.Count > 0)
            .Select(x => string.Join("; ", x.warnings.Select(w => $"{w.Rule} at {w.Path}: {w.Message}")) + " in " + x.json).ToList();

        Assert.True(examples.Count >= 20, $"only {examples.Count} examples");
        Assert.Empty(flagged);
    }
}
