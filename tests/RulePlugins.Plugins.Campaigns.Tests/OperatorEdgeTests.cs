using static RulePlugins.Plugins.Campaigns.Tests.CampaignsBed;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// The nine operators of both condition types on spells whose answers are read off the definitions, the clock fixed at
/// 2026-06-15T12:00:00Z. The same spells go into the campaign table (campaign <c>spring</c>) and the group table (group
/// <c>spring-lcg</c>), so both types must give the same members. Profile by profile:
/// 1 no spells at all; 2 in since 100 days ago; 3 left exactly now; 4 enters one millisecond after now (ignored);
/// 5 entered exactly now − 30 days, left 10 days ago; 6 entered one millisecond before that (and is in the other entity
/// now); 7 re-entered three times in the last 25 days, in now; 8 in long ago (and in the other entity now); 9 in, leaves
/// in 5 days, its id stored in other case with spaces; 10 only ever in the other entity; 11 entered at the first
/// millisecond of 2026-01-01; 12 at the last millisecond before it; 13 at the last millisecond of 2026-01-31; 14 at the
/// first millisecond after it; 15 entered twice in January and again yesterday, exactly one day ago; 16 entered exactly now.
/// </summary>
public sealed class OperatorEdgeTests : IDisposable
{
    private readonly CampaignsBed _db = new();

    private void AddSpells(SpellKind kind)
    {
        string ours = kind.Ours, other = kind.Other;
        _db.AddProfiles(16);
        _db.AddSpells(kind,
        [
            new(2, ours, Now.AddDays(-100), null),
            new(3, ours, Now.AddDays(-100), Now),
            new(4, ours, Now.AddMilliseconds(1), null),
            new(5, ours, Now.AddDays(-30), Now.AddDays(-10)),
            new(6, ours, Now.AddDays(-30).AddMilliseconds(-1), Now.AddDays(-10)),
            new(6, other, Now.AddDays(-5), null),
            new(7, ours, Now.AddDays(-25), Now.AddDays(-23)),
            new(7, ours, Now.AddDays(-15), Now.AddDays(-13)),
            new(7, ours, Now.AddDays(-5), null),
            new(8, ours, Now.AddDays(-400), Now.AddDays(-390)),
            new(8, other, Now.AddDays(-50), null),
            new(9, " " + ours.ToUpperInvariant() + " ", Now.AddDays(-10), Now.AddDays(5)),
            new(10, other, Now.AddDays(-20), null),
            new(11, ours, Utc("2026-01-01T00:00:00.000Z"), Utc("2026-01-05T00:00:00Z")),
            new(12, ours, Utc("2025-12-31T23:59:59.999Z"), Utc("2026-01-02T00:00:00Z")),
            new(13, ours, Utc("2026-01-31T23:59:59.999Z"), Utc("2026-02-10T00:00:00Z")),
            new(14, ours, Utc("2026-02-01T00:00:00.000Z"), Utc("2026-02-03T00:00:00Z")),
            new(15, ours, Utc("2026-01-10T00:00:00Z"), Utc("2026-01-12T00:00:00Z")),
            new(15, ours, Utc("2026-01-20T00:00:00Z"), Utc("2026-01-22T00:00:00Z")),
            new(15, ours, Now.AddDays(-1), null),
            new(16, ours, Now, null),
        ]);
    }

    private static readonly (string Parameters, long[] Expected)[] Answers =
    [
        ("""{"operator": "currently_in"}""", [2, 7, 9, 15, 16]),
        ("""{"operator": "currently_not_in"}""", [1, 3, 4, 5, 6, 8, 10, 11, 12, 13, 14]),
        ("""{"operator": "ever_entered"}""", [2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16]),
        ("""{"operator": "never_entered"}""", [1, 4, 10]),
        ("""{"operator": "no_longer_in"}""", [3, 5, 6, 8, 11, 12, 13, 14]),
        ("""{"operator": "entered_times_last_days", "times": 1, "last_days": 30}""", [5, 7, 9, 15, 16]),
        ("""{"operator": "entered_times_last_days", "times": 2, "last_days": 30}""", [7]),
        ("""{"operator": "entered_times_last_days", "times": 3, "last_days": 30}""", [7]),
        ("""{"operator": "entered_times_last_days", "times": 4, "last_days": 30}""", []),
        ("""{"operator": "entered_times_last_days", "times": 1, "last_days": 1}""", [15, 16]),
        ("""{"operator": "entered_times_in_period", "times": 1, "from": "2026-01-01", "to": "2026-01-31"}""", [11, 13, 15]),
        ("""{"operator": "entered_times_in_period", "times": 2, "from": "2026-01-01", "to": "2026-01-31"}""", [15]),
        ("""{"operator": "entered_times_in_period", "times": 1, "from": "2026-06-15", "to": "2026-06-30"}""", [16]),
        ("""{"operator": "not_entered_last_days", "last_days": 30}""", [1, 2, 3, 4, 6, 8, 10, 11, 12, 13, 14]),
        ("""{"operator": "not_entered_in_period", "from": "2026-01-01", "to": "2026-01-31"}""", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16]),
        ("""{"operator": "not_entered_in_period", "from": "2026-06-15", "to": "2026-06-30"}""", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
    ];

