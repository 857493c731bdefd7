using RulePlugins.Testing;
using static RulePlugins.Plugins.Campaigns.Tests.CampaignsBed;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// The semantics of the nine operators stated plainly over the spells a test inserted, for the differential harness:
/// a spell counts when its entity equals the condition's (ignoring case and surrounding white space) and it entered at
/// or before now; it is open when it has not left or leaves after now; an entry is in a window by its entered instant,
/// the last X days being [now − X days, now] and a period its whole UTC days.
/// </summary>
public sealed class SpellReference(IReadOnlyDictionary<string, List<TestSpell>> spellsByType)
{
    /// <summary>Whether profile <paramref name="profileId"/> satisfies <paramref name="condition"/>.</summary>
    public bool Holds(long profileId, KitCondition condition)
    {
        var kind = SpellKind.All.Single(k => k.Type == condition.Type);
        var entity = (string)condition.Get(kind.Parameter)!;
        var spells = spellsByType[kind.Type]
            .Where(s => s.ProfileId == profileId && string.Equals(s.Entity.Trim(), entity.Trim(), StringComparison.OrdinalIgnoreCase) && s.Entered <= Now)
            .ToList();
        var isIn = spells.Any(s => s.Left is null || s.Left > Now);
        long Entries(DateTimeOffset from, DateTimeOffset to) => spells.Count(s => s.Entered >= from && s.Entered <= to);
        long LastDays() => Entries(Now.AddDays(-(long)condition.Get("last_days")!), Now);
        long Period() => Entries(Day(condition.Get("from")), Day(condition.Get("to")).AddDays(1).AddMilliseconds(-1));
        return (string)condition.Get("operator")! switch
        {
            "currently_in" => isIn,
            "currently_not_in" => !isIn,
            "ever_entered" => spells.Count > 0,
            "never_entered" => spells.Count == 0,
            "no_longer_in" => spells.Count > 0 && !isIn,
            "entered_times_last_days" => LastDays() >= (long)condition.Get("times")!,
            "entered_times_in_period" => Period() >= (long)condition.Get("times")!,
            "not_entered_last_days" => LastDays() == 0,
            "not_entered_in_period" => Period() == 0,
            var op => throw new ArgumentOutOfRangeException(nameof(condition), op),
        };
    }

    private static DateTimeOffset Day(object? value) => new(DateOnly.ParseExact((string)value!, "yyyy-MM-dd").ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
