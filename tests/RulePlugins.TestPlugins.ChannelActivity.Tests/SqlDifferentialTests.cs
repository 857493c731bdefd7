using System.Globalization;
using System.Text;
using Dapper;
using static RulePlugins.TestPlugins.ChannelActivity.Tests.ActivityDatabase;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>
/// Members of random channel activity conditions against hand-written SQL over the same generated events: 300
/// profiles, events around now (many exactly on or one millisecond off a window edge, some without a time, some with
/// the channel or event in another case or with spaces), every operator and window. The SQL states the semantics
/// independently: a count of matching rows in <c>[lo, hi]</c> (both included), compared with N.
/// </summary>
public sealed class SqlDifferentialTests : IDisposable
{
    private const int Profiles = 300;
    private static readonly string[] Channels = ["email", "sms", "push"];
    private static readonly string[] EventNames = ["sent", "delivered", "opened", "clicked"];
    private static readonly int[] WindowDays = [1, 7, 14, 30];
    private static readonly DateTimeOffset PeriodFrom = Utc("2026-05-20T00:00:00Z");
    private static readonly DateTimeOffset PeriodTo = Utc("2026-06-03T00:00:00Z");

    private readonly ActivityDatabase _db = new();

    public SqlDifferentialTests()
    {
        _db.AddProfiles(Profiles);
        _db.AddEvents(GenerateEvents(new Random(20260615)));
    }

    private static IEnumerable<TestEvent> GenerateEvents(Random random)
    {
        // Edges every window of the test can have: now ± X days, the period's first and last milliseconds.
        var edges = WindowDays.SelectMany(d => new[] { Now.AddDays(-d), Now.AddDays(d) })
            .Append(Now).Append(PeriodFrom).Append(PeriodTo.AddDays(1).AddMilliseconds(-1)).ToArray();
        for (var profile = 1L; profile <= Profiles; profile++)
        {
            var count = random.Next(0, 9);
            for (var i = 0; i < count; i++)
            {
                DateTimeOffset? at = random.Next(10) switch
                {
                    0 => null,
                    < 5 => edges[random.Next(edges.Length)].AddMilliseconds(random.Next(-1, 2)),
                    _ => Now.AddMinutes(random.Next(-45 * 24 * 60, 45 * 24 * 60)),
                };
                var channel = Channels[random.Next(Channels.Length)];
                var name = EventNames[random.Next(EventNames.Length)];
                if (random.Next(12) == 0)
                {
                    channel = " " + channel.ToUpperInvariant();
                }

                if (random.Next(12) == 0)
                {
                    name = char.ToUpperInvariant(name[0]) + name[1..] + " ";
                }

                yield return new TestEvent(profile, channel, name, at);
            }
        }
    }

    private sealed record Case(string Parameters, string Sql, object SqlParameters);

    private static Case RandomCase(Random random)
    {
        var channel = Channels[random.Next(Channels.Length)];
        var name = EventNames[random.Next(EventNames.Length)];
        var op = new[] { "exists", "not_exists", "at_least", "not_once" }[random.Next(4)];
        long? times = op switch
        {
            "at_least" => random.Next(1, 4),
            "exists" or "not_exists" when random.Next(2) == 0 => random.Next(1, 4),
            _ => null,
        };
        var json = new StringBuilder($$"""{"event": "{{name}}", "channel": "{{channel}}", "operator": "{{op}}" """);
        if (times is { } t)
        {
            json.Append(CultureInfo.InvariantCulture, $", \"times\": {t}");
        }

        var now = Now.ToUnixTimeMilliseconds();
        long? lo = null, hi = null;
        var days = WindowDays[random.Next(WindowDays.Length)];
        switch (random.Next(6))
        {
            case 0:
                break;
            case 1:
                json.Append(CultureInfo.InvariantCulture, $", \"last_days\": {days}");
                (lo, hi) = (now - days * Day, now);
                break;
            case 2:
                json.Append(CultureInfo.InvariantCulture, $", \"next_days\": {days}");
                (lo, hi) = (now, now + days * Day);
                break;
            case 3:
                json.Append(""", "from": "2026-05-20", "to": "2026-06-03" """);
                (lo, hi) = (PeriodFrom.ToUnixTimeMilliseconds(), PeriodTo.AddDays(1).ToUnixTimeMilliseconds() - 1);
                break;
            case 4:
                json.Append(""", "from": "2026-05-20T15:00:00Z" """);
                lo = PeriodFrom.ToUnixTimeMilliseconds();
                break;
            default:
                json.Append(""", "to": "2026-06-03" """);
                hi = PeriodTo.AddDays(1).ToUnixTimeMilliseconds() - 1;
                break;
        }

        json.Append('}');
        var window = (lo, hi) switch
        {
            (null, null) => "",
            (_, null) => " AND e.at IS NOT NULL AND e.at >= @lo",
            (null, _) => " AND e.at IS NOT NULL AND e.at <= @hi",
            _ => " AND e.at IS NOT NULL AND e.at >= @lo AND e.at <= @hi",
        };
        var compare = op switch
        {
            "exists" or "at_least" => ">= @n",
            "not_exists" => "< @n",
            _ => "= 0",
        };
        var sql = $"""
            SELECT p.id FROM profiles p
            WHERE (SELECT COUNT(*) FROM channel_activity_events e
                   WHERE e.profile_id = p.id AND lower(trim(e.channel)) = @channel AND lower(trim(e.event)) = @name{window}) {compare}
            ORDER BY p.id
            """;
        return new Case(json.ToString(), sql, new { channel, name, lo, hi, n = times ?? 1 });
    }

    [Fact]
    public void MembersOf_RandomConditions_EqualHandWrittenSql()
    {
        var random = new Random(7);
        var mismatches = new List<string>();
        var nonTrivial = 0;
        for (var i = 0; i < 60; i++)
        {
            var @case = RandomCase(random);
            var members = _db.MembersOf(@case.Parameters);
            using var connection = _db.Db.Database.Open();
            var expected = connection.Query<long>(@case.Sql, @case.SqlParameters).ToList();
            if (!members.SequenceEqual(expected))
            {
                mismatches.Add($"{@case.Parameters}: engine {members.Count} members, SQL {expected.Count}; only engine: {string.Join(",", members.Except(expected).Take(10))}; only SQL: {string.Join(",", expected.Except(members).Take(10))}");
            }

            if (expected.Count is > 0 and < Profiles)
            {
                nonTrivial++;
            }
        }

        Assert.Empty(mismatches);
        Assert.True(nonTrivial >= 40, $"only {nonTrivial} of 60 cases split the profiles; the data says too little");
    }

    public void Dispose() => _db.Dispose();
}
