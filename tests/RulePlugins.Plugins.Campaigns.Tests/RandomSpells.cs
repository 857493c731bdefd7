using static RulePlugins.Plugins.Campaigns.Tests.CampaignsBed;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// Random spells for tests that compare the engine with an independent statement of the semantics: for each profile
/// 0 to 5 spells of the entity the tests ask about or of another (some stored in other case with spaces), entered on
/// or one millisecond off every edge the tests' windows have (now − 1, 7 and 30 days, the period's first and last
/// milliseconds, now) or anywhere from 60 days before to 10 days after now; open, left exactly now, or left later
/// (some after now). Deterministic per seed.
/// </summary>
public static class RandomSpells
{
    /// <summary>The windows of the tests: last days.</summary>
    public static readonly int[] WindowDays = [1, 7, 30];

    /// <summary>The period of the tests: its first day.</summary>
    public static readonly DateOnly PeriodFrom = new(2026, 5, 20);

    /// <summary>The period of the tests: its last day.</summary>
    public static readonly DateOnly PeriodTo = new(2026, 6, 3);

    /// <summary>The first millisecond of the period.</summary>
    public static DateTimeOffset PeriodStart => new(PeriodFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The last millisecond of the period.</summary>
    public static DateTimeOffset PeriodEnd => new DateTimeOffset(PeriodTo.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1).AddMilliseconds(-1);

    /// <summary>Spells of <paramref name="kind"/> for profiles 1..<paramref name="profiles"/>.</summary>
    public static List<TestSpell> For(SpellKind kind, int profiles, Random random)
    {
        var edges = WindowDays.Select(d => Now.AddDays(-d)).Append(Now).Append(PeriodStart).Append(PeriodEnd).ToArray();
        var spells = new List<TestSpell>();
        for (var profile = 1L; profile <= profiles; profile++)
        {
            var count = random.Next(0, 6);
            for (var i = 0; i < count; i++)
            {
                var entity = random.Next(10) switch
                {
                    < 5 => kind.Ours,
                    < 6 => " " + kind.Ours.ToUpperInvariant(),
                    < 9 => kind.Other,
                    _ => kind.Other.ToUpperInvariant() + " ",
                };
                var entered = random.Next(2) == 0
                    ? edges[random.Next(edges.Length)].AddMilliseconds(random.Next(-1, 2))
                    : Now.AddMinutes(random.Next(-60 * 24 * 60, 10 * 24 * 60));
                DateTimeOffset? left = random.Next(10) switch
                {
                    < 4 => null,
                    < 5 => Now,
                    _ => entered.AddMinutes(random.Next(1, 20 * 24 * 60)),
                };
                spells.Add(new TestSpell(profile, entity, entered, left));
            }
        }

        return spells;
    }
}
