using RulePlugins.Engine;
using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Segments.Tests;

/// <summary>
/// <c>segments.membership</c> and <c>segments.history</c> over the spells the host keeps, with a dynamic segment
/// "moscow" (city equals Moscow) recalculated as profiles move; the clock moves between recalculations.
/// </summary>
public sealed class SegmentParticipationTests : IDisposable
{
    private readonly PluginTestBed _bed = new(new ProfileFieldsPlugin(), new SegmentsPlugin());

    private RuleEngine Engine => _bed.Engine;

    private void City(long id, string city) => _bed.Database.Execute("UPDATE profile_fields SET city = @city WHERE profile_id = @id", new { id, city });

    /// <summary>Profiles 1..6; 1, 2, 3 live in Moscow; "moscow" is saved and recalculated at the bed's clock.</summary>
    private void Moscow()
    {
        _bed.Database.AddProfiles(
            new ProfileData(1) { City = "Moscow" }, new ProfileData(2) { City = "Moscow" }, new ProfileData(3) { City = "Moscow" },
            new ProfileData(4) { City = "Kazan" }, new ProfileData(5) { City = "Omsk" }, new ProfileData(6));
        Engine.Save(Documents.Single("moscow", "profile.city", new { @operator = "equals", value = "Moscow" }));
        Engine.Recalculate("moscow");
    }

    private static Params In(string op) => Params.Operator(op).With("segment", "moscow");

    [Fact]
    public void InSegment_AfterTheOtherIsRecalculated_SelectsItsMembersAndNotInTheRest()
    {
        Moscow();

        _bed.AssertMembers("segments.membership", In("in_segment"), 1, 2, 3);
        _bed.AssertMembers("segments.membership", In("not_in_segment"), 4, 5, 6);
    }

    [Fact]
    public void InSegment_OtherSegmentChanged_FollowsItsNewMembership()
    {
        Moscow();
        City(1, "Kazan");
        City(4, "Moscow");
        _bed.Now += TimeSpan.FromHours(1);
        Engine.Recalculate("moscow");

        _bed.AssertMembers("segments.membership", In("in_segment"), 2, 3, 4);
        _bed.AssertMembers("segments.membership", In("not_in_segment"), 1, 5, 6);
        Assert.Equal(Engine.Members("moscow", limit: 100), _bed.Members("segments.membership", In("in_segment")));
    }

    [Fact]
    public void History_DynamicSegmentRecalculatedOverTime_AnswersEachOperatorFromItsSpells()
    {
        var first = _bed.Now;
        Moscow();                                   // 1, 2, 3 enter at first
        _bed.Now = first.AddDays(10);
        City(1, "Kazan");
        City(4, "Moscow");
        Engine.Recalculate("moscow");               // 1 leaves, 4 enters at first + 10 d
        _bed.Now = first.AddDays(20);
        City(1, "Moscow");
        Engine.Recalculate("moscow");               // 1 enters again at first + 20 d
        _bed.Now = first.AddDays(25);

        _bed.AssertMembers("segments.history", In("currently_in"), 1, 2, 3, 4);
        _bed.AssertMembers("segments.history", In("ever_entered"), 1, 2, 3, 4);
        _bed.AssertMembers("segments.history", In("never_entered"), 5, 6);
        _bed.AssertMembers("segments.history", In("entered_times_last_days").With("times", 2).With("last_days", 30), 1);
        // Exactly 15 days back is first + 10 d: 4's entry is on the edge and counts; 1's re-entry is inside.
        _bed.AssertMembers("segments.history", In("entered_times_last_days").With("times", 1).With("last_days", 15), 1, 4);
        _bed.AssertMembers("segments.history", In("not_entered_last_days").With("last_days", 15), 2, 3, 5, 6);
    }

    [Fact]
    public void History_LeftAndNotBack_IsNoLongerIn()
    {
        Moscow();
        City(2, "Omsk");
        _bed.Now += TimeSpan.FromDays(1);
        Engine.Recalculate("moscow");

        _bed.AssertMembers("segments.history", In("no_longer_in"), 2);
        _bed.AssertMembers("segments.history", In("currently_not_in"), 2, 4, 5, 6);
    }

