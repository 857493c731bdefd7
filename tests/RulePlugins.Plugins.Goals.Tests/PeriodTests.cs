using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// The period window (<c>from</c>, <c>to</c>: whole UTC days) of <c>goals.achieved</c> on signups placed on its edges:
/// the first millisecond of the first day and the last of the last day count, one millisecond outside does not; a
/// period may be open on either side; an achievement dated after now counts in no period, so a period in the future selects nobody.
/// </summary>
public sealed class PeriodTests : IDisposable
{
    private static readonly DateTimeOffset First = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Last = new(2026, 6, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly PluginTestBed _bed = Create();

    public PeriodTests()
    {
        static long Ms(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();
        _bed.AddProfiles(1, 2, 3, 4, 5, 6, 7);
        _bed.Achieve(1, Goal("signup", Ms(First)));
        _bed.Achieve(2, Goal("signup", Ms(First) - 1));
        _bed.Achieve(3, Goal("signup", Ms(Last.AddDays(1)) - 1));
        _bed.Achieve(4, Goal("signup", Ms(Last.AddDays(1))));
        _bed.Achieve(5, Goal("signup", Ms(First.AddDays(4)), 10), Goal("signup", Ms(First.AddDays(5)), 30));
        // 6: none. 7: one in three days, after the bed's now (2026-06-15 12:00 UTC).
        _bed.Achieve(7, Goal("signup", Ms(new DateTimeOffset(2026, 6, 18, 9, 0, 0, TimeSpan.Zero))));
    }

    public static TheoryData<string, long[]> Cases() => new()
    {
        { """{"operator":"exists","from":"2026-06-01","to":"2026-06-10"}""", [1, 3, 5] },
        { """{"operator":"not_once","from":"2026-06-01","to":"2026-06-10"}""", [2, 4, 6, 7] },
        { """{"operator":"at_least","times":2,"from":"2026-06-01T15:00:00Z","to":"2026-06-10T01:00:00Z"}""", [5] },
        { """{"operator":"exists","from":"2026-06-11"}""", [4] },
        { """{"operator":"exists","to":"2026-05-31"}""", [2] },
        { """{"operator":"total","goal_cost_operator":"equals","goal_cost_value":40,"from":"2026-06-01","to":"2026-06-10"}""", [5] },
        { """{"operator":"exists","from":"2026-06-16","to":"2026-06-20"}""", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_Period_CountsWholeUtcDaysBothIncluded(string parameters, long[] expected) =>
        _bed.AssertMembers(Achieved, Params.Json(parameters).With("goal", "signup"), expected);

    [Fact]
    public void Members_ComplexInPeriod_UsesTheSameEdges() =>
        _bed.AssertMembers(Complex, Params.Json("""{"operator":"meets","from":"2026-06-01","to":"2026-06-10","goal":"signup"}"""), 1, 3, 5);

    public void Dispose() => _bed.Dispose();
}
