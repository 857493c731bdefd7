using RulePlugins.Engine.Insight.Lint;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>Lint over weblayers: a popup or form with no rows at all is warned about; one with rows is not.</summary>
public sealed class LintTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    private IReadOnlyList<LintWarning> Lint(string type, Params parameters) => _bed.Engine.Lint(Documents.Single("lint", type, parameters.ToObject()));

    [Fact]
    public void Lint_PopupWithNoEventsAtAll_WarnsThatTheConditionReadsNothing()
    {
        _bed.Event(1, "spin-wheel", PopupEvents.Opened, _bed.NowMs() - Day);

        var warning = Assert.Single(Lint(Popup, OfPopup("exit-intent", PopupEvents.Opened, "exists")));

        Assert.Equal(LintRules.EntityWithoutData, warning.Rule);
        Assert.Equal("rules.items[0]", warning.Path);
        Assert.EndsWith(": popup \"exit-intent\" has no rows in popup_events at all, so the condition reads nothing for any profile.", warning.Message);
    }

    [Fact]
    public void Lint_PopupWithEventsOfAnotherKind_HasNoWarning()
    {
        _bed.Event(1, "spin-wheel", PopupEvents.Closed, _bed.NowMs() - (90 * Day));

        Assert.Empty(Lint(Popup, OfPopup("spin-wheel", PopupEvents.Opened, "exists")));
    }

    [Fact]
    public void Lint_FormNeverFilled_Warns()
    {
        _bed.Fill(1, "newsletter", _bed.NowMs() - Day);

        Assert.Equal(LintRules.EntityWithoutData, Assert.Single(Lint(Form, OfForm("contact-us", "exists"))).Rule);
        Assert.Empty(Lint(Form, OfForm("newsletter", "exists")));
    }

    public void Dispose() => _bed.Dispose();
}
