using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.PopupLayouts;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// Every popup event with every selection condition of the seed (exists, does not exist, at least N times in a period,
/// not once in a period, at least N times in the last X days, not once in the last X days) on the profiles of
/// <see cref="PopupLayouts.Layout"/>, whose answers are known by hand. Each check also runs the kit's column check,
/// which recalculates with every column of popup_events loaded and fails when the answer changes.
/// </summary>
public sealed class PopupOperatorTests(PopupLayouts layouts) : IClassFixture<PopupLayouts>
{
    /// <summary>The seed's six selection conditions (and N = 1 variants of the counted ones), with the profiles each selects.</summary>
    public static readonly IReadOnlyList<(string Name, Func<PluginTestBed, Params, Params> Parameters, long[] Expected)> Selections =
    [
        // Exists: 2, 3, 4, 6..9 have one event at or before now, 13 and 14 several; 5's is after now.
        ("exists", (_, p) => p.With("operator", "exists"), [2, 3, 4, 6, 7, 8, 9, 13, 14]),
        ("does not exist (not_once)", (_, p) => p.With("operator", "not_once"), [1, 5, 10, 11, 12]),
        ("does not exist (not_exists)", (_, p) => p.With("operator", "not_exists"), [1, 5, 10, 11, 12]),
        ("at least 3 in period", (b, p) => p.With("operator", "at_least").With("times", 3).With("from", b.DayOf(PeriodFirstDaysAgo)).With("to", b.DayOf(PeriodLastDaysAgo)), [14]),
        ("at least 1 in period", (b, p) => p.With("operator", "at_least").With("times", 1).With("from", b.DayOf(PeriodFirstDaysAgo)).With("to", b.DayOf(PeriodLastDaysAgo)), [6, 7, 14]),
        ("not once in period", (b, p) => p.With("operator", "not_once").With("from", b.DayOf(PeriodFirstDaysAgo)).With("to", b.DayOf(PeriodLastDaysAgo)), [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13]),
        ("at least 3 in the last 7 days", (_, p) => p.With("operator", "at_least").With("times", 3).With("last_days", 7), [13]),
        ("at least 1 in the last 7 days", (_, p) => p.With("operator", "at_least").With("times", 1).With("last_days", 7), [2, 4, 13, 14]),
        ("not once in the last 7 days", (_, p) => p.With("operator", "not_once").With("last_days", 7), [1, 3, 5, 6, 7, 8, 9, 10, 11, 12]),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var ev in PopupEvents.All)
        {
            foreach (var selection in Selections)
            {
                data.Add(ev, selection.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_EventAndSelectionCondition_SelectTheProfilesWhoseEventsSaySo(string ev, string selection)
    {
        var bed = layouts.For(ev);
        var (_, parameters, expected) = Selections.Single(s => s.Name == selection);

        bed.AssertMembers(Popup, parameters(bed, OfPopup("spin-wheel", ev, "exists")), expected);
    }

    [Theory]
    [InlineData(PopupEvents.Opened)]
    [InlineData(PopupEvents.ElementClick)]
    public void Explain_CountedInTheLast7DaysAndInThePeriod_ShowsTheEventsCounted(string ev)
    {
        var bed = layouts.For(ev);
        long[] profiles = [1, 2, 3, 4, 5, 10, 11, 12, 13, 14];

        var lastDays = bed.ExplainedValues(Popup, OfPopup("spin-wheel", ev, "at_least").With("times", 3).With("last_days", 7), profiles);
        var period = bed.ExplainedValues(Popup, OfPopup("spin-wheel", ev, "not_once").With("from", bed.DayOf(PeriodFirstDaysAgo)).With("to", bed.DayOf(PeriodLastDaysAgo)), [6, 7, 8, 9, 14]);

        Assert.Equal(["0", "1", "0", "1", "0", "0", "0", "0", "3", "1"], lastDays);
        Assert.Equal(["1", "1", "0", "0", "3"], period);
    }

    [Theory]
    [InlineData(PopupEvents.Opened)]
    [InlineData(PopupEvents.ElementClick)]
    [InlineData(PopupEvents.CustomEvent)]
    public void Members_PeriodReachingPastNow_DoesNotCountTheEventAfterNow(string ev)
    {
        var bed = layouts.For(ev);
        var tomorrow = DateOnly.FromDateTime(bed.Now.UtcDateTime.Date.AddDays(2));

        // Profile 5's event, one millisecond after now, is inside both periods but has not happened.
        bed.AssertMembers(Popup, OfPopup("spin-wheel", ev, "exists").With("from", bed.DayOf(1)).With("to", tomorrow), 4, 13, 14);
        bed.AssertMembers(Popup, OfPopup("spin-wheel", ev, "exists").With("from", bed.DayOf(1)), 4, 13, 14);
        bed.AssertMembers(Popup, OfPopup("spin-wheel", ev, "not_once").With("from", bed.DayOf(0)), [.. Enumerable.Range(1, 14).Select(i => (long)i).Except([4L])]);
    }

    [Fact]
    public void Members_ClockMovedPastTheFutureEvent_CountsItThen()
    {
        using var bed = Create();
        Layout(bed, PopupEvents.Filled);
        bed.Now = bed.Now.AddMilliseconds(1);

        bed.AssertMembers(Popup, OfPopup("spin-wheel", PopupEvents.Filled, "at_least").With("times", 1).With("last_days", 7), 4, 5, 13, 14);
    }
}
