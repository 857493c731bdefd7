using System.Globalization;
using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Goals.DemoData;

/// <summary>
/// Eight goals of a shop's website and apps, four pixels, and about four achievements per profile over the last year
/// (recent ones more frequent; about one profile in ten has none, heavy users up to 17). Each profile has a usual traffic
/// source (email, google/cpc, yandex/cpc, social, direct), a device and a city, and most a plan in pixel_data, so
/// combined conditions select real groups. Goal values in RUB (null for goals without one, and for some others);
/// pixel_data with a string (plan), a number (seats), a date (trial_ends) and a boolean (newsletter), and a few
/// malformed values: wrong kinds ("5" for seats, "soon" for trial_ends), broken JSON, arrays. Deterministic for a seed.
/// </summary>
public sealed class GoalsDemoData : IDemoDataGenerator
{
    /// <summary>The goals: id, name, how often profiles reach it (relative), and its value range in RUB (none when 0).</summary>
    public static readonly IReadOnlyList<(string Id, string Name, double Weight, decimal MinCost, decimal MaxCost)> Goals =
    [
        ("login", "Logged in", 30, 0, 0),
        ("view-product", "Viewed a product", 25, 0, 0),
        ("add-to-cart", "Added to cart", 15, 200, 5_000),
        ("purchase", "Purchase", 8, 500, 20_000),
        ("signup", "Signed up", 6, 100, 300),
        ("subscribe", "Subscribed to the newsletter", 6, 50, 150),
        ("webinar", "Registered for a webinar", 4, 1_000, 3_000),
        ("contact-form", "Sent the contact form", 6, 0, 0),
    ];

    /// <summary>The pixels: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> Pixels =
    [
        ("site-main", "Main website"),
        ("landing", "Landing pages"),
        ("app-ios", "iOS app"),
        ("app-android", "Android app"),
    ];

    private static readonly (string? Source, string? Medium, string? Referrer, double Weight)[] Sources =
    [
        ("email", "newsletter", null, 25),
        ("google", "cpc", "https://www.google.com/search?q=shop", 20),
        ("yandex", "cpc", "https://yandex.ru/search/?text=shop", 20),
        ("vk", "social", "https://vk.com/feed", 10),
        ("telegram", "social", "https://t.me/shop_channel", 7),
        (null, null, null, 18),
    ];

    private static readonly string[] Campaigns = ["spring_sale", "black_friday", "welcome", "retargeting", "new_collection"];
    private static readonly string[] Terms = ["running shoes", "winter jacket", "smartphone", "gift"];
    private static readonly string[] Contents = ["banner_a", "banner_b", "text_link"];
    private static readonly (string Browser, string Os, string Device, double Weight)[] Devices =
    [
        ("Chrome", "Android", "mobile", 30),
        ("Safari", "iOS", "mobile", 20),
        ("Chrome", "Windows", "desktop", 18),
        ("Yandex Browser", "Windows", "desktop", 10),
        ("Safari", "macOS", "desktop", 7),
        ("Firefox", "Linux", "desktop", 4),
        ("Edge", "Windows", "desktop", 5),
        ("Safari", "iOS", "tablet", 6),
    ];

    private static readonly (string Country, string City, double Weight)[] Places =
    [
        ("Russia", "Moscow", 35), ("Russia", "Saint Petersburg", 20), ("Russia", "Kazan", 8), ("Russia", "Novosibirsk", 7),
        ("Russia", "Yekaterinburg", 7), ("Kazakhstan", "Almaty", 8), ("Belarus", "Minsk", 8), ("Armenia", "Yerevan", 7),
    ];

    private static readonly string[] Promos = ["SPRING10", "WELCOME", "BF2026", "FREESHIP"];
    private static readonly string[] Plans = ["gold", "silver", "free"];

    private const double HistoryDays = 365;

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.WriteIdsAndNames(GoalTables.Goals, Goals.Select(goal => (goal.Id, goal.Name)));

        context.WriteIdsAndNames(GoalTables.Pixels, Pixels);

