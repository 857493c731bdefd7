using System.Globalization;
using System.Text.Json;
using Dapper;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>One message event to insert; <see cref="At"/> null stores an unknown time.</summary>
public sealed record TestEvent(long ProfileId, string Channel, string Event, DateTimeOffset? At);

/// <summary>
/// A throw-away SQLite database with the channel activity plugin (and any other in-process plugins given), profiles
/// 1..N, and helpers to insert events and read a condition's members. The clock is fixed at <see cref="Now"/>.
/// </summary>
public sealed class ActivityDatabase : IDisposable
{
    /// <summary>The engine's "now".</summary>
    public static readonly DateTimeOffset Now = TestDatabase.DefaultNow;

    /// <summary>Milliseconds in a day.</summary>
    public const long Day = EvaluationClock.MillisecondsPerDay;

    private int _segments;

    public ActivityDatabase(params IRulePlugin[] more)
    {
        Db = new TestDatabase([new ChannelActivityPlugin(), .. more]);
    }

    /// <summary>The database and engine.</summary>
    public TestDatabase Db { get; }

    /// <summary>Adds profiles 1..<paramref name="count"/>.</summary>
    public void AddProfiles(int count) => Db.AddProfiles(Enumerable.Range(1, count).Select(i => (long)i));

    /// <summary>Inserts message events.</summary>
    public void AddEvents(IEnumerable<TestEvent> events)
    {
        using var connection = Db.Database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            "INSERT INTO channel_activity_events (profile_id, channel, event, at) VALUES (@ProfileId, @Channel, @Event, @At)",
            events.Select(e => new { e.ProfileId, e.Channel, e.Event, At = e.At?.ToUnixTimeMilliseconds() }),
            transaction);
        transaction.Commit();
    }

    /// <summary>Inserts message events.</summary>
    public void AddEvents(params TestEvent[] events) => AddEvents((IEnumerable<TestEvent>)events);

    /// <summary>Saves a one-condition segment of <c>channel_activity.events</c> (or <paramref name="type"/>) and returns its members after a recalculation.</summary>
    public IReadOnlyList<long> MembersOf(string parameters, string type = "channel_activity.events") =>
        Db.MembersOf(type, Params(parameters), $"activity-{++_segments}");

    /// <summary>Condition parameters written as JSON.</summary>
    public static JsonElement Params(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A UTC instant from ISO text, e.g. <c>2026-01-31T23:59:59.999Z</c>.</summary>
    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public void Dispose() => Db.Dispose();
}
