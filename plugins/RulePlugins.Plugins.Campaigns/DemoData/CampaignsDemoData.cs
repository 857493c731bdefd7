using RulePlugins.Plugins.Campaigns.Data;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Campaigns.DemoData;

/// <summary>
/// Fifteen campaigns, each with a local control group (about 10% of its profiles) and six with test groups A and B
/// (the rest of their profiles, split evenly), and the spells profiles spent in them: 40% of the profiles are in no
/// campaign, half in one to three, a tenth in four to eight. One-off campaigns are entered once (spells open
/// while the campaign runs, closed when it ended, some long ago); triggered ones (abandoned cart, win-back, price
/// drops, birthdays) are re-entered many times. A profile's group spells follow its campaign spells exactly, so only
/// profiles of a campaign are ever in its groups. Deterministic for a seed.
/// </summary>
public sealed class CampaignsDemoData : IDemoDataGenerator
{
    /// <summary>The campaign the first example segment counts re-entries of (profiles re-enter it every few days).</summary>
    public const string RepeatedCampaign = "abandoned-cart";

    /// <summary>The running campaign whose local control group the second example segment reads.</summary>
    public const string RunningCampaign = "summer-sale";

    /// <summary>The campaigns written to <c>campaigns</c>.</summary>
    public static readonly IReadOnlyList<DemoCampaign> Campaigns =
    [
        new("welcome-series", "Welcome series", 720, null, 1, 21, 4, false),
        new(RepeatedCampaign, "Abandoned cart reminders", 120, null, 10, 2, 3, true),
        new("spring-sale", "Spring sale", 90, 60, 1, null, 2, true),
        new(RunningCampaign, "Summer sale", 20, null, 1, null, 2.5, true),
        new("black-friday-2025", "Black Friday 2025", 205, 199, 1, null, 2, false),
        new("new-year-2026", "New Year 2026", 180, 160, 1, null, 1.5, true),
        new("loyalty-gold", "Gold loyalty tier", 700, null, 2, null, 0.8, false),
        new("win-back", "Win-back", 365, null, 4, 30, 1.2, false),
        new("birthday", "Birthday greetings", 730, null, 2, 7, 1, false),
        new("price-drop", "Price drop alerts", 180, null, 8, 3, 1.2, true),
        new("app-onboarding", "Mobile app onboarding", 500, null, 1, 10, 1, false),
        new("nps-survey", "NPS survey", 60, 45, 1, null, 0.8, false),
        new("vip-preview", "VIP preview", 30, 25, 1, null, 0.4, true),
        new("referral", "Referral programme", 300, null, 1, null, 0.6, false),
        new("sms-reactivation", "SMS reactivation", 420, 400, 1, null, 0.7, false),
    ];

    private const long Day = EvaluationClock.MillisecondsPerDay;
    private const long Hour = Day / 24;

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var random = new Random(context.Seed + 12);
        context.WriteIdsAndNames(CampaignTables.Campaigns, Campaigns.Select(campaign => (campaign.Id, campaign.Name)));

        using (var groups = context.OpenWriter(CampaignTables.Groups, ["id", "campaign_id", "kind", "name"]))
        {
            foreach (var campaign in Campaigns)
            {
                groups.Add(campaign.ControlGroupId, campaign.Id, GroupKinds.Control, campaign.Name);
                if (campaign.TestGroups)
                {
                    groups.Add(campaign.TestGroupId('A'), campaign.Id, GroupKinds.Test, $"{campaign.Name}, variant A");
                    groups.Add(campaign.TestGroupId('B'), campaign.Id, GroupKinds.Test, $"{campaign.Name}, variant B");
                }
            }
        }