        var random = new Random(context.Seed + 13);
        var now = context.NowUnixMilliseconds;
        var goalWeights = Cumulative(Goals.Select(g => g.Weight));
        var sourceWeights = Cumulative(Sources.Select(s => s.Weight));
        var deviceWeights = Cumulative(Devices.Select(d => d.Weight));
        var placeWeights = Cumulative(Places.Select(p => p.Weight));
        using var rows = context.OpenWriter(GoalTables.Achievements,
        [
            "profile_id", "goal_id", "pixel_id", "achieved_at", "cost", "referrer", "origin", "utm_source", "utm_medium", "utm_campaign", "utm_term",
            "utm_content", "browser", "os", "device_type", "country", "city", "message_id", "promo_code", "order_id", "order_amount", "pixel_data",
        ]);
        foreach (var profile in context.Profiles("goal achievements"))
        {
            // 10% none; otherwise 1 + u^4 * 17 (mean about 4.4): most one to three, heavy users up to 17; about 4 per profile overall.
            var count = random.NextDouble() < 0.10 ? 0 : 1 + (int)(Math.Pow(random.NextDouble(), 4) * 17);
            var usualSource = Pick(sourceWeights, random);
            var device = Devices[Pick(deviceWeights, random)];
            var place = Places[Pick(placeWeights, random)];
            var plan = random.NextDouble() < 0.8 ? Plans[Pick([0.25, 0.55, 1.0], random)] : null;
            var seats = 1 + (int)(Math.Pow(random.NextDouble(), 2) * 50);
            var trialEnds = now + (long)((random.NextDouble() * 120 - 60) * EvaluationClock.MillisecondsPerDay);
            var newsletter = random.NextDouble() < 0.4;
            for (var i = 0; i < count; i++)
            {
                var goal = Goals[Pick(goalWeights, random)];
                // Recent achievements are more frequent: the age is u^2 of the history.
                var at = now - (long)(Math.Pow(random.NextDouble(), 2) * HistoryDays * EvaluationClock.MillisecondsPerDay);
                var source = Sources[random.NextDouble() < 0.75 ? usualSource : Pick(sourceWeights, random)];
                var app = device.Device != "desktop" && random.NextDouble() < 0.3;
                var pixel = app ? (device.Os == "iOS" ? "app-ios" : "app-android") : random.NextDouble() < 0.2 ? "landing" : "site-main";
                decimal? cost = goal.MaxCost == 0 || random.NextDouble() < 0.1
                    ? null
                    : Math.Round(goal.MinCost + (goal.MaxCost - goal.MinCost) * (decimal)random.NextDouble(), 2);
                var paid = source.Medium == "cpc";
                var order = goal.Id == "purchase" ? $"ORD-{profile}-{i + 1}" : null;
                decimal? amount = order is null ? null : Math.Round(500 + 19_500 * (decimal)Math.Pow(random.NextDouble(), 2), 2);
                rows.Add(
                    profile, goal.Id, pixel, at, cost, source.Referrer, app ? null : pixel == "landing" ? "https://landing.example.com" : "https://shop.example.com",
                    source.Source, source.Medium, source.Source is null ? null : Campaigns[random.Next(Campaigns.Length)],
                    paid ? Terms[random.Next(Terms.Length)] : null, source.Source is null ? null : Contents[random.Next(Contents.Length)],
                    device.Browser, device.Os, device.Device, place.Country, place.City,
                    source.Source == "email" ? $"msg-{random.Next(1, 40):D3}" : null,
                    random.NextDouble() < 0.12 ? Promos[random.Next(Promos.Length)] : null,
                    order, amount, PixelData(random, plan, seats, trialEnds, newsletter));
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        """
        {
          "schemaVersion": 1,
          "id": "gold-email-logins",
          "name": "Gold plan, logged in from email at least 3 times",
          "description": "Profiles that reached the login goal at least 3 times coming from utm_source=email, with pixel_data plan = gold on those achievements.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              {
                "type": "goals.achieved",
                "params": {
                  "operator": "at_least", "times": 3, "goal": "login", "utm_source": ["email"],
                  "data1_kind": "string", "data1_key": "plan", "data1_string_operator": "equals", "data1_string_value": "gold"
                }
              }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "high-average-goal-value",
          "name": "Average goal value over 1,000 RUB in the last 30 days",
          "description": "Profiles whose goal achievements of the last 30 days have an average goal value (cost, RUB) over 1,000.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "goals.achieved", "params": { "operator": "average", "goal_cost_operator": "greater", "goal_cost_value": 1000, "last_days": 30 } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "mobile-cpc-orders",
          "name": "Ordered from a paid search ad on a phone in the last 90 days",
          "description": "Profiles with an achievement of the last 90 days that came from utm_medium=cpc, on a mobile device, with an order over 5,000 RUB.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              {
                "type": "goals.complex",
                "params": { "operator": "meets", "last_days": 90, "utm_medium": ["cpc"], "device_type": ["mobile"], "has_order": true, "order_amount_operator": "greater", "order_amount_value": 5000 }
              }
            ]
          }
        }
        """,
    ];

    private static string? PixelData(Random random, string? plan, int seats, long trialEnds, bool newsletter)
    {
        var roll = random.NextDouble();
        if (roll < 0.15)
        {
            return null;
        }

        if (roll < 0.155)
        {
            // Broken JSON: the object never closes.
            return plan is null ? "{\"plan\": " : $"{{\"plan\": \"{plan}\", \"seats\": {seats}";
        }

        if (roll < 0.158)
        {
            return "[\"gold\", 5]";
        }

        var wrongKinds = roll < 0.18;
        var parts = new List<string>(4);
        if (plan is not null)
        {
            parts.Add(wrongKinds && random.Next(2) == 0 ? "\"plan\": 3" : $"\"plan\": \"{plan}\"");
        }

        parts.Add(wrongKinds ? $"\"seats\": \"{seats}\"" : $"\"seats\": {seats}");
        var trial = DateTimeOffset.FromUnixTimeMilliseconds(trialEnds).UtcDateTime;
        parts.Add(wrongKinds && random.Next(2) == 0 ? "\"trial_ends\": \"soon\"" : $"\"trial_ends\": \"{trial.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"");
        parts.Add(wrongKinds ? $"\"newsletter\": \"{(newsletter ? "yes" : "no")}\"" : $"\"newsletter\": {(newsletter ? "true" : "false")}");
        return "{" + string.Join(", ", parts) + "}";
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        var total = list.Sum();
        var sum = 0.0;
        return [.. list.Select(w => (sum += w) / total)];
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var u = random.NextDouble();
        for (var i = 0; i < cumulative.Length; i++)
        {
            if (u < cumulative[i])
            {
                return i;
            }
        }

        return cumulative.Length - 1;
    }
}
