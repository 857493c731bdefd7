using RulePlugins.Testing;
using static RulePlugins.Plugins.ProfileFields.Tests.FieldAccess;

namespace RulePlugins.Plugins.ProfileFields.Tests;

/// <summary>
/// The subscription flags: equals true/false matches only known values, not_equals also matches unknown ones
/// (a null column or no profile_fields row). The other flags hold the opposite value as a decoy.
/// </summary>
public sealed class BooleanFieldOperatorTests : IDisposable
{
    private const long NoRow = 4;

    private readonly TestDatabase _db = new();

    private void AddProfiles(string field)
    {
        var decoys = BooleanFields.Where(f => f != field).ToArray();
        ProfileData Profile(long id, bool? value) =>
            decoys.Aggregate(new ProfileData(id), (p, f) => p.WithBoolean(f, value is { } v ? !v : true)).WithBoolean(field, value);
        _db.AddProfiles(Profile(1, true), Profile(2, false), Profile(3, null));
        _db.AddProfiles([NoRow]);
    }

    [Theory]
    [InlineData("profile.email_subscribed", """{"operator": "equals", "value": true}""", new long[] { 1 })]
    [InlineData("profile.email_subscribed", """{"operator": "equals", "value": false}""", new long[] { 2 })]
    [InlineData("profile.email_subscribed", """{"operator": "not_equals", "value": true}""", new long[] { 2, 3, NoRow })]
    [InlineData("profile.email_subscribed", """{"operator": "not_equals", "value": false}""", new long[] { 1, 3, NoRow })]
    [InlineData("profile.sms_subscribed", """{"operator": "equals", "value": true}""", new long[] { 1 })]
    [InlineData("profile.sms_subscribed", """{"operator": "equals", "value": false}""", new long[] { 2 })]
    [InlineData("profile.sms_subscribed", """{"operator": "not_equals", "value": true}""", new long[] { 2, 3, NoRow })]
    [InlineData("profile.sms_subscribed", """{"operator": "not_equals", "value": false}""", new long[] { 1, 3, NoRow })]
    [InlineData("profile.push_subscribed", """{"operator": "equals", "value": true}""", new long[] { 1 })]
    [InlineData("profile.push_subscribed", """{"operator": "equals", "value": false}""", new long[] { 2 })]
    [InlineData("profile.push_subscribed", """{"operator": "not_equals", "value": true}""", new long[] { 2, 3, NoRow })]
    [InlineData("profile.push_subscribed", """{"operator": "not_equals", "value": false}""", new long[] { 1, 3, NoRow })]
    public void MembersOf_BooleanOperator_MatchesExpectedProfiles(string field, string parameters, long[] expected)
    {
        AddProfiles(field);

        var members = _db.MembersOf(field, Params(parameters));

        Assert.Equal(expected, members);
    }

    public void Dispose() => _db.Dispose();
}
