using RulePlugins.Engine.Insight.Lint;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// The logic checks on the profile fields plugin's conditions: each rule's exact warning, and none for documents
/// without a flaw. The plugin declares nothing for lint: its conditions use the SDK's operator families.
/// </summary>
public sealed class LintTests : IDisposable
{
    private readonly TestDatabase _db = new();

    private static object Field(string field, string op, object? value = null) => value switch
    {
        null => new { type = "profile." + field, @params = new { @operator = op } },
        System.Collections.IEnumerable and not string => new { type = "profile." + field, @params = (object)new { @operator = op, values = value } },
        _ => new { type = "profile." + field, @params = (object)new { @operator = op, value } },
    };

    private static object Group(string op, params object[] items) => new { op, items };

    private IReadOnlyList<LintWarning> Lint(object rules) => _db.Engine.Lint(Documents.Json("lint-test", rules));

    [Fact]
    public void Lint_OrOfTwoCityNegations_WarnsEveryProfilePassesAndGivesTheAndForm()
    {
        var warnings = Lint(Group("or", Field("city", "not_equals", "Moscow"), Field("city", "not_equals", "Kazan")));

        var warning = Assert.Single(warnings);
        Assert.Equal(LintRules.OrOfNegations, warning.Rule);
        Assert.Equal("rules", warning.Path);
        Assert.Equal(["rules.items[0]", "rules.items[1]"], warning.Items);
        Assert.Equal(
            "“city does not equal \"Moscow\" (ignoring case) or is empty” OR “city does not equal \"Kazan\" (ignoring case) or is empty” holds for every profile: " +
            "to fail the OR a profile would have to fail both, and no profile can. Negations joined by OR often hide a flaw like this one.",
            warning.Message);
        Assert.Equal(
            "To select profiles that are none of these, join them with AND: " +
            """{"op":"and","items":[{"type":"profile.city","params":{"operator":"not_equals","value":"Moscow"}},{"type":"profile.city","params":{"operator":"not_equals","value":"Kazan"}}]}""",
            warning.Rewrite);
    }

    [Fact]
    public void Lint_OrOfNegationsBesideAnotherCondition_SuggestsANestedAndGroup()
    {
        var warnings = Lint(Group("or", Field("age", "greater", 60), Field("city", "not_in_list", new[] { "Moscow" }), Field("city", "not_in_list", new[] { "Moscow", "Kazan" })));

        var warning = Assert.Single(warnings);
        Assert.Equal(LintRules.OrOfNegations, warning.Rule);
        Assert.Equal(["rules.items[1]", "rules.items[2]"], warning.Items);
        Assert.StartsWith("“city is none of \"Moscow\" (ignoring case) or is empty” OR “city is none of \"Moscow\", \"Kazan\" (ignoring case) or is empty”: negations joined by OR select every profile that fails just one of them", warning.Message);
        Assert.StartsWith("To select profiles that are none of these, replace them with one AND group: {\"op\":\"and\",", warning.Rewrite);
    }

    [Fact]
    public void Lint_AgeAtLeast18OrBelow18_HoldsForEveryProfileWithAnAge()
    {
        var warnings = Lint(Group("and", Field("city", "equals", "Moscow"), Group("or", Field("age", "greater_or_equal", 18), Field("age", "less", 18))));

        var warning = Assert.Single(warnings);
        Assert.Equal(LintRules.AlwaysTrue, warning.Rule);
        Assert.Equal("rules.items[1]", warning.Path);
        Assert.Equal(
            "“age is at least 18” OR “age is less than 18” holds for every profile that has this value, so this OR group selects everyone except profiles where it is missing.",
            warning.Message);
        Assert.Null(warning.Rewrite);
    }

    [Fact]
    public void Lint_SubscribedOrNotSubscribed_HoldsForEveryProfile()
    {
        var warnings = Lint(Group("or", Field("email_subscribed", "equals", true), Field("email_subscribed", "not_equals", true)));

        var warning = Assert.Single(warnings);
        Assert.Equal(LintRules.AlwaysTrue, warning.Rule);
        Assert.EndsWith("holds for every profile, so this OR group selects everyone.", warning.Message);
    }

    [Fact]
    public void Lint_CityMoscowAndCityKazan_SelectsNoOne()
    {
        var warning = Assert.Single(Lint(Group("and", Field("city", "equals", "Moscow"), Field("city", "equals", "Kazan"))));

        Assert.Equal(LintRules.NeverTrue, warning.Rule);
        Assert.Equal(
            "“city equals \"Moscow\" (ignoring case)” AND “city equals \"Kazan\" (ignoring case)” cannot all hold for one profile, so this AND group selects no one.",
            warning.Message);
    }

    [Fact]
    public void Lint_AgeAbove30AndBelow20_SelectsNoOne()
    {
        var warnings = Lint(Group("and", Field("age", "greater", 30), Field("age", "less", 20)));

        var warning = Assert.Single(warnings);
        Assert.Equal(LintRules.NeverTrue, warning.Rule);
        Assert.Equal("rules", warning.Path);
        Assert.Equal("“age is greater than 30” AND “age is less than 20” cannot all hold for one profile, so this AND group selects no one.", warning.Message);
    }

