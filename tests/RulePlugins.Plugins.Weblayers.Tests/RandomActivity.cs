using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>One popup event as a test inserts it: the instant in Unix milliseconds.</summary>
public sealed record TestEvent(long ProfileId, string Popup, string Event, string? Element, string? EventName, long At);

/// <summary>One form fill as a test inserts it: the instant in Unix milliseconds.</summary>
public sealed record TestFill(long ProfileId, string Form, long At);

/// <summary>
/// Random popup events and form fills around a bed's now for random-data tests: zero to twelve events and zero to three
/// fills per profile, many exactly at now, at now − 7 days or at the edges of the test period or one millisecond off
/// them, some after now, some with ids in another case or with spaces, element and event names in another case, and
/// some of a popup or form no condition names; the first popup, form and names are the most frequent.
/// </summary>
public static class RandomActivity
{
    /// <summary>The popups random conditions name (all in <see cref="WeblayersBed.KnownPopups"/>).</summary>
    public static readonly string[] Popups = ["spin-wheel", "exit-intent", "newsletter-popup"];

    /// <summary>The forms random conditions name (all in <see cref="WeblayersBed.KnownForms"/>).</summary>
    public static readonly string[] Forms = ["newsletter", "contact-us"];

    /// <summary>The element names random conditions name.</summary>
    public static readonly string[] Elements = ["cta-button", "coupon-copy"];

    /// <summary>The custom event names random conditions name.</summary>
    public static readonly string[] EventNames = ["wheel-spin", "prize-won"];

    /// <summary>The period random conditions use: the UTC days from 30 to 20 days before now.</summary>
    public const int PeriodFirstDaysAgo = 30;

    /// <summary>The period's last day, in days before now.</summary>
    public const int PeriodLastDaysAgo = 20;

    /// <summary>Generates events and fills for profiles 1..<paramref name="profiles"/> and inserts them into <paramref name="bed"/>.</summary>
    public static (IReadOnlyList<TestEvent> Events, IReadOnlyList<TestFill> Fills) Insert(PluginTestBed bed, Random random, int profiles)
    {
        var events = new List<TestEvent>();
        var fills = new List<TestFill>();
        for (long profile = 1; profile <= profiles; profile++)
        {
            var count = random.Next(0, 13);
            for (var i = 0; i < count; i++)
            {
                var ev = PopupEvents.All[random.Next(PopupEvents.All.Count)];
                string? element = ev == PopupEvents.ElementClick || random.Next(10) == 0 ? Spelled(random, Elements[random.Next(4) == 0 ? 1 : 0]) : null;
                string? eventName = ev == PopupEvents.CustomEvent || random.Next(10) == 0 ? Spelled(random, EventNames[random.Next(4) == 0 ? 1 : 0]) : null;
                events.Add(new TestEvent(profile, Id(random, Popups, "retired-popup"), random.Next(8) == 0 ? $" {ev.ToUpperInvariant()}" : ev, element, eventName, At(bed, random)));
            }

            var fillCount = random.Next(0, 4);
            for (var i = 0; i < fillCount; i++)
            {
                fills.Add(new TestFill(profile, Id(random, Forms, "old-form"), At(bed, random)));
            }
        }

        foreach (var e in events)
        {
            bed.Event(e.ProfileId, e.Popup, e.Event, e.At, e.Element, e.EventName);
        }

        foreach (var f in fills)
        {
            bed.Fill(f.ProfileId, f.Form, f.At);
        }

        return (events, fills);
    }

    /// <summary>Random popup condition parameters over the named popups, events, names, operators and windows.</summary>
    public static Params RandomPopup(Random random, PluginTestBed bed)
    {
        var ev = PopupEvents.All[random.Next(PopupEvents.All.Count)];
        var parameters = Params.Empty.With("popup", Popups[random.Next(Popups.Length)]).With("event", ev);
        parameters = ev switch
        {
            PopupEvents.ElementClick => parameters.With("element", Elements[random.Next(Elements.Length)]),
            PopupEvents.CustomEvent => parameters.With("event_name", EventNames[random.Next(EventNames.Length)]),
            _ => parameters,
        };
        var op = random.Next(4) switch { 0 => "exists", 1 => "not_exists", 2 => "at_least", _ => "not_once" };
        parameters = parameters.With("operator", op);
        if (op == "at_least" || (op != "not_once" && random.Next(3) == 0))
        {
            parameters = parameters.With("times", (long)random.Next(1, 4));
        }

        return Window(random, bed, parameters);
    }

