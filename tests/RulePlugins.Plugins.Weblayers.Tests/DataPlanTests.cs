using RulePlugins.Plugins.Weblayers.Conditions;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// What popup and form conditions declare and what their segments load: only the columns the event needs (the element
/// name only for element clicks, the event name only for custom events), and only rows up to now, or within a period's own days.
/// </summary>
public sealed class DataPlanTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    public static TheoryData<string, string[]> Declared() => new()
    {
        { PopupEvents.Opened, ["event", "occurred_at", "popup_id"] },
        { PopupEvents.Target, ["event", "occurred_at", "popup_id"] },
        { PopupEvents.ElementClick, ["element_name", "event", "occurred_at", "popup_id"] },
        { PopupEvents.CustomEvent, ["event", "event_name", "occurred_at", "popup_id"] },
    };

    [Theory]
    [MemberData(nameof(Declared))]
    public void Plan_PopupEvent_LoadsOnlyItsColumnsUpToNow(string ev, string[] columns)
    {
        _bed.Engine.Save(Documents.Single("plan", Popup, OfPopup("spin-wheel", ev, "exists").ToObject()));

        var table = Assert.Single(_bed.Engine.GetPlan("plan").Tables);

        Assert.Equal("popup_events", table.Table.Name);
        Assert.Equal(columns, table.Columns.Order(StringComparer.Ordinal));
        Assert.Equal("occurred_at", table.WindowColumn);
        Assert.Equal(((long?)null, (long?)_bed.NowMs()), table.Resolve(new EvaluationClock(_bed.NowMs())));
    }

    [Fact]
    public void Plan_LastDays_LoadsFromNowMinusTheDaysToNow()
    {
        _bed.Engine.Save(Documents.Single("plan", Popup, OfPopup("spin-wheel", PopupEvents.Closed, "at_least").With("times", 2).With("last_days", 14).ToObject()));

        var table = Assert.Single(_bed.Engine.GetPlan("plan").Tables);

        Assert.Equal(((long?)_bed.NowMs() - 14 * Day, (long?)_bed.NowMs()), table.Resolve(new EvaluationClock(_bed.NowMs())));
    }

    [Fact]
    public void GetDataRequirements_PeriodEndingAfterNow_LoadsThePeriodAndCountsOnlyUpToNow()
    {
        var arguments = new Sdk.Conditions.ConditionArguments(new Dictionary<string, object>
        {
            ["form"] = "newsletter",
            ["operator"] = "exists",
            ["from"] = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
            ["to"] = new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero),
        });

        var requirement = Assert.Single(new FormCondition().GetDataRequirements(arguments));
        _bed.Engine.Save(Documents.Single("plan", Form, OfForm("newsletter", "exists").With("from", "2026-06-01").With("to", "2026-12-31").ToObject()));

        // The period's own days bound the rows loaded; the generated window stops at now, so a fill dated after now in
        // the period does not count (PopupOperatorTests.Members_PeriodReachingPastNow_DoesNotCountTheEventAfterNow).
        Assert.Equal(["filled_at", "form_id"], requirement.Columns.Order(StringComparer.Ordinal));
        Assert.Equal(TimeWindow.Days("filled_at", new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)), requirement.Window);
        var source = _bed.Engine.GetSource("plan");
        Assert.True(source.Contains(".NotAfter(", StringComparison.Ordinal), source);
    }

    [Fact]
    public void Plan_PopupAndFormConditions_ReadTheirOwnTableEach()
    {
        _bed.Engine.Save(Documents.Json("plan", new
        {
            op = "or",
            items = new object[]
            {
                new { type = Popup, @params = OfPopup("spin-wheel", PopupEvents.ElementClick, "exists").ToObject() },
                new { type = Popup, @params = OfPopup("spin-wheel", PopupEvents.CustomEvent, "not_once").With("last_days", 3).ToObject() },
                new { type = Form, @params = OfForm("newsletter", "exists").ToObject() },
            },
        }));

        var tables = _bed.Engine.GetPlan("plan").Tables.ToDictionary(t => t.Table.Name);

        Assert.Equal(["element_name", "event", "event_name", "occurred_at", "popup_id"], tables["popup_events"].Columns.Order(StringComparer.Ordinal));
        Assert.Equal(["filled_at", "form_id"], tables["form_fills"].Columns.Order(StringComparer.Ordinal));
        Assert.Equal(((long?)null, (long?)_bed.NowMs()), tables["popup_events"].Resolve(new EvaluationClock(_bed.NowMs())));
    }

    public void Dispose() => _bed.Dispose();
}
