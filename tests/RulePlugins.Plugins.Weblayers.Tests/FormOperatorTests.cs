using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// Every selection condition of the seed's forms (filled, did not fill, filled in a period, did not fill in a period,
/// filled in the last X days) on fills of the newsletter form whose answer is known by hand, one situation per profile
/// (see the constructor), with the kit's column check on each.
/// </summary>
public sealed class FormOperatorTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    public FormOperatorTests()
    {
        var now = _bed.NowMs();
        var first = _bed.DayStart(30);
        var last = _bed.DayEnd(20);
        _bed.AddProfiles([.. Enumerable.Range(1, 13).Select(i => (long)i)]);
        // 1: no fills. 2: exactly now − 7 days. 3: one millisecond before. 4: at now. 5: one millisecond after now.
        _bed.Fill(2, "newsletter", now - 7 * Day);
        _bed.Fill(3, "newsletter", now - 7 * Day - 1);
        _bed.Fill(4, "newsletter", now);
        _bed.Fill(5, "newsletter", now + 1);
        // 6: the period's first millisecond. 7: its last. 8: one millisecond before it. 9: one after it.
        _bed.Fill(6, "newsletter", first);
        _bed.Fill(7, "newsletter", last);
        _bed.Fill(8, "newsletter", first - 1);
        _bed.Fill(9, "newsletter", last + 1);
        // 10: another form yesterday. 11: a form whose id only starts the same, yesterday.
        _bed.Fill(10, "contact-us", now - Day);
        _bed.Fill(11, "newsletter-2", now - Day);
        // 12: the id in another case with spaces, three times in the last three days.
        for (var i = 1; i <= 3; i++)
        {
            _bed.Fill(12, " NewsLetter ", now - i * Day);
        }

        // 13: twice in the period and once yesterday.
        _bed.Fill(13, "newsletter", first + Day);
        _bed.Fill(13, "newsletter", last - Day);
        _bed.Fill(13, "newsletter", now - Day);
    }

    private Params Period(string op) => OfForm("newsletter", op).With("from", _bed.DayOf(30)).With("to", _bed.DayOf(20));

    [Fact]
    public void Members_Filled_SelectsProfilesWithAFillAtOrBeforeNow() =>
        _bed.AssertMembers(Form, OfForm("newsletter", "exists"), 2, 3, 4, 6, 7, 8, 9, 12, 13);

    [Fact]
    public void Members_DidNotFill_SelectsProfilesWithoutAFillAtOrBeforeNow() =>
        _bed.AssertMembers(Form, OfForm("newsletter", "not_once"), 1, 5, 10, 11);

    [Fact]
    public void Members_FilledInPeriod_CountsItsFirstAndLastMillisecondOnly() =>
        _bed.AssertMembers(Form, Period("exists"), 6, 7, 13);

    [Fact]
    public void Members_DidNotFillInPeriod_SelectsEveryOtherProfile() =>
        _bed.AssertMembers(Form, Period("not_once"), 1, 2, 3, 4, 5, 8, 9, 10, 11, 12);

    [Fact]
    public void Members_FilledInTheLast7Days_CountsExactlyNowMinus7DaysAndNow() =>
        _bed.AssertMembers(Form, OfForm("newsletter", "exists").With("last_days", 7), 2, 4, 12, 13);

    [Fact]
    public void Members_FilledAtLeast3TimesInTheLast7Days_CountsEveryFill() =>
        _bed.AssertMembers(Form, OfForm("newsletter", "exists").With("times", 3).With("last_days", 7), 12);

    [Fact]
    public void Members_PeriodFromToday_DoesNotCountTheFillAfterNow() =>
        _bed.AssertMembers(Form, OfForm("newsletter", "exists").With("from", _bed.DayOf(0)), 4);

    [Fact]
    public void Explain_FilledInTheLast7DaysAndInThePeriod_ShowsTheFillsCounted()
    {
        var lastDays = _bed.ExplainedValues(Form, OfForm("newsletter", "exists").With("last_days", 7), 1, 2, 3, 4, 5, 10, 11, 12, 13);
        var period = _bed.ExplainedValues(Form, Period("not_once"), 6, 7, 8, 9, 13);

        Assert.Equal(["0", "1", "0", "1", "0", "0", "0", "3", "1"], lastDays);
        Assert.Equal(["1", "1", "0", "0", "2"], period);
    }

    public void Dispose() => _bed.Dispose();
}
