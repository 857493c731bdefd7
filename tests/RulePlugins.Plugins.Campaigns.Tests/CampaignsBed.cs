using System.Globalization;
using Dapper;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>One spell to insert: the entity id as stored, when the profile entered and when it left (null while in).</summary>
public sealed record TestSpell(long ProfileId, string Entity, DateTimeOffset Entered, DateTimeOffset? Left);

/// <summary>
/// The kit's test bed over the campaigns plugin with its reference data (campaigns <c>spring</c> "Spring sale" and
/// <c>autumn</c> "Autumn sale"; groups <c>spring-lcg</c>, <c>spring-test-a</c>, <c>spring-test-b</c> and <c>autumn-lcg</c>)
/// and helpers to insert spells. The clock is fixed at <see cref="Now"/>.
/// </summary>
public sealed class CampaignsBed : IDisposable
{
    /// <summary>The engine's "now": 2026-06-15T12:00:00Z.</summary>
    public static readonly DateTimeOffset Now = TestDatabase.DefaultNow;

    /// <summary>Milliseconds in a day.</summary>
    public const long Day = EvaluationClock.MillisecondsPerDay;

    public CampaignsBed()
    {
        Bed = new PluginTestBed(new CampaignsPlugin());
        Bed.Database.Execute("INSERT INTO campaigns (id, name) VALUES ('spring', 'Spring sale'), ('autumn', 'Autumn sale')");
        Bed.Database.Execute(
            """
            INSERT INTO campaign_groups (id, campaign_id, kind, name) VALUES
              ('spring-lcg', 'spring', 'control', 'Spring sale'),
              ('spring-test-a', 'spring', 'test', 'Spring sale, variant A'),
              ('spring-test-b', 'spring', 'test', 'Spring sale, variant B'),
              ('autumn-lcg', 'autumn', 'control', 'Autumn sale')
            """);
    }

    /// <summary>The kit's bed.</summary>
    public PluginTestBed Bed { get; }

    /// <summary>Adds profiles 1..<paramref name="count"/>.</summary>
    public void AddProfiles(int count) => Bed.AddProfiles([.. Enumerable.Range(1, count).Select(i => (long)i)]);

    /// <summary>Inserts spells into the table of <paramref name="kind"/>.</summary>
    public void AddSpells(SpellKind kind, IEnumerable<TestSpell> spells)
    {
        using var connection = Bed.Database.Database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            $"INSERT INTO {kind.Table} (profile_id, {kind.Column}, entered_at, left_at) VALUES (@ProfileId, @Entity, @Entered, @Left)",
            spells.Select(s => new { s.ProfileId, s.Entity, Entered = s.Entered.ToUnixTimeMilliseconds(), Left = s.Left?.ToUnixTimeMilliseconds() }),
            transaction);
        transaction.Commit();
    }

    /// <summary>A UTC instant from ISO text, e.g. <c>2026-01-31T23:59:59.999Z</c>.</summary>
    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The parameters of a condition of <paramref name="kind"/> on its <see cref="SpellKind.Ours"/> entity: the entity, then <paramref name="json"/>'s.</summary>
    public static Params On(SpellKind kind, string json) => On(kind, kind.Ours, json);

    /// <summary>The parameters of a condition of <paramref name="kind"/> on <paramref name="entity"/>, then <paramref name="json"/>'s.</summary>
    public static Params On(SpellKind kind, string entity, string json)
    {
        var result = Params.Empty.With(kind.Parameter, entity);
        foreach (var (name, value) in Params.Json(json).ToObject())
        {
            result = result.With(name, value);
        }

        return result;
    }

    public void Dispose() => Bed.Dispose();
}
