using RulePlugins.Engine.Insight.Lint;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>Lint over campaigns and groups: an entity with no spells at all is warned about, for both condition types.</summary>
public sealed class LintTests : IDisposable
{
    private readonly CampaignsBed _bed = new();

    [Theory]
    [InlineData("campaign")]
    [InlineData("group")]
    public void Lint_EntityWithoutSpells_WarnsAndOneWithSpellsDoesNot(string kind)
    {
        var spellKind = SpellKind.Named(kind);
        _bed.AddProfiles(1);
        _bed.AddSpells(spellKind, [new TestSpell(1, spellKind.Ours, CampaignsBed.Now.AddDays(-3), null)]);

        var ours = _bed.Bed.Engine.Lint(Documents.Single("lint", spellKind.Type, Params.Operator("currently_in").With(spellKind.Parameter, spellKind.Ours).ToObject()));
        var other = _bed.Bed.Engine.Lint(Documents.Single("lint", spellKind.Type, Params.Operator("currently_in").With(spellKind.Parameter, spellKind.Other).ToObject()));

        Assert.Empty(ours);
        var warning = Assert.Single(other);
        Assert.Equal(LintRules.EntityWithoutData, warning.Rule);
        Assert.Contains($"\"{spellKind.Other}\" has no rows in {spellKind.Table} at all", warning.Message);
    }

    public void Dispose() => _bed.Dispose();
}
