namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>
/// Each operator on profiles whose opened emails are counted by hand: 1 has none, 2 one, 3 two, 4 three, 5 only other
/// events (an opened sms, a clicked email) and 6 no events at all. All events are in the last 14 days.
/// </summary>
public sealed class OperatorTests : IDisposable
{
    private readonly ActivityDatabase _db = new();

    public OperatorTests()
    {
        var yesterday = ActivityDatabase.Now.AddDays(-1);
        _db.AddProfiles(6);
        _db.AddEvents(
            new TestEvent(1, "email", "sent", yesterday),
            new TestEvent(2, "email", "opened", yesterday),
            new TestEvent(3, "email", "opened", yesterday),
            new TestEvent(3, " Email ", "OPENED", yesterday.AddHours(-5)),
            new TestEvent(4, "email", "opened", yesterday),
            new TestEvent(4, "email", "opened", yesterday.AddDays(-2)),
            new TestEvent(4, "email", "opened", yesterday.AddDays(-3)),
            new TestEvent(5, "sms", "opened", yesterday),
            new TestEvent(5, "email", "clicked", yesterday));
    }

    public static TheoryData<string, long[]> Cases() => new()
    {
        { """{"operator": "exists"}""", [2, 3, 4] },
        { """{"operator": "exists", "times": 2}""", [3, 4] },
        { """{"operator": "exists", "times": 4}""", [] },
        { """{"operator": "at_least", "times": 1}""", [2, 3, 4] },
        { """{"operator": "at_least", "times": 3}""", [4] },
        { """{"operator": "not_exists"}""", [1, 5, 6] },
        { """{"operator": "not_exists", "times": 3}""", [1, 2, 3, 5, 6] },
        { """{"operator": "not_once"}""", [1, 5, 6] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MembersOf_Operator_CountsOpenedEmailsOnly(string counting, long[] expected)
    {
        var members = _db.MembersOf("""{"event": "opened", "channel": "email", "last_days": 14, """ + counting.TrimStart('{'));

        Assert.Equal(expected, members);
    }

    [Fact]
    public void MembersOf_AtLeastOnceAndExists_AreTheSameMembers()
    {
        var atLeastOnce = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "at_least", "times": 1}""");
        var exists = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "exists"}""");

        Assert.Equal(exists, atLeastOnce);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MembersOf_ExistsAndNotExistsWithSameTimes_SplitAllProfiles(int times)
    {
        var exists = _db.MembersOf($$"""{"event": "opened", "channel": "email", "operator": "exists", "times": {{times}}}""");
        var notExists = _db.MembersOf($$"""{"event": "opened", "channel": "email", "operator": "not_exists", "times": {{times}}}""");

        Assert.Empty(exists.Intersect(notExists));
        Assert.Equal([1L, 2, 3, 4, 5, 6], exists.Concat(notExists).Order());
    }

    [Fact]
    public void MembersOf_ChannelAndEventStoredWithOtherCaseAndSpaces_StillMatch()
    {
        var members = _db.MembersOf("""{"event": "opened", "channel": "email", "operator": "at_least", "times": 2}""");

        Assert.Equal([3L, 4], members);
    }

    public void Dispose() => _db.Dispose();
}
