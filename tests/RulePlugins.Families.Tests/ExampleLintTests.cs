using RulePlugins.Plugins.Campaigns;
using RulePlugins.Plugins.Goals;
using RulePlugins.Plugins.Loyalty;
using RulePlugins.Plugins.Market;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Plugins.Scenarios;
using RulePlugins.Plugins.Segments;
using RulePlugins.Plugins.Weblayers;
using RulePlugins.Sdk;
using RulePlugins.Testing;

namespace RulePlugins.Families.Tests;

/// <summary>Every family's example segments, written as a careful author would, have no lint warning.</summary>
public sealed class ExampleLintTests
{
    private static IRulePlugin[] Plugins =>
        [new ProfileFieldsPlugin(), new MarketPlugin(), new ScenariosPlugin(), new CampaignsPlugin(), new SegmentsPlugin(), new WeblayersPlugin(), new GoalsPlugin(), new LoyaltyPlugin()];

    [Fact]
    public void Lint_EveryExampleSegment_HasNoWarning()
    {
        using var db = new TestDatabase(Plugins);
        db.Engine.GenerateDemoData(200);
        var examples = db.Engine.ExampleSegments().ToList();

        var flagged = examples.Select(json => (json, warnings: db.Engine.Lint(json))).Where(x => x.warnings.Count > 0)
            .Select(x => string.Join("; ", x.warnings.Select(w => $"{w.Rule} at {w.Path}: {w.Message}")) + " in " + x.json).ToList();

        Assert.True(examples.Count >= 20, $"only {examples.Count} examples");
        Assert.Empty(flagged);
    }
}
