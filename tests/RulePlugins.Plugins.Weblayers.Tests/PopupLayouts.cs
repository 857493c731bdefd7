using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// One bed per popup event, each with the same fourteen profiles around the edges (see <see cref="Layout"/>), built once
/// for the operator tests. The period the tests ask about is the UTC days from <see cref="PeriodFirstDaysAgo"/> to
/// <see cref="PeriodLastDaysAgo"/> days before now.
/// </summary>
public sealed class PopupLayouts : IDisposable
{
    /// <summary>The period's first day, in days before now.</summary>
    public const int PeriodFirstDaysAgo = 30;

    /// <summary>The period's last day, in days before now.</summary>
    public const int PeriodLastDaysAgo = 20;

    private readonly Dictionary<string, PluginTestBed> _beds = new(StringComparer.Ordinal);

    /// <summary>The bed for <paramref name="ev"/>, built on first use.</summary>
    public PluginTestBed For(string ev)
    {
        if (!_beds.TryGetValue(ev, out var bed))
        {
            bed = Create();
            Layout(bed, ev);
            _beds[ev] = bed;
        }

        return bed;
    }

    /// <summary>
    /// Events of popup <c>spin-wheel</c> for <paramref name="ev"/> (element <c>cta-button</c>, event name
    /// <c>wheel-spin</c> where the event has one), one situation per profile:
    /// 1 none; 2 at exactly now − 7 days; 3 one millisecond before that; 4 at now; 5 one millisecond after now;
    /// 6 at the period's first millisecond; 7 at its last; 8 one millisecond before the period; 9 one after it;
    /// 10 three of another popup; 11 three of another event of the popup (with the element or event name still set);
    /// 12 three near misses (a popup id that only starts the same; for element and custom events the name in another case);
    /// 13 three in the last three days spelled differently (popup id and event in other case with spaces, the element or
    /// event name with spaces); 14 three in the period (first day, middle, last day) and one yesterday.
    /// </summary>
    public static void Layout(PluginTestBed bed, string ev)
    {
        var now = bed.NowMs();
        var first = bed.DayStart(PeriodFirstDaysAgo);
        var last = bed.DayEnd(PeriodLastDaysAgo);
        var element = ev == PopupEvents.ElementClick ? "cta-button" : null;
        var eventName = ev == PopupEvents.CustomEvent ? "wheel-spin" : null;
        void Ev(long profile, long at) => bed.Event(profile, "spin-wheel", ev, at, element, eventName);

        bed.AddProfiles([.. Enumerable.Range(1, 14).Select(i => (long)i)]);
        Ev(2, now - 7 * Day);
        Ev(3, now - 7 * Day - 1);
        Ev(4, now);
        Ev(5, now + 1);
        Ev(6, first);
        Ev(7, last);
        Ev(8, first - 1);
        Ev(9, last + 1);
        var other = PopupEvents.All[(PopupEvents.All.ToList().IndexOf(ev) + 1) % PopupEvents.All.Count];
        for (var i = 1; i <= 3; i++)
        {
            var at = now - i * Day;
            bed.Event(10, "exit-intent", ev, at, element, eventName);
            bed.Event(11, "spin-wheel", other, at, element ?? "cta-button", eventName ?? "wheel-spin");
            if (ev == PopupEvents.ElementClick)
            {
                bed.Event(12, "spin-wheel", ev, at, "CTA-Button", null);
            }
            else if (ev == PopupEvents.CustomEvent)
            {
                bed.Event(12, "spin-wheel", ev, at, null, "Wheel-Spin");
            }
            else
            {
                bed.Event(12, "spin-wheel-2", ev, at);
            }

            bed.Event(13, " SPIN-Wheel ", " " + ev.ToUpperInvariant() + " ", at, element is null ? null : $" {element} ", eventName is null ? null : $"{eventName}  ");
        }

        Ev(14, first);
        Ev(14, first + 5 * Day);
        Ev(14, last);
        Ev(14, now - Day);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var bed in _beds.Values)
        {
            bed.Dispose();
        }
    }
}
