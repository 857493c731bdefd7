using Dapper;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>A segment's size over its runs, from the stored runs.</summary>
public sealed class SizeHistoryTests : IDisposable
{
    private readonly TestDatabase _db = new();

    private void City(long id, string city)
    {
        using var connection = _db.Database.Open();
        connection.Execute("UPDATE profile_fields SET city = @city WHERE profile_id = @id", new { id, city });
    }

    [Fact]
    public void SizeHistory_ThreeRunsAsProfilesMove_GivesMembersEnteredAndLeftOldestFirst()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Moscow" }, new ProfileData(3) { City = "Kazan" });
        _db.Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        var first = _db.Engine.Recalculate("moscow");
        City(3, "Moscow");
        _db.Clock.Now += TimeSpan.FromHours(1);
        _db.Engine.Recalculate("moscow");
        City(1, "Omsk");
        City(2, "Omsk");
        _db.Clock.Now += TimeSpan.FromHours(1);
        _db.Engine.Recalculate("moscow");

        var history = _db.Engine.SizeHistory("moscow");

        Assert.Equal([(2L, 2L, 0L), (3L, 1L, 0L), (1L, 0L, 2L)], history.Select(p => (p.Members, p.Entered, p.Left)));
        Assert.Equal(first.RunId, history[0].RunId);
        Assert.Equal([0L, 3_600_000L, 7_200_000L], history.Select(p => p.At - history[0].At));
        Assert.Equal(2, _db.Engine.SizeHistory("moscow", limit: 2).Count);
        Assert.Equal(3L, _db.Engine.SizeHistory("moscow", limit: 2)[0].Members);
    }

    [Fact]
    public void SizeHistory_UnknownSegment_Throws()
    {
        Assert.Throws<SegmentNotFoundException>(() => _db.Engine.SizeHistory("nope"));
    }

    public void Dispose() => _db.Dispose();
}
