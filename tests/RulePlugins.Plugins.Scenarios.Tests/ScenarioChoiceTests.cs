using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.Scenarios.Conditions;
using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Scenarios.Tests.ScenarioBed;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>
/// The scenario parameter takes the ids of the scenarios table: an unknown id is refused at save with its path and the
/// known ids; documents store the id, so renaming a scenario changes no saved segment.
/// </summary>
public sealed class ScenarioChoiceTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    private static string Document(string id, string scenario, string op = "currently_in") =>
        Documents.Json(id, new { op = "and", items = new object[] { new { type = "profile.city", @params = new { @operator = "is_not_empty" } }, new { type = Participation, @params = Of(scenario, op).ToObject() } } });

    [Fact]
    public void Save_UnknownScenario_IsRefusedAtItsPathWithTheKnownScenariosAndChangesNothing()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Document("typo", "welcom"))).Errors);

        Assert.Equal("rules.items[1].params.scenario", error.Path);
        Assert.StartsWith("\"welcom\" is not a known scenario; known: ", error.Message, StringComparison.Ordinal);
        foreach (var (id, _) in KnownScenarios)
        {
            Assert.Contains(id, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_bed.Engine.Segments());
    }

    [Fact]
    public void Save_ScenarioInOtherCaseWithSpaces_IsTheScenarioAsTheTableSpellsIt()
    {
        _bed.AddProfiles(1);
        _bed.Run(1, "welcome", _bed.NowMs() - Day);

        var saved = _bed.Engine.Save(Documents.Single("case", Participation, Of(" WELCOME ", "currently_in").ToObject()));
        _bed.Engine.Recalculate(saved.Id);

        Assert.Contains("\"welcome\")", saved.Source.Text, StringComparison.Ordinal);
        Assert.Equal([1L], _bed.Engine.Members(saved.Id));
    }

    [Fact]
    public void Save_ScenarioAddedToTheTableAfterItWasRead_IsAccepted()
    {
        Assert.NotEmpty(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Document("later", "birthday"))).Errors);
        _bed.Insert(ScenarioTables.Scenarios, 0, new ScenarioRow { Id = "birthday", Name = "Birthday greetings" });

        Assert.Equal(1, _bed.Engine.Save(Document("later", "birthday")).Version);
    }

    [Fact]
    public void Recalculate_ScenarioRenamedAfterTheSave_KeepsTheSegmentAndItsMembers()
    {
        _bed.Database.AddProfiles(new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Kazan" }, new ProfileData(3) { City = "Kazan" });
        _bed.Run(1, "discount-10", _bed.NowMs() - Day);
        _bed.Run(2, "discount-10", _bed.NowMs() - 3 * Day, _bed.NowMs() - 2 * Day, RunOutcomes.Completed);
        _bed.Engine.Save(Document("discount", "discount-10"));
        _bed.Engine.Recalculate("discount");
        Assert.Equal([1L], _bed.Engine.Members("discount"));

        _bed.Database.Execute("UPDATE scenarios SET name = 'Spring discount 10%' WHERE id = 'discount-10'");
        using var restarted = _bed.Database.NewEngine();
        restarted.Recalculate("discount");

        Assert.Equal("ready", restarted.Find("discount")!.Status);
        Assert.Equal([1L], restarted.Members("discount"));
        // The document still names the scenario by its id, and saving it again is accepted.
        Assert.Equal(2, restarted.Save(Document("discount", "discount-10", "completed")).Version);
        restarted.Recalculate("discount");
        Assert.Equal([2L], restarted.Members("discount"));
    }

    [Fact]
    public void FindChoices_RowsWithSpacesRepeatsNoNameOrBlankId_ListsEachScenarioOnceNamedByItsRowOrItsId()
    {
        foreach (var (id, name) in new (string?, string?)[] { (" win-back ", " Win-back "), ("WELCOME", "Duplicate"), ("nps", null), ("  ", "No id") })
        {
            _bed.Insert(ScenarioTables.Scenarios, 0, new ScenarioRow { Id = id, Name = name });
        }

        var page = _bed.Engine.FindChoices("scenarios.participation", "scenario", search: null, limit: 1000);

        Assert.Contains(new DataChoice("win-back", "Win-back"), page.Values);
        Assert.Contains(new DataChoice("nps", "nps"), page.Values);
        Assert.Single(page.Values, v => v.Value.Equals("welcome", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(page.Values, v => string.IsNullOrWhiteSpace(v.Value) || v.Name == "No id");
        Assert.Equal("scenario", page.Noun);
    }

    public void Dispose() => _bed.Dispose();
}
