using RulePlugins.Testing;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// The kit's column check for every loyalty condition, with and without the optional filters and in every window: the
/// segment evaluated with the declared columns answers as it does with every column of its tables loaded, on random
/// ledgers where the undeclared columns would change the answers.
/// </summary>
public sealed class ColumnCheckTests : IDisposable
{
    private readonly LoyaltyBed _bed = new();

    public ColumnCheckTests()
    {
        _bed.Kit.AddProfiles([.. Enumerable.Range(1, 80).Select(i => (long)i)]);
        RandomLedgers.Insert(_bed, new Random(5), 80);
    }

    public static TheoryData<string, string> Conditions() => new()
    {
        { "loyalty.participation", """{ "program": "bonus-club", "operator": "participant" }""" },
        { "loyalty.participation", """{ "program": "premium", "operator": "not_participant" }""" },
        { "loyalty.balance", """{ "program": "bonus-club", "balance": "final", "operator": "greater", "value": 100 }""" },
        { "loyalty.balance", """{ "program": "bonus-club", "balance": "active", "point_type": "promo", "operator": "in_range", "min": 1, "max": 200 }""" },
        { "loyalty.accrued", """{ "program": "bonus-club", "operator": "greater_or_equal", "value": 150 }""" },
        { "loyalty.accrued", """{ "program": "bonus-club", "operator": "greater", "value": 0, "next_days": 10, "promo_action": "purchase" }""" },
        { "loyalty.accrued", """{ "program": "bonus-club", "operator": "less", "value": 200, "last_days": 20, "point_type": "bonus" }""" },
        { "loyalty.accrued", """{ "program": "bonus-club", "operator": "not_equals", "value": 0, "from": "2026-06-01", "to": "2026-06-30", "promo_action": "referral", "point_type": "status" }""" },
        { "loyalty.expiring", """{ "program": "bonus-club", "operator": "greater", "value": 0, "next_days": 30 }""" },
        { "loyalty.expiring", """{ "program": "bonus-club", "operator": "greater", "value": 0, "last_days": 30, "promo_action": "double-points", "point_type": "promo" }""" },
        { "loyalty.expiring", """{ "program": "premium", "operator": "less_or_equal", "value": 100, "from": "2026-06-01" }""" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void FindUndeclaredColumns_Condition_FindsNoneAndSplitsTheProfiles(string type, string parameters)
    {
        var members = _bed.Kit.Members(type, Params.Json(parameters));

        Assert.InRange(members.Count, 1, 79);
    }

    public void Dispose() => _bed.Dispose();
}
