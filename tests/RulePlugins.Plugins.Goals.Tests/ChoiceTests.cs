using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// The goal and pixel parameters take the ids of the goals and pixels tables: an unknown id is refused at save with its
/// path and the closest known ids; documents store the id, so renaming a goal changes no saved segment.
/// </summary>
public sealed class ChoiceTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    [Theory]
    [InlineData(Achieved)]
    [InlineData(Complex)]
    public void Save_UnknownGoal_IsRefusedAtItsPathWithSuggestionsAndChangesNothing(string type)
    {
        var parameters = (type == Complex ? Meets() : Counting("exists")).With("goal", "purchse");

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Documents.Single("typo", type, parameters.ToObject()))).Errors);

        Assert.Equal("rules.items[0].params.goal", error.Path);
        Assert.StartsWith("\"purchse\" is not a known goal", error.Message, StringComparison.Ordinal);
        Assert.Contains("purchase", error.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.Engine.Segments());
    }

    [Fact]
    public void Save_UnknownPixel_IsRefusedAtItsPathWithSuggestions()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(
            () => _bed.Engine.Save(Documents.Single("typo", Complex, Meets().With("pixel", "landnig").ToObject()))).Errors);

        Assert.Equal("rules.items[0].params.pixel", error.Path);
        Assert.StartsWith("\"landnig\" is not a known pixel", error.Message, StringComparison.Ordinal);
        Assert.Contains("landing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recalculate_GoalRenamedAfterTheSave_KeepsTheSegmentAndItsMembers()
    {
        _bed.AddProfiles(1, 2);
        _bed.Achieve(1, Goal("purchase", _bed.NowMs() - Day, 100));
        _bed.Achieve(2, Goal("signup", _bed.NowMs() - Day, 100));
        _bed.Engine.Save(Documents.Single("buyers", Achieved, Counting("exists").With("goal", "purchase").ToObject()));
        _bed.Engine.Recalculate("buyers");
        Assert.Equal([1L], _bed.Engine.Members("buyers"));

        _bed.Database.Execute("UPDATE goals SET name = 'Order placed' WHERE id = 'purchase'");
        using var restarted = _bed.Database.NewEngine();
        restarted.Recalculate("buyers");

        Assert.Equal("ready", restarted.Find("buyers")!.Status);
        Assert.Equal([1L], restarted.Members("buyers"));
        Assert.Contains(new DataChoice("purchase", "Order placed"), restarted.FindChoices(Achieved, "goal", search: null, limit: 100).Values);
        Assert.Equal(2, restarted.Save(Documents.Single("buyers", Achieved, Counting("not_once").With("goal", "purchase").ToObject())).Version);
    }

    [Fact]
    public void FindChoices_GoalsAndPixels_ListIdsWithNames()
    {
        var goals = _bed.Engine.FindChoices(Complex, "goal", search: null, limit: 100);
        var pixels = _bed.Engine.FindChoices(Achieved, "pixel", search: null, limit: 100);

        Assert.Equal("goal", goals.Noun);
        Assert.Equal(KnownGoals.Select(g => new DataChoice(g.Id, g.Name)).OrderBy(c => c.Value), goals.Values.OrderBy(c => c.Value));
        Assert.Equal("pixel", pixels.Noun);
        Assert.Contains(new DataChoice("app-ios", "iOS app"), pixels.Values);
    }

    [Fact]
    public void Save_GoalAddedToTheTableAfterItWasRead_IsAccepted()
    {
        var document = Documents.Single("later", Achieved, Counting("exists").With("goal", "webinar").ToObject());
        Assert.NotEmpty(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(document)).Errors);
        _bed.Insert(GoalTables.Goals, 0, new GoalRow { Id = "webinar", Name = "Webinar" });

        Assert.Equal(1, _bed.Engine.Save(document).Version);
    }

    public void Dispose() => _bed.Dispose();
}
