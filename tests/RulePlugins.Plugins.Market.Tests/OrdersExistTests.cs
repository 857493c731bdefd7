using static RulePlugins.Plugins.Market.Tests.ProfileOrderParams;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>
/// <c>market.orders</c>: "exists N orders satisfying all conditions" and "no N orders satisfying all conditions",
/// with <c>count</c> 1, 2, 3 and left out (1). Profile 5 has no orders at all.
/// </summary>
public sealed class OrdersExistTests : IDisposable
{
    private readonly MarketDatabase _db = new();

    public OrdersExistTests()
    {
        _db.AddProfiles(5);
        _db.AddOrders(
            new TestOrder(1, 101),
            new TestOrder(2, 201),
            new TestOrder(2, 202),
            new TestOrder(3, 301),
            new TestOrder(3, 302),
            new TestOrder(3, 303) { Status = "canceled" },
            new TestOrder(4, 401) { Status = "canceled" });
    }

    // Orders per profile: 1 -> 1 paid; 2 -> 2 paid; 3 -> 2 paid + 1 canceled; 4 -> 1 canceled; 5 -> none.
    public static TheoryData<string, long[]> Cases() => new()
    {
        { """{"operator": "exists"}""", [1, 2, 3, 4] },
        { """{"operator": "exists", "count": 1}""", [1, 2, 3, 4] },
        { """{"operator": "exists", "count": 2}""", [2, 3] },
        { """{"operator": "exists", "count": 3}""", [3] },
        { """{"operator": "exists", "count": 4}""", [] },
        { """{"operator": "exists", "statuses": ["paid"]}""", [1, 2, 3] },
        { """{"operator": "exists", "count": 2, "statuses": ["paid"]}""", [2, 3] },
        { """{"operator": "exists", "count": 3, "statuses": ["paid"]}""", [] },
        { """{"operator": "exists", "statuses": ["canceled"]}""", [3, 4] },
        { """{"operator": "not_exists"}""", [5] },
        { """{"operator": "not_exists", "count": 1}""", [5] },
        { """{"operator": "not_exists", "count": 2}""", [1, 4, 5] },
        { """{"operator": "not_exists", "count": 3}""", [1, 2, 4, 5] },
        { """{"operator": "not_exists", "statuses": ["paid"]}""", [4, 5] },
        { """{"operator": "not_exists", "count": 2, "statuses": ["paid"]}""", [1, 4, 5] },
        { """{"operator": "not_exists", "statuses": ["canceled"]}""", [1, 2, 5] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MembersOf_OrdersCondition_MatchesExpectedProfiles(string parameters, long[] expected)
    {
        var members = _db.MembersOf(Orders, Params(parameters));

        Assert.Equal(expected, members);
    }

    [Fact]
    public void MembersOf_CountLeftOut_SameAsCountOne()
    {
        var implicitCount = _db.Db.MembersOf(Orders, Params("""{"operator": "exists", "statuses": ["paid"]}"""), "implicit");
        var explicitCount = _db.Db.MembersOf(Orders, Params("""{"operator": "exists", "count": 1, "statuses": ["paid"]}"""), "explicit");

        Assert.Equal([1L, 2, 3], implicitCount);
        Assert.Equal(implicitCount, explicitCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MembersOf_ExistsAndNotExistsWithSameCount_SplitAllProfiles(long count)
    {
        var exists = _db.Db.MembersOf(Orders, Params($$"""{"operator": "exists", "count": {{count}}}"""), "exists");
        var notExists = _db.Db.MembersOf(Orders, Params($$"""{"operator": "not_exists", "count": {{count}}}"""), "not-exists");

        Assert.Empty(exists.Intersect(notExists));
        Assert.Equal([1L, 2, 3, 4, 5], exists.Concat(notExists).Order());
    }

    public void Dispose() => _db.Dispose();
}
