using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;
using static RulePlugins.Plugins.Weblayers.Data.PopupEvents;

namespace RulePlugins.Plugins.Weblayers.DemoData;

/// <summary>
/// Eight popups and five forms of a shop's site, and what profiles did with them over the last 180 days, more of it
/// recently: about one profile in seven met no popup; the others were targeted by one popup or a few, one to several
/// times each. A funnel per target: about half are shown (opened), and an opening ends closed (about a third), clicked,
/// filled (popups with a form), with a click on a named element (<c>cta-button</c>, <c>coupon-copy</c>, …) or with
/// a custom event (<c>wheel-spin</c>, …). About six popup events per profile on average. A minority of profiles filled
/// forms, some more than once. Deterministic for a seed; written through the row writers, so a million profiles take
/// seconds.
/// </summary>
public sealed class WeblayersDemoData : IDemoDataGenerator
{
    /// <summary>The popups.</summary>
    public static readonly IReadOnlyList<DemoPopup> Popups =
    [
        new("welcome-discount", "Welcome 10% discount", 10, 0.55, 0.12, ["cta-button", "coupon-copy"], []),
        new("spin-wheel", "Spin the wheel", 6, 0.50, 0.10, ["cta-button"], ["wheel-spin", "prize-won"]),
        new("newsletter-popup", "Newsletter subscription", 8, 0.50, 0.15, ["cta-button", "privacy-link"], []),
        new("exit-intent", "Exit intent: don't leave yet", 9, 0.35, 0.05, ["cta-button", "coupon-copy"], []),
        new("cart-reminder", "Items left in your cart", 7, 0.60, 0, ["cta-button", "view-cart"], []),
        new("free-shipping", "Free shipping over 50", 5, 0.45, 0, ["learn-more"], []),
        new("app-download", "Get our mobile app", 4, 0.40, 0, ["app-store-link", "google-play-link"], []),
        new("feedback-survey", "Quick feedback survey", 3, 0.45, 0.20, ["cta-button"], ["survey-step", "survey-skipped"]),
    ];

    /// <summary>The forms: id, name, and how often a profile that fills forms fills this one (relative).</summary>
    public static readonly IReadOnlyList<(string Id, string Name, double Weight)> Forms =
    [
        ("newsletter", "Newsletter signup", 10),
        ("contact-us", "Contact us", 3),
        ("callback-request", "Request a callback", 2),
        ("product-review", "Product review", 5),
        ("back-in-stock", "Back in stock notification", 4),
    ];

    private const double HistoryDays = 180;

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.WriteIdsAndNames(WeblayersTables.Popups, Popups.Select(popup => (popup.Id, popup.Name)));

        context.WriteIdsAndNames(WeblayersTables.Forms, Forms.Select(form => (form.Id, form.Name)));

        var random = new Random(context.Seed + 31);
        var now = context.NowUnixMilliseconds;
        var popupWeights = Cumulative(Popups.Select(p => p.Weight));
        var formWeights = Cumulative(Forms.Select(f => f.Weight));
        using var events = context.OpenWriter(WeblayersTables.PopupEvents, ["profile_id", "popup_id", "event", "element_name", "event_name", "occurred_at"]);
        using var fills = context.OpenWriter(WeblayersTables.FormFills, ["profile_id", "form_id", "filled_at"]);
        foreach (var profile in context.Profiles("popup events and form fills"))
        {
            // 14% met no popup; the others one popup or a few (1 + u^3 * 5: most one or two).
            var exposures = random.NextDouble() < 0.14 ? 0 : 1 + (int)(Math.Pow(random.NextDouble(), 3) * 5);
            for (var e = 0; e < exposures; e++)
            {
                var popup = Popups[Pick(popupWeights, random)];
                var at = Recent(now, random);
                var targets = 1 + (int)(Math.Pow(random.NextDouble(), 2) * 4);
                for (var t = 0; t < targets && at <= now; t++)
                {
                    Write(events, profile, popup, at, now, random);
                    at += (long)((0.5 + random.NextDouble() * 20) * EvaluationClock.MillisecondsPerDay);
                }
            }

            // 22% filled forms: one form or a few, once or more.
            if (random.NextDouble() < 0.22)
            {
                var forms = 1 + (int)(Math.Pow(random.NextDouble(), 3) * 3);
                for (var f = 0; f < forms; f++)
                {
                    var form = Forms[Pick(formWeights, random)];
                    var times = 1 + (int)(Math.Pow(random.NextDouble(), 4) * 3);
                    for (var t = 0; t < times; t++)
                    {
                        fills.Add(profile, form.Id, Recent(now, random));
                    }
                }
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        """
        {
          "schemaVersion": 1,
          "id": "newsletter-popup-not-form",
          "name": "Filled the newsletter popup this week, never the signup form",
          "description": "Profiles that filled the Newsletter subscription popup in the last 7 days but have never filled the Newsletter signup form: they asked in the popup, so the full form has not reached them yet.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "weblayers.popup", "params": { "popup": "newsletter-popup", "event": "filled", "operator": "exists", "last_days": 7 } },
              { "type": "weblayers.form", "params": { "form": "newsletter", "operator": "not_once" } }
            ]
          }
        }
        """,
    ];

    // One target of a popup and what followed it: shown or not, then closed, clicked, filled, element clicks and custom events.
    private static void Write(IRowWriter events, long profile, DemoPopup popup, long at, long now, Random random)
    {
        events.Add(profile, popup.Id, Target, null, null, at);
        if (random.NextDouble() >= popup.OpenRate)
        {
            return;
        }

        var opened = Math.Min(now, at + random.Next(500, 5_000));
        events.Add(profile, popup.Id, Opened, null, null, opened);
        long After(int maxSeconds) => Math.Min(now, opened + random.Next(1_000, maxSeconds * 1_000));
        if (random.NextDouble() < 0.14)
        {
            events.Add(profile, popup.Id, Click, null, null, After(60));
        }

        if (random.NextDouble() < 0.09)
        {
            events.Add(profile, popup.Id, ElementClick, popup.Elements[random.Next(popup.Elements.Count)], null, After(60));
        }

        if (popup.CustomEvents.Count > 0 && random.NextDouble() < 0.3)
        {
            events.Add(profile, popup.Id, CustomEvent, null, popup.CustomEvents[random.Next(popup.CustomEvents.Count)], After(90));
        }

        if (random.NextDouble() < popup.FillRate)
        {
            events.Add(profile, popup.Id, Filled, null, null, After(120));
        }
        else if (random.NextDouble() < 0.35)
        {
            events.Add(profile, popup.Id, Closed, null, null, After(120));
        }
    }

    // Within the last 180 days, more of it recently: days ago = 180 × u^1.5 (about one in nine in the last week).
    private static long Recent(long now, Random random) =>
        now - (long)(Math.Pow(random.NextDouble(), 1.5) * HistoryDays * EvaluationClock.MillisecondsPerDay);

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sums = weights.ToArray();
        for (var i = 1; i < sums.Length; i++)
        {
            sums[i] += sums[i - 1];
        }

        return sums;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = 0;
        while (i < cumulative.Length - 1 && x >= cumulative[i])
        {
            i++;
        }

        return i;
    }
}
