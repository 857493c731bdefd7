using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// The author kit's test bed with the goals plugin (and the profile fields plugin, for trees that mix both), a few goals
/// and pixels, and helpers to insert achievements relative to the bed's fixed now.
/// </summary>
public static class GoalBed
{
    /// <summary>The counting condition.</summary>
    public const string Achieved = "goals.achieved";

    /// <summary>The complex condition.</summary>
    public const string Complex = "goals.complex";

    /// <summary>Milliseconds in a day.</summary>
    public const long Day = EvaluationClock.MillisecondsPerDay;

    /// <summary>The goals every bed starts with: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> KnownGoals =
    [
        ("signup", "Signed up"),
        ("purchase", "Purchase"),
        ("add-to-cart", "Added to cart"),
        ("login", "Logged in"),
    ];

    /// <summary>The pixels every bed starts with: id and name.</summary>
    public static readonly IReadOnlyList<(string Id, string Name)> KnownPixels =
    [
        ("site-main", "Main website"),
        ("landing", "Landing pages"),
        ("app-ios", "iOS app"),
    ];

    /// <summary>A new bed with <see cref="KnownGoals"/> and <see cref="KnownPixels"/>.</summary>
    public static PluginTestBed Create()
    {
        var bed = new PluginTestBed(new GoalsPlugin(), new ProfileFieldsPlugin());
        foreach (var (id, name) in KnownGoals)
        {
            bed.Insert(GoalTables.Goals, 0, new GoalRow { Id = id, Name = name });
        }

        foreach (var (id, name) in KnownPixels)
        {
            bed.Insert(GoalTables.Pixels, 0, new PixelRow { Id = id, Name = name });
        }

        return bed;
    }

    /// <summary>The bed's now in Unix milliseconds.</summary>
    public static long NowMs(this PluginTestBed bed) => bed.Now.ToUnixTimeMilliseconds();

    /// <summary>Inserts achievements of <paramref name="profileId"/>.</summary>
    public static PluginTestBed Achieve(this PluginTestBed bed, long profileId, params GoalAchievementRow[] rows) =>
        bed.Insert(GoalTables.Achievements, profileId, rows);

    /// <summary>An achievement of <paramref name="goal"/> at <paramref name="at"/> (Unix milliseconds) with <paramref name="cost"/>.</summary>
    public static GoalAchievementRow Goal(string goal, long at, decimal? cost = null) => new() { GoalId = goal, AchievedAt = at, Cost = cost };

    /// <summary>The parameters of a counting condition.</summary>
    public static Params Counting(string op) => Params.Operator(op);

    /// <summary>The parameters of a complex condition.</summary>
    public static Params Meets(bool meets = true) => Params.Operator(meets ? "meets" : "does_not_meet");
}
