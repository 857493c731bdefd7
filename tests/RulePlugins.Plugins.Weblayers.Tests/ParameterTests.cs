using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// The element and event_name rule (each required for its own event, refused for the six others, with the parameter's
/// path and the event it applies to), blank names, and the window and count parameters the popup and form conditions
/// refuse. A refused document changes nothing.
/// </summary>
public sealed class ParameterTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    private ValidationError Refused(Params parameters)
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Documents.Single("refused", Popup, parameters.ToObject()))).Errors);
        Assert.Empty(_bed.Engine.Segments());
        return error;
    }

    public static TheoryData<string> EventsWithoutElement() => [.. PopupEvents.All.Where(e => e != PopupEvents.ElementClick)];

    public static TheoryData<string> EventsWithoutEventName() => [.. PopupEvents.All.Where(e => e != PopupEvents.CustomEvent)];

    [Theory]
    [MemberData(nameof(EventsWithoutElement))]
    public void Save_ElementForAnotherEvent_IsRefusedNamingTheParameterAndElementClick(string ev)
    {
        var error = Refused(OfPopup("spin-wheel", ev, "exists").With("element", "cta-button"));

        Assert.Equal("rules.items[0].params.element", error.Path);
        Assert.Equal($"is not used when event is '{ev}'; it applies only when event is 'element_click'", error.Message);
    }

    [Theory]
    [MemberData(nameof(EventsWithoutEventName))]
    public void Save_EventNameForAnotherEvent_IsRefusedNamingTheParameterAndCustomEvent(string ev)
    {
        var error = Refused(OfPopup("spin-wheel", ev, "exists").With("event_name", "wheel-spin"));

        Assert.Equal("rules.items[0].params.event_name", error.Path);
        Assert.Equal($"is not used when event is '{ev}'; it applies only when event is 'custom_event'", error.Message);
    }

    [Theory]
    [InlineData(PopupEvents.ElementClick, "element")]
    [InlineData(PopupEvents.CustomEvent, "event_name")]
    public void Save_ElementOrEventNameLeftOutForItsEvent_IsRefusedAsRequired(string ev, string parameter)
    {
        var error = Refused(OfPopup("spin-wheel", ev, "exists").Without(parameter));

        Assert.Equal($"rules.items[0].params.{parameter}", error.Path);
        Assert.StartsWith($"is required when event is '{ev}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PopupEvents.ElementClick, "element", "")]
    [InlineData(PopupEvents.ElementClick, "element", "   ")]
    [InlineData(PopupEvents.CustomEvent, "event_name", " ")]
    public void Save_BlankElementOrEventName_IsRefused(string ev, string parameter, string value)
    {
        var error = Refused(OfPopup("spin-wheel", ev, "exists").With(parameter, value));

        Assert.Equal($"rules.items[0].params.{parameter}", error.Path);
    }

    [Fact]
    public void Save_ElementClickAndCustomEventWithOtherNameToo_RefusesOnlyTheOneNotUsed()
    {
        var error = Refused(OfPopup("spin-wheel", PopupEvents.ElementClick, "exists").With("event_name", "wheel-spin"));

        Assert.Equal("rules.items[0].params.event_name", error.Path);
    }

    [Fact]
    public void Save_UnknownEvent_IsRefusedListingTheSevenEvents()
    {
        var error = Refused(Params.Operator("exists").With("popup", "spin-wheel").With("event", "shown"));

        Assert.Equal("rules.items[0].params.event", error.Path);
        foreach (var ev in PopupEvents.All)
        {
            Assert.Contains(ev, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Save_NextDays_IsNotAPopupParameter()
    {
        var error = Refused(OfPopup("spin-wheel", PopupEvents.Opened, "exists").With("next_days", 7));

        Assert.Equal("rules.items[0].params.next_days", error.Path);
    }

    [Fact]
    public void Save_LastDaysAndPeriodTogether_IsRefused()
    {
        var error = Refused(OfPopup("spin-wheel", PopupEvents.Opened, "at_least").With("times", 2).With("last_days", 7).With("from", "2026-01-01"));

        Assert.Equal("rules.items[0].params.last_days", error.Path);
    }

    [Fact]
    public void Save_AtLeastWithoutTimes_IsRefusedAsRequired()
    {
        var error = Refused(OfPopup("spin-wheel", PopupEvents.Opened, "at_least").With("last_days", 7));

        Assert.Equal("rules.items[0].params.times", error.Path);
    }

    [Theory]
    [InlineData("at_least")]
    [InlineData("not_exists")]
    public void Save_FormOperatorOutsideExistsAndNotOnce_IsRefused(string op)
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Documents.Single("form", Form, OfForm("newsletter", op).With("times", 2).ToObject()))).Errors);

        Assert.Equal("rules.items[0].params.operator", error.Path);
        Assert.Contains("exists", error.Message, StringComparison.Ordinal);
        Assert.Contains("not_once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_FormNotOnceWithTimes_IsRefused()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Documents.Single("form", Form, OfForm("newsletter", "not_once").With("times", 2).ToObject()))).Errors);

        Assert.Equal("rules.items[0].params.times", error.Path);
        Assert.Empty(_bed.Engine.Segments());
    }

    public void Dispose() => _bed.Dispose();
}
