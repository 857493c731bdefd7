using System.Text;
using Dapper;
using RulePlugins.Engine.Store;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.Families.Tests;

/// <summary>
/// One database holding rows of every family, random but deterministic per seed: profile cities, market orders,
/// scenario runs, campaign and group spells, a dynamic segment <c>moscow</c> recalculated as cities change, and a static
/// segment <c>vip</c> imported three times (replace, replace, add), so both segments have a history of spells. The clock
/// ends at <see cref="TestDatabase.DefaultNow"/>; every row is placed relative to it, some exactly on it.
/// </summary>
public static class MixedWorld
{
    /// <summary>Milliseconds in a day.</summary>
    public const long Day = EvaluationClock.MillisecondsPerDay;

    /// <summary>The scenarios of the reference table.</summary>
    public static readonly string[] Scenarios = ["welcome", "discount-10", "discount-20"];

    /// <summary>The campaigns of the reference table.</summary>
    public static readonly string[] Campaigns = ["spring", "autumn"];

    /// <summary>The groups of the reference table (the first is spring's control group, the second its test group).</summary>
    public static readonly string[] Groups = ["spring-lcg", "spring-test-a"];

    /// <summary>The popups of the reference table.</summary>
    public static readonly string[] Popups = ["spin-wheel", "newsletter"];

    /// <summary>The forms of the reference table.</summary>
    public static readonly string[] Forms = ["signup", "survey"];

    /// <summary>The popup events rows carry.</summary>
    public static readonly string[] PopupEvents = ["opened", "filled", "closed", "click", "target", "element_click", "custom_event"];

    /// <summary>The element names of element clicks, and the names of custom events (in the case rows store them).</summary>
    public static readonly string[] Names = ["cta-button", "CTA-button", "wheel-spin"];

    /// <summary>The goals of the reference table.</summary>
    public static readonly string[] Goals = ["login", "purchase"];

    /// <summary>The pixel_data of achievements: valid JSON with the plan key as a string, of another kind, or missing.</summary>
    private static readonly string?[] PixelData = ["""{"plan": "gold"}""", """{"plan": " GOLD ", "seats": 3}""", """{"plan": "silver"}""", """{"plan": 5}""", """{"seats": 2}""", null];

    /// <summary>The segments conditions may refer to.</summary>
    public static readonly string[] Segments = ["moscow", "vip"];

    private static readonly string?[] Cities = ["Moscow", "MOSCOW", " moscow ", "Kazan", "Omsk", "", null];

    /// <summary>The evaluation instant, Unix milliseconds.</summary>
    public static long Now => TestDatabase.DefaultNow.ToUnixTimeMilliseconds();

