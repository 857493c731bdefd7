using RulePlugins.Engine.Insight.Lint;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Segments.Tests;

/// <summary>
/// Lint over the segments plugin's conditions: in / not in segment complement each other, and a negation of a large
/// segment is warned about with its current member count.
/// </summary>
public sealed class SegmentLintTests : IDisposable
{
    private readonly PluginTestBed _bed = new(new ProfileFieldsPlugin(), new SegmentsPlugin());

    public SegmentLintTests()
    {
        _bed.Database.AddProfiles(new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Moscow" }, new ProfileData(3) { City = "Moscow" }, new ProfileData(4));
        _bed.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        _bed.Engine.Recalculate("moscow");
    }

    private static object Membership(string op) => new { type = "segments.membership", @params = new { segment = "moscow", @operator = op } };

    [Fact]
    public void Lint_NotInSegmentOfAtLeastTheLimit_WarnsWithTheMemberCount()
    {
        var engine = _bed.Database.NewEngine(configure: o => o with { LargeSegmentMembers = 3 });

        var warning = Assert.Single(engine.Lint(Documents.Json("not-moscow", new { op = "and", items = new[] { Membership("not_in_segment") } })));

        Assert.Equal(LintRules.NotInLargeSegment, warning.Rule);
        Assert.Equal("rules.items[0]", warning.Path);
        Assert.Equal(
            "“not in segment \"moscow\"” selects by what profiles are not: segment \"moscow\" has 3 current members. A negation of a large segment compares long " +
            "member lists on every recalculation; where you can, select the profiles you want directly instead.",
            warning.Message);
    }

    [Fact]
    public void Lint_NotInSegmentBelowTheLimitOrInSegment_HasNoWarning()
    {
        var engine = _bed.Database.NewEngine(configure: o => o with { LargeSegmentMembers = 4 });

        Assert.Empty(engine.Lint(Documents.Json("not-moscow", new { op = "and", items = new[] { Membership("not_in_segment") } })));
        Assert.Empty(_bed.Engine.Lint(Documents.Json("in-moscow", new { op = "and", items = new[] { Membership("in_segment") } })));
    }

    [Fact]
    public void Lint_InOrNotInTheSameSegment_SelectsEveryone()
    {
        var warning = Assert.Single(_bed.Engine.Lint(Documents.Json("all", new { op = "or", items = new[] { Membership("in_segment"), Membership("not_in_segment") } })));

        Assert.Equal(LintRules.AlwaysTrue, warning.Rule);
        Assert.EndsWith("holds for every profile, so this OR group selects everyone.", warning.Message);
    }

    [Fact]
    public void Lint_InAndNotInTheSameSegment_SelectsNoOne()
    {
        var warning = Assert.Single(_bed.Engine.Lint(Documents.Json("none", new { op = "and", items = new[] { Membership("in_segment"), Membership("not_in_segment") } })));

        Assert.Equal(LintRules.NeverTrue, warning.Rule);
    }

    public void Dispose() => _bed.Dispose();
}
