using Dapper;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>Why a profile is or is not a member: each node's answer, the rows read, the instant used.</summary>
public sealed class ExplainTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public ExplainTests()
    {
        _db.AddProfiles(
            new ProfileData(1) { City = "Moscow", BirthDate = TestDatabase.DefaultNow.AddYears(-30) },
            new ProfileData(2) { City = "Moscow", BirthDate = TestDatabase.DefaultNow.AddYears(-12) },
            new ProfileData(3) { City = "Kazan" });
        _db.Engine.Save(Documents.Json("moscow-adults", new
        {
            op = "and",
            items = new object[]
            {
                new { type = "profile.city", @params = new { @operator = "equals", value = "Moscow" } },
                new { type = "profile.age", @params = new { @operator = "greater_or_equal", value = 18 } },
            },
        }));
    }

    [Fact]
    public void Explain_Member_EveryNodeHeldWithTheValuesRead()
    {
        var run = _db.Engine.Recalculate("moscow-adults");

        var explanation = _db.Engine.Explain("moscow-adults", 1);

        Assert.True(explanation.Member);
        Assert.True(explanation.StoredMember);
        Assert.Equal(run.RunId, explanation.RunId);
        Assert.Equal(run.At, explanation.EvaluatedAt);
        Assert.StartsWith($"the instant of run {run.RunId}", explanation.Instant);
        Assert.Equal("ALL of 2 items", explanation.Root.Description);
        Assert.All(explanation.Root.Items, i => Assert.True(i.Held));
        var city = Assert.Single(explanation.Root.Items[0].Data);
        Assert.Equal("profile_fields", city.Table);
        Assert.Equal(["city"], city.Columns);
        Assert.Equal("Moscow", Assert.Single(city.Rows)[0]);
        Assert.Equal(["birth_date"], explanation.Root.Items[1].Data[0].Columns);
    }

    [Fact]
    public void Explain_NonMember_NamesTheConditionThatFailed()
    {
        _db.Engine.Recalculate("moscow-adults");

        var explanation = _db.Engine.Explain("moscow-adults", 2);

        Assert.False(explanation.Member);
        Assert.False(explanation.StoredMember);
        Assert.Equal([true, false], explanation.Root.Items.Select(i => i.Held));
        Assert.False(explanation.Root.Held);
    }

    [Fact]
    public void Explain_DataChangedSinceTheRun_AnswersFromTheDataAndShowsTheStoredMembership()
    {
        _db.Engine.Recalculate("moscow-adults");
        using (var connection = _db.Database.Open())
        {
            connection.Execute("UPDATE profile_fields SET city = 'Omsk' WHERE profile_id = 1");
        }

        var explanation = _db.Engine.Explain("moscow-adults", 1);

        Assert.False(explanation.Member);
        Assert.True(explanation.StoredMember);
        Assert.Equal("Omsk", explanation.Root.Items[0].Data[0].Rows[0][0]);
    }

    [Fact]
    public void Explain_BeforeAnyRun_UsesNowAndHasNoStoredMembership()
    {
        var explanation = _db.Engine.Explain("moscow-adults", 1);

        Assert.True(explanation.Member);
        Assert.Null(explanation.StoredMember);
        Assert.Null(explanation.RunId);
        Assert.Equal(TestDatabase.DefaultNow.ToUnixTimeMilliseconds(), explanation.EvaluatedAt);
        Assert.StartsWith("now", explanation.Instant);
    }

    [Fact]
    public void Explain_AtAnInstant_EvaluatesThen()
    {
        var explanation = _db.Engine.Explain("moscow-adults", 2, TestDatabase.DefaultNow.AddYears(7));

        Assert.True(explanation.Member);
        Assert.Equal("the instant asked for", explanation.Instant);
    }

    [Fact]
    public void Explain_UnknownProfile_SaysWhichOne()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => _db.Engine.Explain("moscow-adults", 99));

        Assert.Equal("There is no profile 99.", error.Message);
    }

    public void Dispose() => _db.Dispose();
}
