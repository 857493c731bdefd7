using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// The popup and form parameters take the ids of their reference tables: an unknown id is refused at save with its path
/// and the known ids; an id in another case is the id as the table spells it; documents store the id, so renaming a
/// popup or form changes no saved segment; the catalogue lists the choices with their names.
/// </summary>
public sealed class ChoiceTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    private static string Document(string id, string popup, string form) =>
        Documents.Json(id, new
        {
            op = "and",
            items = new object[]
            {
                new { type = Popup, @params = OfPopup(popup, PopupEvents.Filled, "exists").ToObject() },
                new { type = Form, @params = OfForm(form, "not_once").ToObject() },
            },
        });

    [Fact]
    public void Save_UnknownPopup_IsRefusedAtItsPathWithTheKnownPopupsAndChangesNothing()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Document("typo", "spin-weel", "newsletter"))).Errors);

        Assert.Equal("rules.items[0].params.popup", error.Path);
        Assert.StartsWith("\"spin-weel\" is not a known popup; known: ", error.Message, StringComparison.Ordinal);
        foreach (var (id, _) in KnownPopups)
        {
            Assert.Contains(id, error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_bed.Engine.Segments());
    }

    [Fact]
    public void Save_UnknownForm_IsRefusedAtItsPathWithTheKnownForms()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Document("typo", "spin-wheel", "newsleter"))).Errors);

        Assert.Equal("rules.items[1].params.form", error.Path);
        Assert.StartsWith("\"newsleter\" is not a known form; known: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("newsletter", error.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.Engine.Segments());
    }

    [Fact]
    public void Save_ManyPopups_RefusesAnUnknownOneWithTheClosest()
    {
        for (var i = 0; i < 60; i++)
        {
            _bed.Insert(WeblayersTables.Popups, 0, new PopupRow { Id = $"promo-{i:00}", Name = $"Promo {i}" });
        }

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Document("typo", "spin-wheal", "newsletter"))).Errors);

        Assert.Contains("the closest: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("spin-wheel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_PopupInOtherCaseWithSpaces_IsThePopupAsTheTableSpellsIt()
    {
        _bed.AddProfiles(1);
        _bed.Event(1, "spin-wheel", PopupEvents.Filled, _bed.NowMs() - Day);

        var saved = _bed.Engine.Save(Document("case", " SPIN-Wheel ", "NEWSLETTER"));
        _bed.Engine.Recalculate(saved.Id);

        Assert.Contains("\"spin-wheel\")", saved.Source.Text, StringComparison.Ordinal);
        Assert.Contains("\"newsletter\")", saved.Source.Text, StringComparison.Ordinal);
        Assert.Equal([1L], _bed.Engine.Members(saved.Id));
    }

    [Fact]
    public void Recalculate_PopupAndFormRenamedAfterTheSave_KeepsTheSegmentAndItsMembers()
    {
        _bed.AddProfiles(1, 2, 3);
        _bed.Event(1, "newsletter-popup", PopupEvents.Filled, _bed.NowMs() - Day);
        _bed.Event(2, "newsletter-popup", PopupEvents.Filled, _bed.NowMs() - 2 * Day);
        _bed.Fill(2, "newsletter", _bed.NowMs() - 2 * Day);
        _bed.Engine.Save(Document("popup-not-form", "newsletter-popup", "newsletter"));
        _bed.Engine.Recalculate("popup-not-form");
        Assert.Equal([1L], _bed.Engine.Members("popup-not-form"));

        _bed.Database.Execute("UPDATE popups SET name = 'Subscribe and get 5%' WHERE id = 'newsletter-popup'");
        _bed.Database.Execute("UPDATE forms SET name = 'Newsletter (new design)' WHERE id = 'newsletter'");
        using var restarted = _bed.Database.NewEngine();
        restarted.Recalculate("popup-not-form");

        Assert.Equal("ready", restarted.Find("popup-not-form")!.Status);
        Assert.Equal([1L], restarted.Members("popup-not-form"));
        // The document still names both by their ids, and saving a changed one is accepted.
        Assert.Equal(2, restarted.Save(Document("popup-not-form", "newsletter-popup", "contact-us")).Version);
        restarted.Recalculate("popup-not-form");
        Assert.Equal([1L, 2L], restarted.Members("popup-not-form"));
        Assert.Contains(restarted.FindChoices(Popup, "popup", search: null, limit: 100).Values, c => c == new DataChoice("newsletter-popup", "Subscribe and get 5%"));
    }

    [Fact]
    public void FindChoices_PopupsAndForms_ListEachWithItsName()
    {
        var popups = _bed.Engine.FindChoices(Popup, "popup", search: null, limit: 100);
        var forms = _bed.Engine.FindChoices(Form, "form", search: null, limit: 100);

        Assert.Equal(KnownPopups.Select(p => new DataChoice(p.Id, p.Name)).OrderBy(c => c.Value, StringComparer.Ordinal), popups.Values.OrderBy(c => c.Value, StringComparer.Ordinal));
        Assert.Equal(KnownForms.Select(f => new DataChoice(f.Id, f.Name)).OrderBy(c => c.Value, StringComparer.Ordinal), forms.Values.OrderBy(c => c.Value, StringComparer.Ordinal));
        Assert.Equal("popup", popups.Noun);
        Assert.Equal("form", forms.Noun);
    }

    public void Dispose() => _bed.Dispose();
}