        WriteSpells(context, random);
    }

    private static void WriteSpells(DemoDataContext context, Random random)
    {
        var now = context.NowUnixMilliseconds;
        var totalWeight = Campaigns.Sum(c => c.Weight);
        var chosen = new List<DemoCampaign>(Campaigns.Count);
        var entries = new List<long>();
        using var spells = context.OpenWriter(CampaignTables.CampaignSpells, ["profile_id", "campaign_id", "entered_at", "left_at"]);
        using var groupSpells = context.OpenWriter(CampaignTables.GroupSpells, ["profile_id", "group_id", "entered_at", "left_at"]);
        foreach (var profile in context.Profiles("campaign spells"))
        {
            // 40% in no campaign, half in one to three, a tenth in four to eight.
            var count = random.NextDouble() switch { < 0.4 => 0, < 0.9 => 1 + random.Next(3), _ => 4 + random.Next(5) };
            chosen.Clear();
            for (var attempt = 0; chosen.Count < count && attempt < 4 * count; attempt++)
            {
                var campaign = Pick(random, totalWeight);
                if (!chosen.Contains(campaign))
                {
                    chosen.Add(campaign);
                }
            }

            foreach (var campaign in chosen)
            {
                var group = random.NextDouble() switch
                {
                    < 0.1 => campaign.ControlGroupId,
                    < 0.55 when campaign.TestGroups => campaign.TestGroupId('A'),
                    _ when campaign.TestGroups => campaign.TestGroupId('B'),
                    _ => null,
                };
                foreach (var (entered, left) in Spells(campaign, now, random, entries))
                {
                    spells.Add(profile, campaign.Id, entered, left);
                    if (group is not null)
                    {
                        groupSpells.Add(profile, group, entered, left);
                    }
                }
            }
        }
    }

    private static DemoCampaign Pick(Random random, double totalWeight)
    {
        var at = random.NextDouble() * totalWeight;
        foreach (var campaign in Campaigns)
        {
            at -= campaign.Weight;
            if (at < 0)
            {
                return campaign;
            }
        }

        return Campaigns[^1];
    }

    /// <summary>
    /// One profile's spells in a campaign, in order and never overlapping: entries spread over the campaign's run, each
    /// left after about <see cref="DemoCampaign.SpellDays"/> (or when the campaign ended); the last one is still open
    /// when it would leave after now or the campaign runs on without a spell length.
    /// </summary>
    private static IEnumerable<(long Entered, long? Left)> Spells(DemoCampaign campaign, long now, Random random, List<long> entries)
    {
        var start = now - campaign.StartDaysAgo * Day;
        var end = campaign.EndDaysAgo is { } endDays ? now - endDays * Day : now;
        var count = campaign.MaxEntries == 1 ? 1 : 1 + (int)(Math.Pow(random.NextDouble(), 1.5) * campaign.MaxEntries);
        entries.Clear();
        for (var i = 0; i < count; i++)
        {
            // One-off campaigns are entered early in their run; triggered ones at any time of it.
            var spread = campaign.MaxEntries == 1 ? 0.8 : 1.0;
            entries.Add(start + (long)(random.NextDouble() * spread * (end - start)));
        }

        entries.Sort();
        for (var i = 0; i < entries.Count; i++)
        {
            var entered = entries[i];
            var next = i + 1 < entries.Count ? entries[i + 1] : (long?)null;
            long? left = campaign.SpellDays is { } days
                ? entered + (long)((0.5 + random.NextDouble()) * days * Day)
                : campaign.EndDaysAgo is not null ? end + random.Next(0, 24) * Hour : null;
            if (next is { } nextEntry && (left is null || left >= nextEntry))
            {
                left = entered + (nextEntry - entered) / 2;
            }

            // A spell leaving after now is still open: most have no left instant yet, some a planned one.
            if (left > now && random.NextDouble() < 0.8)
            {
                left = null;
            }

            yield return (entered, left);
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        $$"""
        {
          "schemaVersion": 1,
          "id": "abandoned-cart-twice-30-days",
          "name": "Entered the abandoned cart campaign at least twice in the last 30 days",
          "description": "Profiles that came back to the abandoned cart reminders at least 2 times in the last 30 days: re-entries count.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "campaigns.participation", "params": { "campaign": "{{RepeatedCampaign}}", "operator": "entered_times_last_days", "times": 2, "last_days": 30 } }
            ]
          }
        }
        """,
        $$"""
        {
          "schemaVersion": 1,
          "id": "summer-sale-control-group",
          "name": "Currently in the local control group of the summer sale",
          "description": "Profiles held back from the summer sale's messages now, to measure the campaign's effect.",
          "subject": "profile",
          "rules": {
            "op": "and",
            "items": [
              { "type": "campaigns.group", "params": { "group": "{{RunningCampaign}}-lcg", "operator": "currently_in" } }
            ]
          }
        }
        """,
    ];
}
