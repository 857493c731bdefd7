using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// Programs, promo actions and point types are entity parameters: an unknown id is refused at save with its path and the
/// known (or closest) ids with their names, and nothing is stored; the catalogue lists the ids with their names.
/// </summary>
public sealed class ChoiceTests : IDisposable
{
    private readonly LoyaltyBed _bed = new();

    private ValidationError RefusedSingle(string type, Params parameters)
    {
        var errors = Assert.Throws<SegmentValidationException>(() => _bed.Kit.Engine.Save(Documents.Single("refused", type, parameters.ToObject()))).Errors;
        Assert.Empty(_bed.Kit.Engine.Segments());
        return Assert.Single(errors);
    }

    [Fact]
    public void Save_UnknownProgram_IsRefusedWithTheKnownProgramsAndStoresNothing()
    {
        var error = RefusedSingle("loyalty.balance", LoyaltyBed.Balance("active", "greater", 10, program: "bonus-clb"));

        Assert.Equal("rules.items[0].params.program", error.Path);
        Assert.Equal("\"bonus-clb\" is not a known loyalty program; known: bonus-club (Bonus Club), premium (Premium Rewards)", error.Message);
    }

    [Fact]
    public void Save_PromoActionNamedByItsName_IsRefusedNamingItsId()
    {
        var error = RefusedSingle("loyalty.expiring", Params.Operator("greater").With("program", "bonus-club").With("value", 0).With("next_days", 7).With("promo_action", "Double points weekend"));

        Assert.Equal("rules.items[0].params.promo_action", error.Path);
        Assert.Contains("\"double-points\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_UnknownPointTypeAmongManyPromoActions_IsRefusedWithTheClosest()
    {
        foreach (var i in Enumerable.Range(1, 15))
        {
            _bed.Kit.Insert(LoyaltyTables.PromoActions, 0, new PromoActionRow { Id = $"summer-{i:D2}", ProgramId = "bonus-club", Name = $"Summer week {i}" });
        }

        var action = RefusedSingle("loyalty.accrued", Params.Operator("greater").With("program", "bonus-club").With("value", 0).With("promo_action", "sumer-03"));
        var type = RefusedSingle("loyalty.balance", LoyaltyBed.Balance("final", "greater", 0).With("point_type", "bonuss"));

        Assert.Equal("rules.items[0].params.promo_action", action.Path);
        Assert.StartsWith("\"sumer-03\" is not a known promo action; the closest: summer-03 (Summer week 3)", action.Message, StringComparison.Ordinal);
        Assert.Equal("rules.items[0].params.point_type", type.Path);
        Assert.StartsWith("\"bonuss\" is not a known point type; known: bonus (Bonus points)", type.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ProgramInOtherCaseWithSpaces_IsTheProgramAsTheTableSpellsIt()
    {
        _bed.Kit.AddProfiles(1);
        _bed.Accrue(1, "bonus-club", 100, _bed.Now - LoyaltyBed.Day);

        var saved = _bed.Kit.Engine.Save(Documents.Single("case", "loyalty.balance", LoyaltyBed.Balance("final", "equals", 100, program: " BONUS-Club ").ToObject()));
        _bed.Kit.Engine.Recalculate(saved.Id);

        Assert.Contains("\"bonus-club\"", saved.Source.Text, StringComparison.Ordinal);
        Assert.Equal([1L], _bed.Kit.Engine.Members(saved.Id));
    }

    [Theory]
    [InlineData("loyalty.participation", "program", "bonus-club", "Bonus Club")]
    [InlineData("loyalty.expiring", "promo_action", "double-points", "Double points weekend")]
    [InlineData("loyalty.balance", "point_type", "promo", "Promo points")]
    public void FindChoices_EntityParameter_ListsTheIdsWithTheirNames(string type, string parameter, string id, string name)
    {
        var page = _bed.Kit.Engine.FindChoices(type, parameter, search: null, limit: 100);

        Assert.Contains(new Sdk.Conditions.DataChoice(id, name), page.Values);
    }

    public void Dispose() => _bed.Dispose();
}
