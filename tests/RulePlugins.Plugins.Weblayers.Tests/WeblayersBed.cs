using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// The author kit's test bed with the web layers plugin (and the profile fields plugin, for trees that mix both), a few
/// popups and forms, and helpers to insert events and fills relative to the bed's fixed now.
/// </summary>
public static class WeblayersBed
{
    /// <summary>The popup condition type.</summary>
    public const string Popup = "weblayers.popup";

    /// <summary>The form condition type.</summary>
    public const string Form = "weblayers.form";

    /// <summary>Milliseconds in a day.</summary>
    public const long Day = EvaluationClock.MillisecondsPerDay;

    /// <summary>The popups every bed starts with: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> KnownPopups =
    [
        ("spin-wheel", "Spin the wheel"),
        ("spin-wheel-2", "Spin the wheel, second try"),
        ("exit-intent", "Exit intent"),
        ("newsletter-popup", "Newsletter subscription"),
    ];

    /// <summary>The forms every bed starts with: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> KnownForms =
    [
        ("newsletter", "Newsletter signup"),
        ("newsletter-2", "Newsletter signup, footer"),
        ("contact-us", "Contact us"),
    ];

    /// <summary>A new bed with <see cref="KnownPopups"/> and <see cref="KnownForms"/> in the reference tables.</summary>
    public static PluginTestBed Create()
    {
        var bed = new PluginTestBed(new WeblayersPlugin(), new ProfileFieldsPlugin());
        foreach (var (id, name) in KnownPopups)
        {
            bed.Insert(WeblayersTables.Popups, 0, new PopupRow { Id = id, Name = name });
        }

        foreach (var (id, name) in KnownForms)
        {
            bed.Insert(WeblayersTables.Forms, 0, new FormRow { Id = id, Name = name });
        }

        return bed;
    }

    /// <summary>The bed's now in Unix milliseconds.</summary>
    public static long NowMs(this PluginTestBed bed) => bed.Now.ToUnixTimeMilliseconds();

    /// <summary>The first millisecond (UTC) of the day <paramref name="daysAgo"/> days before the bed's now.</summary>
    public static long DayStart(this PluginTestBed bed, int daysAgo) =>
        new DateTimeOffset(bed.Now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-daysAgo).ToUnixTimeMilliseconds();

    /// <summary>The last millisecond (UTC) of the day <paramref name="daysAgo"/> days before the bed's now.</summary>
    public static long DayEnd(this PluginTestBed bed, int daysAgo) => bed.DayStart(daysAgo) + Day - 1;

    /// <summary>The day <paramref name="daysAgo"/> days before the bed's now, as a period parameter writes it.</summary>
    public static DateOnly DayOf(this PluginTestBed bed, int daysAgo) => DateOnly.FromDateTime(bed.Now.UtcDateTime.Date.AddDays(-daysAgo));

    /// <summary>Inserts one popup event of <paramref name="profileId"/>.</summary>
    public static PluginTestBed Event(this PluginTestBed bed, long profileId, string popup, string ev, long at, string? element = null, string? eventName = null) =>
        bed.Insert(WeblayersTables.PopupEvents, profileId, new PopupEventRow { PopupId = popup, Event = ev, ElementName = element, EventName = eventName, OccurredAt = at });

    /// <summary>Inserts one form fill of <paramref name="profileId"/>.</summary>
    public static PluginTestBed Fill(this PluginTestBed bed, long profileId, string form, long at) =>
        bed.Insert(WeblayersTables.FormFills, profileId, new FormFillRow { FormId = form, FilledAt = at });

    /// <summary>
    /// The parameters of one popup condition for <paramref name="ev"/>, with the element <c>cta-button</c> for
    /// element_click and the event name <c>wheel-spin</c> for custom_event.
    /// </summary>
    public static Params OfPopup(string popup, string ev, string op)
    {
        var parameters = Params.Operator(op).With("popup", popup).With("event", ev);
        return ev switch
        {
            PopupEvents.ElementClick => parameters.With("element", "cta-button"),
            PopupEvents.CustomEvent => parameters.With("event_name", "wheel-spin"),
            _ => parameters,
        };
    }

    /// <summary>The parameters of one form condition.</summary>
    public static Params OfForm(string form, string op) => Params.Operator(op).With("form", form);
}