    /// <summary>Fills <paramref name="db"/> (whose engine runs the five plugins) with <paramref name="profiles"/> profiles and their rows.</summary>
    public static void Populate(TestDatabase db, Random random, int profiles)
    {
        var ids = Enumerable.Range(1, profiles).Select(i => (long)i).ToList();
        db.AddProfiles([.. ids.Select(id => new ProfileData(id) { City = Pick(random, Cities) })]);
        using (var connection = db.Database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            connection.Execute("INSERT INTO scenarios (id, name) VALUES (@id, @id)", Scenarios.Select(id => new { id }), transaction);
            connection.Execute("INSERT INTO campaigns (id, name) VALUES ('spring', 'Spring sale'), ('autumn', 'Autumn sale')", transaction: transaction);
            connection.Execute(
                "INSERT INTO campaign_groups (id, campaign_id, kind, name) VALUES ('spring-lcg', 'spring', 'control', 'Spring control'), ('spring-test-a', 'spring', 'test', 'Spring A')",
                transaction: transaction);
            connection.Execute("INSERT INTO popups (id, name) VALUES (@id, @id)", Popups.Select(id => new { id }), transaction);
            connection.Execute("INSERT INTO forms (id, name) VALUES (@id, @id)", Forms.Select(id => new { id }), transaction);
            connection.Execute("INSERT INTO goals (id, name) VALUES (@id, @id)", Goals.Select(id => new { id }), transaction);
            var orderId = 1L;
            foreach (var id in ids)
            {
                for (var i = random.Next(4); i > 0; i--)
                {
                    connection.Execute(
                        "INSERT INTO market_orders (id, profile_id, status, created_at, amount, currency, shipping_cost, region, channel, contact_point) "
                        + "VALUES (@orderId, @id, @status, @created, @amount, 'RUB', 0, NULL, 'website', NULL)",
                        new { orderId = orderId++, id, status = Pick(random, ["new", "paid", "delivered", "canceled"]), created = Instant(random), amount = random.Next(1, 60) * 100m },
                        transaction);
                }

                for (var i = random.Next(4); i > 0; i--)
                {
                    var entered = Instant(random);
                    var finished = random.Next(3) == 0 ? (long?)null : Math.Min(Now, entered + random.Next(0, 20) * Day);
                    connection.Execute(
                        "INSERT INTO scenario_runs (profile_id, scenario_id, entered_at, finished_at, outcome) VALUES (@id, @scenario, @entered, @finished, @outcome)",
                        new { id, scenario = Pick(random, Scenarios), entered, finished, outcome = finished is null ? null : Pick(random, ["completed", "error"]) },
                        transaction);
                }

                for (var i = random.Next(6); i > 0; i--)
                {
                    var ev = Pick(random, PopupEvents);
                    connection.Execute(
                        "INSERT INTO popup_events (profile_id, popup_id, event, element_name, event_name, occurred_at) VALUES (@id, @popup, @ev, @element, @name, @at)",
                        new
                        {
                            id, popup = Pick(random, Popups), ev,
                            element = ev == "element_click" ? Pick(random, Names) : null,
                            name = ev == "custom_event" ? Pick(random, Names) : null,
                            at = Instant(random, future: true),
                        },
                        transaction);
                }

                for (var i = random.Next(3); i > 0; i--)
                {
                    connection.Execute(
                        "INSERT INTO form_fills (profile_id, form_id, filled_at) VALUES (@id, @form, @at)",
                        new { id, form = Pick(random, Forms), at = Instant(random, future: true) },
                        transaction);
                }

                for (var i = random.Next(4); i > 0; i--)
                {
                    connection.Execute(
                        "INSERT INTO goal_achievements (profile_id, goal_id, achieved_at, cost, utm_source, pixel_data) VALUES (@id, @goal, @at, @cost, @source, @data)",
                        new
                        {
                            id, goal = Pick(random, Goals), at = Instant(random, future: true),
                            cost = random.Next(4) == 0 ? (decimal?)null : random.Next(1, 30) * 100m,
                            source = Pick(random, new[] { "email", " Email ", "google", null }),
                            data = Pick(random, PixelData),
                        },
                        transaction);
                }

                Spells(connection, transaction, random, "campaign_spells", "campaign_id", Campaigns, id);
                Spells(connection, transaction, random, "campaign_group_spells", "group_id", Groups, id);
            }

            transaction.Commit();
        }

        // "moscow" recalculated 12 and 4 days ago and now, with some cities changed in between: spells open and closed.
        var clock = db.Clock;
        db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "moscow" }));
        foreach (var daysAgo in new[] { 12, 4, 0 })
        {
            clock.Now = TestDatabase.DefaultNow.AddDays(-daysAgo);
            if (daysAgo < 12)
            {
                using var connection = db.Database.Open();
                foreach (var id in ids.Where(_ => random.Next(5) == 0))
                {
                    connection.Execute("UPDATE profile_fields SET city = @city WHERE profile_id = @id", new { id, city = Pick(random, Cities) });
                }
            }

            db.Engine.Recalculate("moscow");
        }

        // "vip" imported 20 days ago, 8 days ago (both replacing) and 1 day ago (adding).
        db.Engine.CreateStaticSegment("vip", "VIP customers");
        foreach (var (daysAgo, mode) in new[] { (20, ImportMode.Replace), (8, ImportMode.Replace), (1, ImportMode.Add) })
        {
            clock.Now = TestDatabase.DefaultNow.AddDays(-daysAgo);
            var csv = string.Join('\n', ids.Where(_ => random.Next(3) == 0));
            db.Engine.ImportMembers("vip", new MemoryStream(Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, mode);
        }

        clock.Now = TestDatabase.DefaultNow;
    }

    /// <summary>
    /// A random instant within the last 40 days; one in ten exactly now, one in ten exactly 7 or 14 days ago; with
    /// <paramref name="future"/>, one in ten a millisecond to a day after now (a clock skew).
    /// </summary>
    public static long Instant(Random random, bool future = false) => random.Next(10) switch
    {
        0 => Now,
        1 => Now - (random.Next(2) == 0 ? 7 : 14) * Day,
        2 when future => Now + 1 + random.Next((int)Day),
        _ => Now - (long)(random.NextDouble() * 40 * Day),
    };

    /// <summary>A random item.</summary>
    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    // Zero to three spells per profile, each of a random entity, entered at a random instant; a third still open, some
    // left exactly now, the rest left later than they entered.
    private static void Spells(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, Random random, string table, string column, string[] entities, long id)
    {
        for (var i = random.Next(4); i > 0; i--)
        {
            var entered = Instant(random);
            long? left = random.Next(3) switch
            {
                0 => null,
                1 when random.Next(3) == 0 => Now,
                _ => Math.Min(Now, entered + (long)(random.NextDouble() * 10 * Day)),
            };
            connection.Execute(
                $"INSERT INTO {table} (profile_id, {column}, entered_at, left_at) VALUES (@id, @entity, @entered, @left)",
                new { id, entity = Pick(random, entities), entered, left },
                transaction);
        }
    }
}
