using RulePlugins.Testing;
using static RulePlugins.Plugins.ProfileFields.Tests.FieldAccess;

namespace RulePlugins.Plugins.ProfileFields.Tests;

/// <summary>
/// The date operators on birth_date and created_at. Day comparisons use the UTC calendar day of both sides;
/// in_last_days and more_than_days_ago compare with the evaluation instant (2026-06-15T12:00:00Z). The other
/// date field holds a decoy, so reading the wrong column changes the answer.
/// </summary>
public sealed class DateFieldOperatorTests : IDisposable
{
    private const long NoRow = 11;

    private static readonly DateTimeOffset DecoyDate = Utc("2001-01-01T00:00:00Z");

    // Id -> value of the date field under test; now is 2026-06-15T12:00:00Z. Profile 11 has no profile_fields row.
    private static readonly (long Id, string? Value)[] Values =
    [
        (1, "2026-05-16T12:00:00.000Z"), // exactly 30 days before now
        (2, "2026-05-16T11:59:59.999Z"), // one millisecond earlier
        (3, "2026-05-16T00:00:00.000Z"), // first instant of that day
        (4, "2026-05-16T23:59:59.999Z"), // last instant of that day
        (5, "2026-05-15T23:59:59.999Z"), // last instant of the day before
        (6, "2026-05-17T00:00:00.000Z"), // first instant of the day after
        (7, "2026-06-15T12:00:00.000Z"), // now
        (8, "2026-06-15T12:00:00.001Z"), // one millisecond in the future
        (9, "1990-03-10T08:00:00.000Z"),
        (10, null),
    ];

    private static readonly (string Params, long[] Expected)[] Cases =
    [
        ("""{"operator": "equals", "value": "2026-05-16"}""", [1, 2, 3, 4]),
        ("""{"operator": "equals", "value": "2026-05-16T23:30:00Z"}""", [1, 2, 3, 4]),
        ("""{"operator": "equals", "value": "2026-05-17T01:00:00+03:00"}""", [1, 2, 3, 4]),
        ("""{"operator": "equals", "value": "2026-06-15"}""", [7, 8]),
        ("""{"operator": "not_equals", "value": "2026-05-16"}""", [5, 6, 7, 8, 9, 10, NoRow]),
        ("""{"operator": "greater", "value": "2026-05-16"}""", [6, 7, 8]),
        ("""{"operator": "less", "value": "2026-05-16"}""", [5, 9]),
        ("""{"operator": "greater_or_equal", "value": "2026-05-16"}""", [1, 2, 3, 4, 6, 7, 8]),
        ("""{"operator": "less_or_equal", "value": "2026-05-16"}""", [1, 2, 3, 4, 5, 9]),
        ("""{"operator": "in_range", "from": "2026-05-16", "to": "2026-05-17"}""", [1, 2, 3, 4, 6]),
        ("""{"operator": "in_range", "from": "2026-05-15", "to": "2026-05-16"}""", [1, 2, 3, 4, 5]),
        ("""{"operator": "in_range", "from": "2026-05-16", "to": "2026-05-16"}""", [1, 2, 3, 4]),
        ("""{"operator": "in_range", "from": "1990-01-01", "to": "2026-05-15"}""", [5, 9]),
        ("""{"operator": "in_last_days", "days": 30}""", [1, 4, 6, 7]),
        ("""{"operator": "in_last_days", "days": 1}""", [7]),
        ("""{"operator": "more_than_days_ago", "days": 30}""", [2, 3, 5, 9]),
        ("""{"operator": "more_than_days_ago", "days": 1}""", [1, 2, 3, 4, 5, 6, 9]),
        ("""{"operator": "more_than_days_ago", "days": 36500}""", []),
    ];

    private readonly TestDatabase _db = new();

    public static TheoryData<string, string, long[]> FieldCases()
    {
        var data = new TheoryData<string, string, long[]>();
        foreach (var field in DateFields)
        {
            foreach (var (parameters, expected) in Cases)
            {
                data.Add(field, parameters, expected);
            }
        }

        return data;
    }

    private void AddProfiles(string field)
    {
        var decoy = DateFields.Single(f => f != field);
        _db.AddProfiles(Values
            .Select(v => new ProfileData(v.Id).WithDate(decoy, DecoyDate).WithDate(field, v.Value is null ? null : Utc(v.Value)))
            .ToArray());
        _db.AddProfiles([NoRow]);
    }

    [Theory]
    [MemberData(nameof(FieldCases))]
    public void MembersOf_DateOperator_MatchesExpectedProfiles(string field, string parameters, long[] expected)
    {
        AddProfiles(field);

        var members = _db.MembersOf(field, Params(parameters));

        Assert.Equal(expected, members);
    }

    [Theory]
    [InlineData("profile.birth_date")]
    [InlineData("profile.created_at")]
    public void MembersOf_InLastDaysAfterClockMoves_FollowsTheClock(string field)
    {
        AddProfiles(field);
        var parameters = Params("""{"operator": "in_last_days", "days": 30}""");
        var before = _db.MembersOf(field, parameters, "before");

        _db.Clock.Now = TestDatabase.DefaultNow.AddMilliseconds(1);
        var after = _db.MembersOf(field, parameters, "after");

        Assert.Equal([1L, 4, 6, 7], before);
        Assert.Equal([4L, 6, 7, 8], after);
    }

    [Fact]
    public void MembersOf_LessOrEqualLastRepresentableDay_SelectsEveryKnownDate()
    {
        AddProfiles("profile.birth_date");
        var parameters = Params("""{"operator": "less_or_equal", "value": "9999-12-31"}""");
        Assert.Empty(_db.Engine.Check(Documents.Single("last-day", "profile.birth_date", parameters)));

        var members = _db.MembersOf("profile.birth_date", parameters, "last-day");

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8, 9], members);
    }

    [Fact]
    public void MembersOf_InRangeFromAndToOnOneDayFromLaterInTheDay_SelectsThatDay()
    {
        AddProfiles("profile.created_at");

        // Both ends are on 2026-05-16 (UTC): the range is that one day, whatever the times of day.
        var members = _db.MembersOf("profile.created_at", Params("""{"operator": "in_range", "from": "2026-05-16T20:00:00Z", "to": "2026-05-16T10:00:00Z"}"""));

        Assert.Equal([1L, 2, 3, 4], members);
    }

    public void Dispose() => _db.Dispose();
}