    /// <summary>Random form condition parameters over the named forms, both operators and the windows.</summary>
    public static Params RandomForm(Random random, PluginTestBed bed)
    {
        var op = random.Next(2) == 0 ? "exists" : "not_once";
        var parameters = Params.Operator(op).With("form", Forms[random.Next(Forms.Length)]);
        if (op == "exists" && random.Next(3) == 0)
        {
            parameters = parameters.With("times", (long)random.Next(1, 3));
        }

        return Window(random, bed, parameters);
    }

    /// <summary>
    /// The meaning of one popup condition over one profile's events, stated plainly: popup ids and events ignoring case
    /// and surrounding spaces, element and event names exactly but for surrounding spaces, only events at or before now.
    /// </summary>
    public static bool Holds(IEnumerable<TestEvent> events, KitCondition condition, long now)
    {
        var popup = (string)condition.Get("popup")!;
        var ev = (string)condition.Get("event")!;
        var element = (string?)condition.Get("element");
        var eventName = (string?)condition.Get("event_name");
        var count = events.Count(e =>
            Same(e.Popup, popup) && Same(e.Event, ev)
            && (element is null || e.Element?.Trim() == element)
            && (eventName is null || e.EventName?.Trim() == eventName)
            && InWindow(e.At, condition, now));
        return Compare(count, condition);
    }

    /// <summary>The meaning of one form condition over one profile's fills: form ids ignoring case and surrounding spaces, only fills at or before now.</summary>
    public static bool Holds(IEnumerable<TestFill> fills, KitCondition condition, long now)
    {
        var form = (string)condition.Get("form")!;
        return Compare(fills.Count(f => Same(f.Form, form) && InWindow(f.At, condition, now)), condition);
    }

    private static bool Same(string value, string expected) => string.Equals(value.Trim(), expected, StringComparison.OrdinalIgnoreCase);

    private static bool InWindow(long at, KitCondition condition, long now)
    {
        if (at > now)
        {
            return false;
        }

        if (condition.Get("last_days") is long days)
        {
            return at >= now - days * Day;
        }

        var from = condition.Get("from") is string f ? DateTimeOffset.Parse(f + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() : long.MinValue;
        var to = condition.Get("to") is string t ? DateTimeOffset.Parse(t + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() + Day - 1 : long.MaxValue;
        return at >= from && at <= to;
    }

    private static bool Compare(int count, KitCondition condition)
    {
        var times = condition.Get("times") is long n ? n : 1;
        return (string)condition.Get("operator")! switch
        {
            "exists" or "at_least" => count >= times,
            "not_exists" => count < times,
            "not_once" => count == 0,
            var op => throw new ArgumentOutOfRangeException(nameof(condition), op, "not a counting operator"),
        };
    }

    private static Params Window(Random random, PluginTestBed bed, Params parameters) => random.Next(5) switch
    {
        0 => parameters.With("last_days", 7L),
        1 => parameters.With("last_days", (long)random.Next(1, 40)),
        2 => parameters.With("from", bed.DayOf(PeriodFirstDaysAgo)).With("to", bed.DayOf(PeriodLastDaysAgo)),
        3 when random.Next(2) == 0 => parameters.With("from", bed.DayOf(2)),
        _ => parameters,
    };

    // Mostly the first named id (so that counts of two or more happen), sometimes another, unknown or respelled.
    private static string Id(Random random, string[] named, string unknown) => random.Next(12) switch
    {
        0 => unknown,
        1 => " " + named[random.Next(named.Length)].ToUpperInvariant(),
        < 7 => named[0],
        _ => named[random.Next(named.Length)],
    };

    private static string Spelled(Random random, string name) => random.Next(8) switch
    {
        0 => name.ToUpperInvariant(),
        1 => $" {name} ",
        _ => name,
    };

    private static long At(PluginTestBed bed, Random random)
    {
        var now = bed.NowMs();
        return random.Next(6) switch
        {
            0 => now + random.Next(-1, 2),
            1 => now - 7 * Day + random.Next(-1, 2),
            2 => bed.DayStart(PeriodFirstDaysAgo) + random.Next(-1, 2),
            3 => bed.DayEnd(PeriodLastDaysAgo) + random.Next(-1, 2),
            _ => now + (long)(random.NextDouble() * 65 * Day) - 60 * Day,
        };
    }
}