    [Fact]
    public void Spells_AfterRecalculations_OpenOnesAreExactlyTheCurrentMembers()
    {
        Moscow();
        foreach (var (id, city, hours) in new[] { (1L, "Kazan", 1), (4L, "Moscow", 2), (1L, "Moscow", 3), (2L, "Omsk", 4) })
        {
            City(id, city);
            _bed.Now += TimeSpan.FromHours(hours);
            Engine.Recalculate("moscow");
        }

        var open = _bed.Database.Query<long>("SELECT profile_id FROM segment_member_spells WHERE segment_id = 'moscow' AND left_at IS NULL ORDER BY profile_id");
        var log = _bed.Database.Scalar<long>("SELECT COUNT(*) FROM membership_log WHERE segment_id = 'moscow'");
        var spells = _bed.Database.Scalar<long>("SELECT COUNT(*) FROM segment_member_spells WHERE segment_id = 'moscow'");
        var closed = _bed.Database.Scalar<long>("SELECT COUNT(*) FROM segment_member_spells WHERE segment_id = 'moscow' AND left_at IS NOT NULL");

        Assert.Equal(Engine.Members("moscow", limit: 100), open);
        Assert.Equal(log, spells + closed); // every entry begins a spell, every exit ends one
    }

    [Fact]
    public void Migrate_DatabaseFromBeforeSpells_FillsThemFromTheLog()
    {
        Moscow();
        City(1, "Kazan");
        _bed.Now += TimeSpan.FromHours(1);
        Engine.Recalculate("moscow");
        City(1, "Moscow");
        _bed.Now += TimeSpan.FromHours(1);
        Engine.Recalculate("moscow");
        const string All = "SELECT segment_id || ':' || profile_id || ':' || entered_at || ':' || COALESCE(CAST(left_at AS TEXT), '-') FROM segment_member_spells ORDER BY segment_id, profile_id, entered_at";
        var written = _bed.Database.Query<string>(All);

        // A database of host schema 3 had the log but no spells table.
        _bed.Database.Execute("DROP TABLE segment_member_spells");
        using var reopened = _bed.Database.NewEngine();

        Assert.Equal(written, _bed.Database.Query<string>(All));
        Assert.Equal(4, written.Count); // 1, 2, 3 entered; 1 left and came back
    }

    [Fact]
    public void Save_ReferenceToItselfOrAnUnknownSegment_RefusedAtThePath()
    {
        Moscow();

        var self = Assert.Throws<SegmentValidationException>(() =>
            Engine.Save(Documents.Single("loop", "segments.membership", new { segment = "loop", @operator = "in_segment" })));
        var unknown = Assert.Throws<SegmentValidationException>(() =>
            Engine.Save(Documents.Single("other", "segments.history", new { segment = "moskow", @operator = "ever_entered" })));

        Assert.Equal("rules.items[0].params.segment", Assert.Single(self.Errors).Path);
        Assert.Equal("rules.items[0].params.segment", Assert.Single(unknown.Errors).Path);
        Assert.Null(Engine.Find("loop"));
        Assert.Null(Engine.Find("other"));
    }

    [Fact]
    public void Save_ReferenceClosingACycle_Refused()
    {
        Moscow();
        Engine.Save(Documents.Single("a", "segments.membership", new { segment = "moscow", @operator = "in_segment" }));
        Engine.Save(Documents.Single("b", "segments.membership", new { segment = "a", @operator = "not_in_segment" }));

        var cycle = Assert.Throws<SegmentValidationException>(() =>
            Engine.Save(Documents.Single("a", "segments.history", new { segment = "b", @operator = "ever_entered" })));

        Assert.Contains("cycle", Assert.Single(cycle.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(1, Engine.Find("a")!.CurrentVersion);
    }

    [Fact]
    public void Delete_SegmentReferredTo_RefusedNamingTheReferrer()
    {
        Moscow();
        Engine.Save(Documents.Single("referrer", "segments.membership", new { segment = "moscow", @operator = "in_segment" }));

        var refused = Assert.Throws<SegmentInUseException>(() => Engine.Delete("moscow"));

        Assert.Contains("referrer", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(Engine.Find("moscow"));
    }

    [Fact]
    public void Delete_Segment_RemovesItsSpells()
    {
        Moscow();

        Engine.Delete("moscow");

        Assert.Equal(0, _bed.Database.Scalar<long>("SELECT COUNT(*) FROM segment_member_spells WHERE segment_id = 'moscow'"));
    }

    public void Dispose() => _bed.Dispose();
}
