using RulePlugins.Testing;
using static RulePlugins.Plugins.ProfileFields.Tests.FieldAccess;

namespace RulePlugins.Plugins.ProfileFields.Tests;

/// <summary>
/// profile.age: full years from the birth date to the evaluation day (UTC calendar), 2026-06-15 here. Unknown
/// birth dates (null, or no profile_fields row) match only not_equals and not_in_list.
/// </summary>
public sealed class AgeOperatorTests : IDisposable
{
    private const long NoRow = 12;

    private readonly TestDatabase _db = new();

    public AgeOperatorTests()
    {
        _db.AddProfiles(
            new ProfileData(1) { BirthDate = Utc("2008-06-15T00:00:00Z"), CreatedAt = Utc("1950-01-01T00:00:00Z") }, // 18 today
            new ProfileData(2) { BirthDate = Utc("2008-06-16T00:00:00Z"), CreatedAt = Utc("1950-01-01T00:00:00Z") }, // 17, 18 tomorrow
            new ProfileData(3) { BirthDate = Utc("2008-06-15T23:59:59.999Z") }, // 18 today, born later in the day than now
            new ProfileData(4) { BirthDate = Utc("2008-06-14T12:00:00Z") }, // 18 since yesterday
            new ProfileData(5) { BirthDate = Utc("2007-06-16T00:00:00Z") }, // 18, 19 tomorrow
            new ProfileData(6) { BirthDate = Utc("2007-06-15T00:00:00Z") }, // 19 today
            new ProfileData(7) { BirthDate = Utc("1990-01-01T00:00:00Z") }, // 36
            new ProfileData(8) { BirthDate = Utc("2010-02-28T00:00:00Z") }, // 16
            new ProfileData(9) { BirthDate = Utc("2004-02-29T00:00:00Z") }, // 22, born on a leap day
            new ProfileData(10) { BirthDate = Utc("2026-06-15T06:00:00Z") }, // 0, born today
            new ProfileData(11) { BirthDate = null, CreatedAt = Utc("2008-06-15T00:00:00Z") }); // unknown
        _db.AddProfiles([NoRow]);
    }

    [Theory]
    [InlineData("""{"operator": "equals", "value": 18}""", new long[] { 1, 3, 4, 5 })]
    [InlineData("""{"operator": "equals", "value": 0}""", new long[] { 10 })]
    [InlineData("""{"operator": "equals", "value": 22}""", new long[] { 9 })]
    [InlineData("""{"operator": "not_equals", "value": 18}""", new long[] { 2, 6, 7, 8, 9, 10, 11, NoRow })]
    [InlineData("""{"operator": "greater", "value": 18}""", new long[] { 6, 7, 9 })]
    [InlineData("""{"operator": "less", "value": 18}""", new long[] { 2, 8, 10 })]
    [InlineData("""{"operator": "greater_or_equal", "value": 18}""", new long[] { 1, 3, 4, 5, 6, 7, 9 })]
    [InlineData("""{"operator": "less_or_equal", "value": 18}""", new long[] { 1, 2, 3, 4, 5, 8, 10 })]
    [InlineData("""{"operator": "less_or_equal", "value": 17}""", new long[] { 2, 8, 10 })]
    [InlineData("""{"operator": "in_range", "min": 17, "max": 18}""", new long[] { 1, 2, 3, 4, 5 })]
    [InlineData("""{"operator": "in_range", "min": 18, "max": 18}""", new long[] { 1, 3, 4, 5 })]
    [InlineData("""{"operator": "in_range", "min": 0, "max": 16}""", new long[] { 8, 10 })]
    [InlineData("""{"operator": "in_list", "values": [18, 36]}""", new long[] { 1, 3, 4, 5, 7 })]
    [InlineData("""{"operator": "in_list", "values": [17]}""", new long[] { 2 })]
    [InlineData("""{"operator": "not_in_list", "values": [18, 36]}""", new long[] { 2, 6, 8, 9, 10, 11, NoRow })]
    [InlineData("""{"operator": "not_in_list", "values": [150]}""", new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, NoRow })]
    public void MembersOf_AgeOperator_MatchesExpectedProfiles(string parameters, long[] expected)
    {
        var members = _db.MembersOf("profile.age", Params(parameters));

        Assert.Equal(expected, members);
    }

    [Fact]
    public void MembersOf_AgeEqualsOnTheNextDay_BirthdaysOfThatDayCount()
    {
        _db.Clock.Now = TestDatabase.DefaultNow.AddDays(1);

        var members = _db.MembersOf("profile.age", Params("""{"operator": "equals", "value": 18}"""));

        // Profile 2 turns 18, profile 5 turns 19.
        Assert.Equal([1L, 2, 3, 4], members);
    }

    [Fact]
    public void Explain_Age_ShowsTheAgeComparedAndUnknownWithoutABirthDate()
    {
        var values = _db.ExplainedValues("profile.age", Params("""{"operator": "equals", "value": 18}"""), [1, 2, 6, 9, 10, 11, NoRow]);

        Assert.Equal(["18", "17", "19", "22", "0", "unknown", "unknown"], values);
    }

    [Theory]
    [InlineData("in_list")]
    [InlineData("not_in_list")]
    public void Check_AgeListWithFractionalValue_IsRefusedLikeASingleValue(string op)
    {
        // "value": 17.5 is refused ("expected a whole number"); a list item of 17.5 must not be read as age 17.
        var json = Documents.Single("fraction", "profile.age", Params($$"""{"operator": "{{op}}", "values": [17.5]}"""));

        var error = Assert.Single(_db.Engine.Check(json));

        Assert.Equal("rules.items[0].params.values[0]", error.Path);
    }

    public void Dispose() => _db.Dispose();
}