    public static TheoryData<string, string, long[]> Cases()
    {
        var data = new TheoryData<string, string, long[]>();
        foreach (var kind in SpellKind.All)
        {
            foreach (var (parameters, expected) in Answers)
            {
                data.Add(kind.Name, parameters, expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_OperatorOnKnownSpells_AreTheProfilesTheDefinitionSelects(string kind, string parameters, long[] expected)
    {
        var spellKind = SpellKind.Named(kind);
        AddSpells(spellKind);

        // The kit also checks, with every column loaded, that the condition reads only the columns it declares.
        _db.Bed.AssertMembers(spellKind.Type, On(spellKind, parameters), expected);
    }

    [Fact]
    public void Answers_CoverEveryOperatorOfTheFamily()
    {
        var covered = Answers.Select(a => Testing.Params.Json(a.Parameters).ToObject()["operator"]!.ToString()).ToHashSet();

        Assert.Equal(Sdk.Operators.MembershipHistoryOperators.All.Order(), covered.Order());
    }

    [Theory]
    [InlineData("campaign")]
    [InlineData("group")]
    public void Members_CurrentlyInAndCurrentlyNotIn_SplitEveryProfile(string kind)
    {
        var spellKind = SpellKind.Named(kind);
        AddSpells(spellKind);

        var isIn = _db.Bed.Members(spellKind.Type, On(spellKind, """{"operator": "currently_in"}"""));
        var notIn = _db.Bed.Members(spellKind.Type, On(spellKind, """{"operator": "currently_not_in"}"""));

        Assert.Empty(isIn.Intersect(notIn));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), isIn.Concat(notIn).Order());
    }

    [Theory]
    [InlineData("campaign")]
    [InlineData("group")]
    public void Members_ClockMovesPastTheLeftInstant_ProfileIsNoLongerIn(string kind)
    {
        var spellKind = SpellKind.Named(kind);
        _db.AddProfiles(1);
        _db.AddSpells(spellKind, [new(1, spellKind.Ours, Now.AddDays(-3), Now.AddDays(2))]);

        var before = _db.Bed.Members(spellKind.Type, On(spellKind, """{"operator": "currently_in"}"""));
        _db.Bed.Now = Now.AddDays(2);
        var atLeft = _db.Bed.Members(spellKind.Type, On(spellKind, """{"operator": "currently_in"}"""));
        var noLonger = _db.Bed.Members(spellKind.Type, On(spellKind, """{"operator": "no_longer_in"}"""));

        Assert.Equal([1L], before);
        Assert.Empty(atLeft);
        Assert.Equal([1L], noLonger);
    }

    [Theory]
    [InlineData("campaign")]
    [InlineData("group")]
    public void Explain_WindowedOperators_ShowTheEntriesCountedAndTheOthersNone(string kind)
    {
        var spellKind = SpellKind.Named(kind);
        AddSpells(spellKind);

        var lastDays = _db.Bed.ExplainedValues(spellKind.Type, On(spellKind, """{"operator": "entered_times_last_days", "times": 2, "last_days": 30}"""), 1, 4, 5, 6, 7, 9, 15, 16);
        var period = _db.Bed.ExplainedValues(spellKind.Type, On(spellKind, """{"operator": "not_entered_in_period", "from": "2026-01-01", "to": "2026-01-31"}"""), 11, 12, 13, 14, 15);
        var currently = _db.Bed.ExplainedValues(spellKind.Type, On(spellKind, """{"operator": "currently_in"}"""), 2, 3);

        Assert.Equal(["0", "0", "1", "0", "3", "1", "1", "1"], lastDays);
        Assert.Equal(["1", "0", "1", "0", "2"], period);
        Assert.Equal([null, null], currently);
    }

    public void Dispose() => _db.Dispose();
}
