using RulePlugins.Sdk.Operators;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>How both condition types read in the catalogue and in the generated source.</summary>
public sealed class DescriptionTests : IDisposable
{
    private readonly CampaignsBed _db = new();

    [Theory]
    [InlineData("campaigns.participation", "in the campaign itself")]
    [InlineData("campaigns.group", "local control group (LCG) or test group")]
    public void Catalogue_Description_NamesEveryOperatorAndTheEdges(string type, string what)
    {
        Assert.True(_db.Bed.Engine.Catalog.TryGetConditionType(type, out var registration));
        var description = registration.Type.Description;

        Assert.Contains(what, description, StringComparison.Ordinal);
        Assert.EndsWith(MembershipHistoryOperators.Edges, description, StringComparison.Ordinal);
        Assert.All(MembershipHistoryOperators.All, op => Assert.Contains(op + ":", description, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("campaign", """{"operator": "currently_in"}""", "currently in campaign \"spring\"")]
    [InlineData("campaign", """{"operator": "entered_times_last_days", "times": 2, "last_days": 30}""", "entered campaign \"spring\" at least 2 times in the last 30 days")]
    [InlineData("campaign", """{"operator": "no_longer_in"}""", "currently not in campaign \"spring\", but entered it before")]
    [InlineData("group", """{"operator": "not_entered_in_period", "from": "2026-01-01", "to": "2026-01-31"}""", "did not enter group \"spring-lcg\" between 2026-01-01 and 2026-01-31 (both included)")]
    [InlineData("group", """{"operator": "never_entered"}""", "never entered group \"spring-lcg\"")]
    public void Generate_Condition_DescribesItInWords(string kind, string parameters, string expected)
    {
        var spellKind = SpellKind.Named(kind);

        var source = _db.Bed.Engine.Generate(Documents.Single("words", spellKind.Type, CampaignsBed.On(spellKind, parameters).ToObject())).Text;

        Assert.Contains($"//   rules.items[0]: {expected}\n", source, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
