using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// Sub-conditions combined hold on one achievement: two sub-conditions true on different achievements of a profile do
/// not match, on the same one they do; the same for <c>goals.achieved</c>, whose count is of achievements passing all.
/// </summary>
public sealed class CombinationTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    public CombinationTests()
    {
        var now = _bed.NowMs();
        _bed.AddProfiles(1, 2, 3);
        // 1: a purchase from google and a login from email: purchase and email on different achievements.
        _bed.Achieve(1,
            new GoalAchievementRow { GoalId = "purchase", AchievedAt = now - Day, UtmSource = "google", PixelData = """{"plan":"silver"}""" },
            new GoalAchievementRow { GoalId = "login", AchievedAt = now - 2 * Day, UtmSource = "email", PixelData = """{"plan":"gold"}""" });
        // 2: a purchase from email with plan gold: all on one achievement.
        _bed.Achieve(2, new GoalAchievementRow { GoalId = "purchase", AchievedAt = now - Day, UtmSource = "email", PixelData = """{"plan":"gold"}""" });
        // 3: three purchases from email with plan gold, one of them 40 days ago.
        _bed.Achieve(3,
            new GoalAchievementRow { GoalId = "purchase", AchievedAt = now - Day, UtmSource = "email", PixelData = """{"plan":"gold"}""" },
            new GoalAchievementRow { GoalId = "purchase", AchievedAt = now - 3 * Day, UtmSource = "Email", PixelData = """{"plan":"Gold","seats":2}""" },
            new GoalAchievementRow { GoalId = "purchase", AchievedAt = now - 40 * Day, UtmSource = "email", PixelData = """{"plan":"gold"}""" });
    }

    private static Params PurchaseFromEmail(Params parameters) => parameters.With("goal", "purchase").With("utm_source", new[] { "email" });

    [Fact]
    public void Members_TwoSubConditionsOnDifferentAchievements_DoNotMeet()
    {
        _bed.AssertMembers(Complex, PurchaseFromEmail(Meets()), 2, 3);
        _bed.AssertMembers(Complex, PurchaseFromEmail(Meets(false)), 1);
    }

    [Fact]
    public void Members_GoalAndPixelDataOnDifferentAchievements_DoNotMeet() =>
        _bed.AssertMembers(Complex, Meets().With("goal", "purchase").With("data1_kind", "string").With("data1_key", "plan")
            .With("data1_string_operator", "equals").With("data1_string_value", "gold"), 2, 3);

    [Fact]
    public void Members_AchievedAtLeastWithFacets_CountsOnlyAchievementsPassingAll()
    {
        var gold = PurchaseFromEmail(Counting("at_least").With("times", 3))
            .With("data1_kind", "string").With("data1_key", "plan").With("data1_string_operator", "equals").With("data1_string_value", "gold");

        _bed.AssertMembers(Achieved, gold, 3);
        _bed.AssertMembers(Achieved, gold.With("last_days", 30));
        _bed.AssertMembers(Achieved, gold.With("times", 2).With("last_days", 30), 3);
        _bed.AssertMembers(Achieved, PurchaseFromEmail(Counting("not_once")), 1);
    }

    public void Dispose() => _bed.Dispose();
}
