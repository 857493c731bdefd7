using System.Globalization;
using System.Text.Json;
using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>One achievement as a test inserts it: the instant in Unix milliseconds.</summary>
public sealed record TestAchievement(
    long ProfileId, string Goal, string? Pixel, long At, decimal? Cost, string? UtmSource, string? UtmMedium, string? DeviceType,
    string? OrderId, decimal? OrderAmount, string? PixelData);

/// <summary>
/// Random achievements around a bed's now for random-data tests: zero to six per profile, many exactly on the edges of
/// the last 30 days (now − 30 days, one millisecond before, now, one millisecond after), some in the future; goal and
/// label values in other cases and with spaces, a goal no condition names, missing values; pixel_data of every kind,
/// with wrong kinds ("5" for seats, "soon" for trial_ends, 3 for plan), broken JSON, arrays and no pixel_data at all.
/// Values are whole numbers, thresholds of conditions end in .5, so no comparison depends on rounding.
/// </summary>
public static class RandomAchievements
{
    /// <summary>The goals random conditions name (all in <see cref="GoalBed.KnownGoals"/>).</summary>
    public static readonly string[] Named = ["signup", "purchase", "login"];

    private static readonly string[] Goals = ["signup", "purchase", "login", " PURCHASE ", "Signup", "retired"];
    private static readonly string?[] Pixels = ["site-main", "landing", " LANDING", null];
    private static readonly string?[] Sources = ["email", "Email ", "google", "vk", null];
    private static readonly string?[] Mediums = ["newsletter", "cpc", "CPC", null];
    private static readonly string?[] Devices = ["mobile", "desktop", " Mobile", null];

    /// <summary>Generates achievements for profiles 1..<paramref name="profiles"/> and inserts them into <paramref name="bed"/>.</summary>
    public static IReadOnlyList<TestAchievement> Insert(PluginTestBed bed, Random random, int profiles)
    {
        var now = bed.NowMs();
        var list = new List<TestAchievement>();
        for (long profile = 1; profile <= profiles; profile++)
        {
            var count = random.Next(0, 7);
            for (var i = 0; i < count; i++)
            {
                var at = random.Next(5) switch
                {
                    0 => now - 30 * Day + random.Next(-1, 2),
                    1 => now + random.Next(-1, 2),
                    _ => now - (long)(random.NextDouble() * 60 * Day) + 5 * Day,
                };
                var order = random.Next(5) < 2 ? $"ORD-{profile}-{i}" : random.Next(8) == 0 ? "  " : null;
                list.Add(new TestAchievement(
                    profile, Goals[random.Next(Goals.Length)], Pixels[random.Next(Pixels.Length)], at,
                    random.Next(10) < 3 ? null : random.Next(0, 2001),
                    Sources[random.Next(Sources.Length)], Mediums[random.Next(Mediums.Length)], Devices[random.Next(Devices.Length)],
                    order, order is null || random.Next(4) == 0 ? null : random.Next(100, 10_001),
                    PixelData(random, now)));
            }
        }

        foreach (var a in list)
        {
            bed.Achieve(a.ProfileId, new GoalAchievementRow
            {
                GoalId = a.Goal, PixelId = a.Pixel, AchievedAt = a.At, Cost = a.Cost, UtmSource = a.UtmSource, UtmMedium = a.UtmMedium,
                DeviceType = a.DeviceType, OrderId = a.OrderId, OrderAmount = a.OrderAmount, PixelData = a.PixelData,
            });
        }

        return list;
    }

    private static string? PixelData(Random random, long now)
    {
        switch (random.Next(12))
        {
            case 0:
                return null;
            case 1:
                return "{\"plan\": \"gold\", \"seats\": 7";
            case 2:
                return "[\"gold\", 7]";
            default:
                var parts = new List<string>();
                if (random.Next(5) != 0)
                {
                    parts.Add(random.Next(6) switch { 0 => "\"plan\": 3", 1 => "\"plan\": \" GOLD\"", 2 => "\"plan\": \"silver\"", 3 => "\"plan\": \"free\"", _ => "\"plan\": \"gold\"" });
                }

                if (random.Next(5) != 0)
                {
                    parts.Add(random.Next(5) == 0 ? "\"seats\": \"7\"" : $"\"seats\": {random.Next(1, 11)}");
                }

                if (random.Next(5) != 0)
                {
                    var day = DateTimeOffset.FromUnixTimeMilliseconds(now).UtcDateTime.Date.AddDays(random.Next(-20, 21));
                    parts.Add(random.Next(6) switch
                    {
                        0 => "\"trial_ends\": \"soon\"",
                        1 => $"\"trial_ends\": \"{day.AddHours(random.Next(24)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"",
                        _ => $"\"trial_ends\": \"{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\"",
                    });
                }

                if (random.Next(5) != 0)
                {
                    parts.Add(random.Next(6) switch { 0 => "\"newsletter\": \"yes\"", 1 or 2 => "\"newsletter\": false", _ => "\"newsletter\": true" });
                }

                return "{" + string.Join(", ", parts) + "}";
        }
    }

    /// <summary>Text the way a rule author reads it: surrounding spaces never count, case is ignored.</summary>
    public static bool Same(string? value, string expected) => string.Equals(value?.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The value of <paramref name="key"/> in <paramref name="pixelData"/> when it is a JSON object that parses; otherwise none.</summary>
    public static JsonElement? Key(string? pixelData, string key)
    {
        if (pixelData is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(pixelData);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value) ? value.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
