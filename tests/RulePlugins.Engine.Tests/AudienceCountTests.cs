using Dapper;
using RulePlugins.Engine.Insight.Preview;
using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>Audience previews of drafts on hand-built profiles: each node's count, samples, refusals, nothing stored.</summary>
public sealed class AudienceCountTests : IDisposable
{
    // Moscow adults (18 or over) or anyone with a gmail address.
    private static readonly string Draft = Documents.Json("draft", new
    {
        op = "or",
        items = new object[]
        {
            new
            {
                op = "and",
                items = new object[]
                {
                    new { type = "profile.city", @params = new { @operator = "equals", value = "Moscow" } },
                    new { type = "profile.age", @params = new { @operator = "greater_or_equal", value = 18 } },
                },
            },
            new { type = "profile.email", @params = new { @operator = "contains", value = "@gmail." } },
        },
    });

    private readonly TestDatabase _db = new();

    private static DateTimeOffset Born(int age) => TestDatabase.DefaultNow.AddYears(-age).AddDays(-1);

    public AudienceCountTests()
    {
        _db.AddProfiles(
            new ProfileData(1) { City = "Moscow", BirthDate = Born(30) },                      // city, age: member
            new ProfileData(2) { City = "Moscow", BirthDate = Born(12) },                      // city only
            new ProfileData(3) { City = "Moscow" },                                           // city, no age
            new ProfileData(4) { City = "Kazan", BirthDate = Born(40), Email = "a@gmail.com" }, // age, gmail: member
            new ProfileData(5) { Email = "b@gmail.com" },                                     // gmail: member
            new ProfileData(6) { City = "Omsk", BirthDate = Born(20) });                      // age only
    }

    [Fact]
    public async Task CountAudienceAsync_NestedDraft_CountsEveryNodeOnItsOwn()
    {
        var count = await _db.Engine.CountAudienceAsync(Draft);

        Assert.Equal(3, count.Members);
        Assert.Equal(6, count.Counted);
        Assert.False(count.Sampled);
        Assert.Equal(
            [("rules", 3L), ("rules.items[0]", 1L), ("rules.items[0].items[0]", 3L), ("rules.items[0].items[1]", 3L), ("rules.items[1]", 2L)],
            count.Nodes.Select(n => (n.Path, n.Count)));
        Assert.Equal("ANY of 2 items", count.Nodes[0].Description);
        Assert.Equal(TestDatabase.DefaultNow.ToUnixTimeMilliseconds(), count.EvaluatedAt);
    }

    [Fact]
    public async Task CountAudienceAsync_Draft_StoresNothing()
    {
        await _db.Engine.CountAudienceAsync(Draft);

        Assert.Null(_db.Engine.Find("draft"));
        using var connection = _db.Database.Open();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM segment_runs"));
    }

    [Fact]
    public async Task CountAudienceAsync_Sample_CountsWholeBlocksAndScalesTheEstimate()
    {
        var count = await _db.Engine.CountAudienceAsync(Draft, new AudienceCountOptions { SampleSize = 2, BlockSize = 2, Seed = 7 });

        Assert.True(count.Sampled);
        Assert.Equal(2, count.Counted);
        Assert.Equal(6, count.Profiles);
        Assert.Equal(count.Members * 3, count.EstimatedMembers);
        Assert.InRange(count.Members, 0, 2);
    }

    [Fact]
    public async Task CountAudienceAsync_SampleDrawingEveryBlock_IsTheExactCount()
    {
        var count = await _db.Engine.CountAudienceAsync(Draft, new AudienceCountOptions { SampleSize = 5, BlockSize = 2, Seed = 1 });

        Assert.False(count.Sampled);
        Assert.Equal(6, count.Counted);
        Assert.Equal(3, count.Members);
    }

    [Fact]
    public async Task CountAudienceAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _db.Engine.CountAudienceAsync(Draft, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task CountAudienceAsync_InvalidDraft_IsRefusedWithThePath()
    {
        var error = await Assert.ThrowsAsync<SegmentValidationException>(() => _db.Engine.CountAudienceAsync(Draft.Replace("greater_or_equal", "greater_or_equals")));

        Assert.Contains(error.Errors, e => e.Path == "rules.items[0].items[1].params.operator");
    }

    public void Dispose() => _db.Dispose();
}
