using RulePlugins.Testing;
using static RulePlugins.Plugins.ProfileFields.Tests.FieldAccess;

namespace RulePlugins.Plugins.ProfileFields.Tests;

/// <summary>profile.gender: the allowed values female/male/unknown, compared ignoring case, and its six operators.</summary>
public sealed class GenderOperatorTests : IDisposable
{
    private const long NoRow = 10;

    private readonly TestDatabase _db = new();

    public GenderOperatorTests()
    {
        _db.AddProfiles(
            new ProfileData(1) { Gender = "female" },
            new ProfileData(2) { Gender = "Female" },
            new ProfileData(3) { Gender = "FEMALE" },
            new ProfileData(4) { Gender = "male" },
            new ProfileData(5) { Gender = "Male" },
            new ProfileData(6) { Gender = "unknown" },
            new ProfileData(7) { Gender = null },
            new ProfileData(8) { Gender = "" },
            new ProfileData(9) { Gender = "  " });
        _db.AddProfiles([NoRow]);
    }

    [Theory]
    [InlineData("""{"operator": "equals", "value": "female"}""", new long[] { 1, 2, 3 })]
    [InlineData("""{"operator": "equals", "value": "male"}""", new long[] { 4, 5 })]
    [InlineData("""{"operator": "equals", "value": "unknown"}""", new long[] { 6 })]
    [InlineData("""{"operator": "not_equals", "value": "female"}""", new long[] { 4, 5, 6, 7, 8, 9, NoRow })]
    [InlineData("""{"operator": "not_equals", "value": "unknown"}""", new long[] { 1, 2, 3, 4, 5, 7, 8, 9, NoRow })]
    [InlineData("""{"operator": "in_list", "values": ["female", "unknown"]}""", new long[] { 1, 2, 3, 6 })]
    [InlineData("""{"operator": "in_list", "values": ["male"]}""", new long[] { 4, 5 })]
    [InlineData("""{"operator": "not_in_list", "values": ["female", "male"]}""", new long[] { 6, 7, 8, 9, NoRow })]
    [InlineData("""{"operator": "not_in_list", "values": ["female", "male", "unknown"]}""", new long[] { 7, 8, 9, NoRow })]
    [InlineData("""{"operator": "is_empty"}""", new long[] { 7, 8, 9, NoRow })]
    [InlineData("""{"operator": "is_not_empty"}""", new long[] { 1, 2, 3, 4, 5, 6 })]
    public void MembersOf_GenderOperator_MatchesExpectedProfiles(string parameters, long[] expected)
    {
        var members = _db.MembersOf("profile.gender", Params(parameters));

        Assert.Equal(expected, members);
    }

    [Theory]
    [InlineData("""{"operator": "contains", "value": "male"}""", "rules.items[0].params.operator")]
    [InlineData("""{"operator": "starts_with", "value": "female"}""", "rules.items[0].params.operator")]
    [InlineData("""{"operator": "equals", "value": "Female"}""", "rules.items[0].params.value")]
    [InlineData("""{"operator": "in_list", "values": ["female", "other"]}""", "rules.items[0].params.values[1]")]
    public void Check_GenderOutsideAllowedOperatorsOrValues_IsRefused(string parameters, string path)
    {
        var errors = _db.Engine.Check(Documents.Single("gender-check", "profile.gender", Params(parameters)));

        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("is not allowed", error.Message);
    }

    public void Dispose() => _db.Dispose();
}
