using RulePlugins.Testing;
using static RulePlugins.Plugins.ProfileFields.Tests.FieldAccess;

namespace RulePlugins.Plugins.ProfileFields.Tests;

/// <summary>
/// The string operators on every text field (email, phone, first and last name, city, country): the field under
/// test holds the values below, the other text fields hold a decoy, so reading the wrong column changes the answer.
/// </summary>
public sealed class TextFieldOperatorTests : IDisposable
{
    private const string Decoy = "Decoy";
    private const long NoRow = 13;

    // Id -> value of the field under test. Profile 13 has no profile_fields row at all.
    private static readonly (long Id, string? Value)[] Values =
    [
        (1, "Moscow"),
        (2, "MOSCOW"),
        (3, "moscow"),
        (4, "Moscow Oblast"),
        (5, "New Moscow"),
        (6, "Saint Petersburg"),
        (7, "Kazan"),
        (8, "Москва"),
        (9, "МОСКВА"),
        (10, null),
        (11, ""),
        (12, "   "),
    ];

    private static readonly (string Params, long[] Expected)[] Cases =
    [
        ("""{"operator": "equals", "value": "Moscow"}""", [1, 2, 3]),
        ("""{"operator": "equals", "value": "mOSCOW"}""", [1, 2, 3]),
        ("""{"operator": "equals", "value": "Moscow Oblast"}""", [4]),
        ("""{"operator": "equals", "value": "москва"}""", [8, 9]),
        ("""{"operator": "equals", "value": "Paris"}""", []),
        ("""{"operator": "not_equals", "value": "moscow"}""", [4, 5, 6, 7, 8, 9, 10, 11, 12, NoRow]),
        ("""{"operator": "not_equals", "value": "Paris"}""", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, NoRow]),
        ("""{"operator": "in_list", "values": ["MOSCOW", "kazan"]}""", [1, 2, 3, 7]),
        ("""{"operator": "in_list", "values": ["Paris"]}""", []),
        ("""{"operator": "not_in_list", "values": ["moscow", "KAZAN", "Москва"]}""", [4, 5, 6, 10, 11, 12, NoRow]),
        ("""{"operator": "contains", "value": "moscow"}""", [1, 2, 3, 4, 5]),
        ("""{"operator": "contains", "value": "SCOW OBL"}""", [4]),
        ("""{"operator": "contains", "value": "оскв"}""", [8, 9]),
        ("""{"operator": "starts_with", "value": "MOS"}""", [1, 2, 3, 4]),
        ("""{"operator": "starts_with", "value": "new m"}""", [5]),
        ("""{"operator": "starts_with", "value": "oblast"}""", []),
        ("""{"operator": "is_empty"}""", [10, 11, 12, NoRow]),
        ("""{"operator": "is_not_empty"}""", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ];

    private readonly TestDatabase _db = new();

    public static TheoryData<string, string, long[]> FieldCases()
    {
        var data = new TheoryData<string, string, long[]>();
        foreach (var field in TextFields)
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
        var decoys = TextFields.Where(f => f != field).ToArray();
        _db.AddProfiles(Values.Select(v => decoys.Aggregate(new ProfileData(v.Id), (p, f) => p.WithText(f, Decoy)).WithText(field, v.Value)).ToArray());
        _db.AddProfiles([NoRow]);
    }

    [Theory]
    [MemberData(nameof(FieldCases))]
    public void MembersOf_TextOperator_MatchesExpectedProfiles(string field, string parameters, long[] expected)
    {
        AddProfiles(field);

        var members = _db.MembersOf(field, Params(parameters));

        Assert.Equal(expected, members);
    }

    [Theory]
    [InlineData("profile.city")]
    [InlineData("profile.email")]
    public void MembersOf_CaseVariantsOfOneValue_AllMatchEveryCasing(string field)
    {
        AddProfiles(field);

        var lower = _db.MembersOf(field, Params("""{"operator": "equals", "value": "moscow"}"""), "lower");
        var upper = _db.MembersOf(field, Params("""{"operator": "equals", "value": "MOSCOW"}"""), "upper");
        var mixed = _db.MembersOf(field, Params("""{"operator": "in_list", "values": ["mOsCoW"]}"""), "mixed");

        Assert.Equal([1L, 2, 3], lower);
        Assert.Equal(lower, upper);
        Assert.Equal(lower, mixed);
    }

    public void Dispose() => _db.Dispose();
}
