using System.Globalization;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.ProfileFields.Tests.Differential;

/// <summary>
/// Random profiles around a given "now": texts from small vocabularies in random casing with nulls, "" and
/// white space; birth dates on and around birthdays, created dates exactly N days ago and a millisecond either
/// side, instants on day edges; booleans with nulls; some profiles without a profile_fields row.
/// </summary>
internal static class RandomProfiles
{
    public const long MillisecondsPerDay = 86_400_000L;

    /// <summary>Day counts the trees use for in_last_days and more_than_days_ago; the data puts instants on their edges.</summary>
    public static readonly long[] Days = [1, 2, 7, 30, 90, 365, 3650, 20_000];

    public static readonly string[] Cities = ["Moscow", "Kazan", "Saint Petersburg", "Novosibirsk", "Moscow Oblast", "New Moscow", "Москва", "Нижний Новгород"];
    public static readonly string[] Countries = ["Russia", "Kazakhstan", "Belarus", "Armenia", "Россия"];
    public static readonly string[] FirstNames = ["Anna", "Ivan", "Maria", "Oleg", "Ольга", "Anastasia", "Jean-Luc"];
    public static readonly string[] LastNames = ["Ivanova", "Petrov", "Smirnova", "Kuznetsov", "O'Brien", "Иванов"];
    public static readonly string[] Domains = ["example.com", "mail.ru", "Gmail.com", "yandex.ru"];
    public static readonly string[] PhonePrefixes = ["+7 916", "+7 925", "+375 29", "8 800"];
    private static readonly string?[] Genders = ["female", "male", "unknown", "Female", "MALE", "Unknown", null, "", " "];

    public static List<Person> Generate(Random random, DateTimeOffset now, int count)
    {
        var people = new List<Person>(count);
        var id = 0L;
        for (var i = 0; i < count; i++)
        {
            id += random.Next(1, 4); // gaps in the ids
            if (random.NextDouble() < 0.05)
            {
                people.Add(new Person(id, null));
                continue;
            }

            var first = Pick(random, FirstNames);
            var last = Pick(random, LastNames);
            people.Add(new Person(id, new ProfileData(id)
            {
                Email = Text(random, () => $"{first}.{last}{random.Next(0, 20)}@{Pick(random, Domains)}"),
                Phone = Text(random, () => $"{Pick(random, PhonePrefixes)} {random.Next(100, 1000)}-{random.Next(10, 100)}-{random.Next(10, 100)}"),
                FirstName = Text(random, () => first),
                LastName = Text(random, () => last),
                City = Text(random, () => Pick(random, Cities)),
                Country = Text(random, () => Pick(random, Countries)),
                Gender = Pick(random, Genders),
                BirthDate = BirthDate(random, now),
                CreatedAt = CreatedAt(random, now),
                EmailSubscribed = Flag(random),
                SmsSubscribed = Flag(random),
                PushSubscribed = Flag(random),
            }));
        }

        return people;
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Each letter upper- or lower-cased at random.</summary>
    public static string RandomCase(Random random, string text) =>
        string.Concat(text.Select(c => random.Next(3) switch
        {
            0 => char.ToUpperInvariant(c),
            1 => char.ToLowerInvariant(c),
            _ => c,
        }));

    private static string? Text(Random random, Func<string> value) => random.NextDouble() switch
    {
        < 0.08 => null,
        < 0.12 => string.Empty,
        < 0.15 => Pick(random, [" ", "   ", "\t"]),
        < 0.18 => " " + value() + " ", // padded: equal to the bare value, white space around text never counts
        _ => RandomCase(random, value()),
    };

    private static bool? Flag(Random random) => random.Next(3) switch
    {
        0 => true,
        1 => false,
        _ => null,
    };

    private static DateTimeOffset? BirthDate(Random random, DateTimeOffset now)
    {
        var roll = random.NextDouble();
        if (roll < 0.1)
        {
            return null;
        }

        var today = now.UtcDateTime.Date;
        DateTime day;
        if (roll < 0.4)
        {
            // On, just before or just after this year's birthday, some years back.
            day = today.AddDays(random.Next(-1, 2)).AddYears(-random.Next(0, 80));
        }
        else if (roll < 0.45)
        {
            day = new DateTime(Pick(random, [1996, 2000, 2004, 2008, 2012]), 2, 29, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(-1, 2));
        }
        else if (roll < 0.47)
        {
            day = today.AddDays(random.Next(1, 400)); // in the future: a negative age
        }
        else
        {
            day = today.AddDays(-random.Next(0, 95 * 366));
        }

        return AtTimeOfDay(random, day, now);
    }

    private static DateTimeOffset? CreatedAt(Random random, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.1 => null,
            // Exactly N days ago, or a millisecond either side.
            < 0.45 => DateTimeOffset.FromUnixTimeMilliseconds(nowMs - Pick(random, Days) * MillisecondsPerDay + random.Next(-1, 2)),
            // Now, or up to three days in the future.
            < 0.5 => DateTimeOffset.FromUnixTimeMilliseconds(nowMs + Pick(random, [0L, 1L, random.NextInt64(1, 3 * MillisecondsPerDay)])),
            < 0.7 => AtTimeOfDay(random, now.UtcDateTime.Date.AddDays(-random.Next(0, 800)), now),
            _ => DateTimeOffset.FromUnixTimeMilliseconds(nowMs - random.NextInt64(0, 800 * MillisecondsPerDay)),
        };
    }

    /// <summary>An instant on <paramref name="day"/>: its first or last millisecond, now's time of day ±1 ms, or any time.</summary>
    private static DateTimeOffset AtTimeOfDay(Random random, DateTime day, DateTimeOffset now)
    {
        var start = new DateTimeOffset(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        var nowOfDay = now.ToUnixTimeMilliseconds() - new DateTimeOffset(DateTime.SpecifyKind(now.UtcDateTime.Date, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        var offset = random.Next(5) switch
        {
            0 => 0,
            1 => MillisecondsPerDay - 1,
            2 => Math.Clamp(nowOfDay + random.Next(-1, 2), 0, MillisecondsPerDay - 1),
            _ => random.NextInt64(0, MillisecondsPerDay),
        };
        return DateTimeOffset.FromUnixTimeMilliseconds(start + offset);
    }

    /// <summary>Describes a profile for failure messages.</summary>
    public static string Describe(Person person, ReferenceEvaluator reference)
    {
        if (person.Fields is not { } f)
        {
            return $"#{person.Id}: (no profile_fields row)";
        }

        static string S(string? s) => s is null ? "null" : "\"" + s + "\"";
        static string D(DateTimeOffset? d) => d?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "null";
        static string B(bool? b) => b?.ToString() ?? "null";
        return $"#{person.Id}: email={S(f.Email)} phone={S(f.Phone)} first_name={S(f.FirstName)} last_name={S(f.LastName)} " +
            $"city={S(f.City)} country={S(f.Country)} gender={S(f.Gender)} birth_date={D(f.BirthDate)} (age {reference.AgeInFullYears(f.BirthDate)?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}) " +
            $"created_at={D(f.CreatedAt)} email_subscribed={B(f.EmailSubscribed)} sms_subscribed={B(f.SmsSubscribed)} push_subscribed={B(f.PushSubscribed)}";
    }
}