    [Fact]
    public void Lint_AgeAbove30AndBelow31_SelectsNoOneBecauseAgesAreWholeNumbers()
    {
        var warning = Assert.Single(Lint(Group("and", Field("age", "greater", 30), Field("age", "less", 31))));

        Assert.Equal(LintRules.NeverTrue, warning.Rule);
    }

    [Fact]
    public void Lint_GenderEveryValueListed_HoldsForEveryProfileWithAGender()
    {
        var warning = Assert.Single(Lint(Group("or", Field("gender", "equals", "female"), Field("gender", "equals", "male"), Field("gender", "equals", "unknown"))));

        Assert.Equal(LintRules.AlwaysTrue, warning.Rule);
        Assert.Equal(["rules.items[0]", "rules.items[1]", "rules.items[2]"], warning.Items);
    }

    [Fact]
    public void Lint_SameConditionTwice_NamesTheCopyAndTheOriginal()
    {
        var warnings = Lint(Group("and", Field("city", "equals", "Moscow"), Field("age", "greater", 18), Field("city", "equals", " moscow")));

        var warning = Assert.Single(warnings);
        Assert.Equal(LintRules.Duplicate, warning.Rule);
        Assert.Equal("rules.items[2]", warning.Path);
        Assert.Equal("“city equals \"moscow\" (ignoring case)” is already at rules.items[0] in this group; the copy changes nothing.", warning.Message);
        Assert.Equal("Remove rules.items[2].", warning.Rewrite);
    }

    [Fact]
    public void Lint_NestedGroupWithOneItem_SaysTheGroupIsTheItem()
    {
        var warnings = Lint(Group("and", Field("city", "equals", "Moscow"), Group("or", Field("age", "greater", 18))));

        var warning = Assert.Single(warnings);
        Assert.Equal(LintRules.SingleItemGroup, warning.Rule);
        Assert.Equal("rules.items[1]", warning.Path);
        Assert.Equal("This group has one item, so its \"or\" joins nothing: the group is the same as “age is greater than 18” on its own.", warning.Message);
        Assert.Equal("""Put the item in the parent group in place of the group: {"type":"profile.age","params":{"operator":"greater","value":18}}""", warning.Rewrite);
    }

    [Fact]
    public void Lint_InListWithNoValueInsideTheRange_SelectsNoOne()
    {
        var twenties = new { type = "profile.age", @params = new { @operator = "in_range", min = 20, max = 30 } };

        var warning = Assert.Single(Lint(Group("and", Field("age", "in_list", new[] { 10, 12 }), twenties)));

        Assert.Equal(LintRules.NeverTrue, warning.Rule);
    }

    [Theory]
    [InlineData("and")]
    [InlineData("or")]
    public void Lint_FlawlessDocuments_HaveNoWarnings(string op)
    {
        Assert.Empty(Lint(Group("and", Field("city", "equals", "Moscow"))));
        Assert.Empty(Lint(Group("or", Field("city", "equals", "Moscow"), Field("city", "equals", "Kazan"))));
        Assert.Empty(Lint(Group("and", Field("city", "not_equals", "Moscow"), Field("city", "not_equals", "Kazan"))));
        Assert.Empty(Lint(Group("and", Field("age", "greater_or_equal", 18), Field("age", "less_or_equal", 30))));
        Assert.Empty(Lint(Group(op, Field("age", "greater", 60), Field("city", "not_equals", "Moscow"))));
        Assert.Empty(Lint(Group("or", Field("age", "less", 18), Field("age", "greater", 65))));
        Assert.Empty(Lint(Group("or", Field("city", "contains", "grad"), Field("city", "starts_with", "Nizh"))));
        Assert.Empty(Lint(Group("and", Field("email", "is_not_empty"), Group("or", Field("city", "equals", "Moscow"), Field("age", "less", 30)))));
    }

    [Fact]
    public void Save_WithAFlaw_StoresTheSegmentAndReturnsTheWarning()
    {
        var result = _db.Engine.Save(Documents.Json("everyone", Group("or", Field("city", "not_equals", "Moscow"), Field("city", "not_equals", "Kazan"))));

        Assert.True(result.Created);
        Assert.Equal(LintRules.OrOfNegations, Assert.Single(result.Warnings).Rule);
        Assert.NotNull(_db.Engine.Find("everyone"));
    }

    [Fact]
    public async Task PreviewAsync_WithAFlaw_ReturnsSourceAndWarningAndStoresNothing()
    {
        var preview = await _db.Engine.PreviewAsync(Documents.Json("nobody", Group("and", Field("age", "greater", 30), Field("age", "less", 20))));

        Assert.Contains("age", preview.Source.Text);
        Assert.Equal(LintRules.NeverTrue, Assert.Single(preview.Warnings).Rule);
        Assert.Null(_db.Engine.Find("nobody"));
    }

    public void Dispose() => _db.Dispose();
}
