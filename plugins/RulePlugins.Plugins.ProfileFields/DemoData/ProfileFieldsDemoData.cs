using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.ProfileFields.DemoData;

/// <summary>
/// Synthetic profile fields: skewed cities (most profiles in a few big cities), some empty values, birth dates
/// between 1950 and 2008, creation dates over the last five years, channel subscriptions at realistic rates.
/// </summary>
public sealed class ProfileFieldsDemoData : IDemoDataGenerator
{
    private static readonly string[] Cities =
        ["Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan", "Nizhny Novgorod", "Samara", "Omsk", "Rostov-on-Don", "Ufa", "Krasnoyarsk", "Voronezh"];

    private static readonly string[] FirstNames = ["Anna", "Ivan", "Maria", "Dmitry", "Elena", "Sergey", "Olga", "Alexey", "Natalia", "Pavel", "Irina", "Nikolai"];
    private static readonly string[] LastNames = ["Ivanova", "Smirnov", "Kuznetsova", "Popov", "Sokolova", "Lebedev", "Kozlova", "Novikov", "Morozova", "Petrov"];
    private static readonly string[] Domains = ["example.com", "gmail.com", "mail.ru", "yandex.ru", "outlook.com"];

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        var random = new Random(context.Seed);
        var table = ProfileFieldsTable.Definition;
        string[] columns = ["profile_id", .. table.Columns.Select(c => c.Name)];
        var born1950 = new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var born2008 = new DateTimeOffset(2008, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var fiveYears = 5 * 365 * EvaluationClock.MillisecondsPerDay;
        using var writer = context.OpenWriter(table, columns);
        foreach (var id in context.Profiles("profile fields"))
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            // Squaring a uniform number skews towards the first (biggest) cities.
            var city = random.NextDouble() < 0.08 ? null : Cities[(int)(Math.Pow(random.NextDouble(), 2) * Cities.Length)];
            var gender = random.Next(100) switch { < 48 => "female", < 94 => "male", _ => "unknown" };
            long? birth = random.NextDouble() < 0.15 ? null : born1950 + (long)(random.NextDouble() * (born2008 - born1950)) / EvaluationClock.MillisecondsPerDay * EvaluationClock.MillisecondsPerDay;
            var created = context.NowUnixMilliseconds - (long)(Math.Pow(random.NextDouble(), 1.5) * fiveYears);
            writer.Add(
                id,
                $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{id}@{Domains[random.Next(Domains.Length)]}",
                random.NextDouble() < 0.1 ? null : $"+7900{id:D7}",
                first,
                last,
                city,
                city is null ? null : "Russia",
                gender,
                birth,
                created,
                random.NextDouble() < 0.7,
                random.NextDouble() < 0.4,
                random.NextDouble() < 0.3);
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        """
        {
          "schemaVersion": 1,
          "id": "moscow-adults",
          "name": "Adults in Moscow",
          "description": "Profiles living in Moscow who are at least 18 years old.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "profile.city", "params": { "operator": "equals", "value": "Moscow" } },
              { "type": "profile.age", "params": { "operator": "greater_or_equal", "value": 18 } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "new-email-subscribers",
          "name": "New email subscribers",
          "description": "Profiles created in the last 30 days that are subscribed to email.",
          "rules": {
            "op": "and",
            "items": [
              { "type": "profile.created_at", "params": { "operator": "in_last_days", "days": 30 } },
              { "type": "profile.email_subscribed", "params": { "operator": "equals", "value": true } }
            ]
          }
        }
        """,
        """
        {
          "schemaVersion": 1,
          "id": "big-city-women-or-gmail",
          "name": "Women in big cities born 1980-1995, or Gmail users",
          "rules": {
            "op": "or",
            "items": [
              {
                "op": "and",
                "items": [
                  { "type": "profile.city", "params": { "operator": "in_list", "values": ["Moscow", "Saint Petersburg", "Kazan"] } },
                  { "type": "profile.gender", "params": { "operator": "equals", "value": "female" } },
                  { "type": "profile.birth_date", "params": { "operator": "in_range", "from": "1980-01-01", "to": "1995-12-31" } }
                ]
              },
              { "type": "profile.email", "params": { "operator": "contains", "value": "@gmail." } }
            ]
          }
        }
        """,
    ];
}
