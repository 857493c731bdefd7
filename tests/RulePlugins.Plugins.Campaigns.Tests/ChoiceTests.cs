using Dapper;
using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.Campaigns.Data;
using RulePlugins.Plugins.Campaigns.Reference;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Campaigns.Tests.CampaignsBed;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// The campaign and group parameters take their values from the reference tables: an unknown id is refused at save at
/// its parameter with the known ids, an id in other case is the id as the data spells it, the choices carry the names
/// a rule builder shows, and renaming a campaign changes nothing saved.
/// </summary>
public sealed class ChoiceTests : IDisposable
{
    private readonly CampaignsBed _db = new();

    private ParameterDefinition Parameter(SpellKind kind)
    {
        Assert.True(_db.Bed.Engine.Catalog.TryGetConditionType(kind.Type, out var registration));
        return registration.Type.Parameters.Single(p => p.Name == kind.Parameter);
    }

    [Theory]
    [InlineData("campaign", "sprnig", "\"sprnig\" is not a known campaign; known: autumn (Autumn sale), spring (Spring sale)")]
    [InlineData("group", "spring-lgc", "\"spring-lgc\" is not a known group; known: autumn-lcg (Autumn sale: local control group), spring-lcg (Spring sale: local control group), spring-test-a (Spring sale, variant A: test group), spring-test-b (Spring sale, variant B: test group)")]
    public void Save_UnknownId_IsRefusedAtItsParameterWithTheKnownIdsAndNamesAndStoresNothing(string kind, string id, string message)
    {
        var spellKind = SpellKind.Named(kind);
        var document = Documents.Single("unknown", spellKind.Type, On(spellKind, id, """{"operator": "currently_in"}""").ToObject());

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Bed.Engine.Save(document)).Errors);

        Assert.Equal($"rules.items[0].params.{spellKind.Parameter}", error.Path);
        Assert.Equal(message, error.Message);
        Assert.Empty(_db.Bed.Engine.Segments());
    }

    [Theory]
    [InlineData("campaign", " SPRING ", "spring")]
    [InlineData("group", "Spring-LCG\n", "spring-lcg")]
    public void Save_IdInOtherCaseWithWhiteSpace_IsTheIdAsTheDataSpellsIt(string kind, string given, string stored)
    {
        var spellKind = SpellKind.Named(kind);
        _db.AddProfiles(2);
        _db.AddSpells(spellKind, [new(1, stored, Now.AddDays(-1), null)]);

        var saved = _db.Bed.Engine.Save(Documents.Single("case", spellKind.Type, On(spellKind, given, """{"operator": "currently_in"}""").ToObject()));
        _db.Bed.Engine.Recalculate("case");

        Assert.Contains($"\"{stored}\")", saved.Source.Text, StringComparison.Ordinal);
        Assert.Equal([1L], _db.Bed.Engine.Members("case"));
    }

    [Fact]
    public void Choices_BothParameters_ListTheIdsOfTheReferenceTablesOrdered()
    {
        Assert.Equal(["autumn", "spring"], _db.Bed.Engine.Choices(Parameter(SpellKind.Campaign)));
        Assert.Equal(["autumn-lcg", "spring-lcg", "spring-test-a", "spring-test-b"], _db.Bed.Engine.Choices(Parameter(SpellKind.Group)));
    }

    [Fact]
    public void ChoicesFrom_Groups_NameTheCampaignAndTheKind()
    {
        var choices = _db.Bed.Engine.FindChoices("campaigns.group", "group").Values.OrderBy(c => c.Value, StringComparer.Ordinal);

        Assert.Equal(
            [
                new DataChoice("autumn-lcg", "Autumn sale: local control group"),
                new DataChoice("spring-lcg", "Spring sale: local control group"),
                new DataChoice("spring-test-a", "Spring sale, variant A: test group"),
                new DataChoice("spring-test-b", "Spring sale, variant B: test group"),
            ],
            choices);
    }

    [Fact]
    public void Recalculate_CampaignRenamedAfterSave_KeepsItsMembersAndTheChoiceShowsTheNewName()
    {
        _db.AddProfiles(3);
        _db.AddSpells(SpellKind.Campaign, [new(1, "spring", Now.AddDays(-3), null), new(2, "autumn", Now.AddDays(-3), null)]);
        _db.Bed.Engine.Save(Documents.Single("spring-now", "campaigns.participation", On(SpellKind.Campaign, """{"operator": "currently_in"}""").ToObject()));
        _db.Bed.Engine.Recalculate("spring-now");
        var before = _db.Bed.Engine.Members("spring-now");

        _db.Bed.Database.Execute("UPDATE campaigns SET name = 'Spring sale 2026' WHERE id = 'spring'");
        var restarted = _db.Bed.Database.NewEngine();
        restarted.Recalculate("spring-now");
        var resaved = restarted.Save(Documents.Single("spring-again", "campaigns.participation", On(SpellKind.Campaign, """{"operator": "currently_in"}""").ToObject()));
        var choices = restarted.FindChoices("campaigns.participation", "campaign").Values;

        Assert.Equal([1L], before);
        Assert.Equal([1L], restarted.Members("spring-now"));
        Assert.Equal(1, resaved.Version);
        Assert.Contains(new DataChoice("spring", "Spring sale 2026"), choices);
    }

    public void Dispose() => _db.Dispose();
}
