using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Sdk.Tests;

/// <summary>
/// The nine operators of the membership-history family on spells whose answer is read off the definitions (the clock is
/// fixed at 2026-06-15T12:00:00Z): a spell is open now when it entered at or before now and has not left or leaves
/// after now; an entry counts for a window by its entered instant; a period is whole UTC days; spells entered after now
/// are ignored.
/// </summary>
public sealed class MembershipHistoryTests : IDisposable
{
    private readonly PluginTestBed _bed = new(new ListsPlugin());

    private DateTimeOffset Now => _bed.Now;

    private void Spell(long profile, DateTimeOffset entered, DateTimeOffset? left = null, string list = "vip") =>
        _bed.Insert(ListsPlugin.Spells, profile, new { ListId = list, EnteredAt = entered, LeftAt = left });

    private static Params Op(string op) => Params.Operator(op).With("list", "vip");

    /// <summary>Profiles 1..9, one edge of "in now" each.</summary>
    private void NowEdges()
    {
        _bed.AddProfiles(1, 2, 3, 4, 5, 6, 7, 8, 9);
        Spell(1, Now.AddDays(-10));                                // open
        Spell(2, Now.AddDays(-10), Now);                           // left exactly now
        Spell(3, Now.AddDays(-10), Now.AddMilliseconds(1));        // leaves a millisecond after now
        Spell(4, Now);                                             // entered exactly now
        Spell(5, Now.AddMilliseconds(1));                          // enters after now: not yet
        Spell(6, Now.AddDays(-20), Now.AddDays(-5));               // closed in the past
        Spell(7, Now.AddDays(-20), list: "basic");                 // open, in another list
        Spell(9, Now.AddDays(-90), Now.AddDays(-60));              // left, then came back
        Spell(9, Now.AddDays(-3));
        // 8 has no spell at all.
    }

    [Fact]
    public void CurrentlyIn_SpellOpenOrLeavingAfterNow_InButLeftExactlyNowIsNot()
    {
        NowEdges();
        _bed.AssertMembers("lists.history", Op("currently_in"), 1, 3, 4, 9);
    }

    [Fact]
    public void CurrentlyNotIn_NoOpenSpell_IncludesNeverEnteredAndFutureOnly()
    {
        NowEdges();
        _bed.AssertMembers("lists.history", Op("currently_not_in"), 2, 5, 6, 7, 8);
    }

    [Fact]
    public void EverEntered_AnySpellBegunByNow_IgnoresOneEnteringAfterNow()
    {
        NowEdges();
        _bed.AssertMembers("lists.history", Op("ever_entered"), 1, 2, 3, 4, 6, 9);
        _bed.AssertMembers("lists.history", Op("never_entered"), 5, 7, 8);
    }

    [Fact]
    public void NoLongerIn_EnteredBeforeButNotInNow_ExcludesOpenAndNever()
    {
        NowEdges();
        _bed.AssertMembers("lists.history", Op("no_longer_in"), 2, 6);
    }

    [Fact]
    public void EnteredTimesLastDays_EntryExactlyXDaysAgoCountsAMillisecondEarlierDoesNot()
    {
        _bed.AddProfiles(1, 2, 3, 4, 5, 6);
        var start = Now.AddDays(-30);
        Spell(1, start, start.AddDays(1));
        Spell(1, Now.AddDays(-1));                                 // 2 entries: at the edge and yesterday
        Spell(2, start.AddMilliseconds(-1), Now.AddDays(-2));
        Spell(2, Now.AddDays(-1));                                 // 1 entry inside
        Spell(3, Now.AddDays(-20), Now.AddDays(-19));
        Spell(3, Now.AddDays(-10), Now.AddDays(-9));
        Spell(3, Now);                                             // 3 entries, the last exactly now
        Spell(4, Now.AddMilliseconds(1));
        Spell(4, Now.AddDays(-1));                                 // 1 inside, 1 after now (ignored)
        Spell(5, Now.AddDays(-5), list: "basic");                  // another list

        _bed.AssertMembers("lists.history", Op("entered_times_last_days").With("times", 2).With("last_days", 30), 1, 3);
        _bed.AssertMembers("lists.history", Op("entered_times_last_days").With("times", 3).With("last_days", 30), 3);
        _bed.AssertMembers("lists.history", Op("entered_times_last_days").With("times", 1).With("last_days", 30), 1, 2, 3, 4);
        _bed.AssertMembers("lists.history", Op("not_entered_last_days").With("last_days", 30), 5, 6);
    }

    [Fact]
    public void EnteredTimesLastDays_SpellStillOpenFromBeforeTheWindow_IsNoEntryInIt()
    {
        _bed.AddProfiles(1, 2);
        Spell(1, Now.AddDays(-40));                                // in all along, but entered before the window
        Spell(2, Now.AddDays(-40), Now.AddDays(-35));
        Spell(2, Now.AddDays(-2), Now.AddDays(-1));                // entered inside and already left: still an entry

        _bed.AssertMembers("lists.history", Op("entered_times_last_days").With("times", 1).With("last_days", 30), 2);
        _bed.AssertMembers("lists.history", Op("not_entered_last_days").With("last_days", 30), 1);
    }

    [Fact]
    public void EnteredTimesInPeriod_WholeUtcDays_FirstAndLastMillisecondIncluded()
    {
        _bed.AddProfiles(1, 2, 3, 4, 5, 6);
        Spell(1, Utc("2025-12-31T23:59:59.999Z"));
        Spell(2, Utc("2026-01-01T00:00:00.000Z"), Utc("2026-01-02T00:00:00Z"));
        Spell(3, Utc("2026-01-31T23:59:59.999Z"));
        Spell(4, Utc("2026-02-01T00:00:00.000Z"));
        Spell(5, Utc("2026-01-05T10:00:00Z"), Utc("2026-01-06T10:00:00Z"));
        Spell(5, Utc("2026-01-20T10:00:00Z"));
        // 6 has no spell.

        var period = Op("entered_times_in_period").With("from", "2026-01-01").With("to", "2026-01-31");
        _bed.AssertMembers("lists.history", period.With("times", 1), 2, 3, 5);
        _bed.AssertMembers("lists.history", period.With("times", 2), 5);
        _bed.AssertMembers("lists.history", Op("not_entered_in_period").With("from", "2026-01-01").With("to", "2026-01-31"), 1, 4, 6);
    }

    [Fact]
    public void EnteredTimesInPeriod_PeriodReachingPastNow_CountsOnlyEntriesUpToNow()
    {
        _bed.AddProfiles(1, 2);
        Spell(1, Now.AddHours(-1));
        Spell(2, Now.AddHours(1));

        _bed.AssertMembers("lists.history", Op("entered_times_in_period").With("times", 1).With("from", "2026-06-15").With("to", "2026-06-30"), 1);
    }

    [Fact]
    public void AllOperators_RandomSpells_SameAsHandWrittenSql()
    {
        var random = new Random(20261201);
        var profiles = Enumerable.Range(1, 150).Select(i => (long)i).ToArray();
        _bed.AddProfiles(profiles);
        foreach (var profile in profiles)
        {
            for (var n = random.Next(0, 5); n > 0; n--)
            {
                // Instants on whole minutes mostly, some exactly at the edges the operators care about.
                var entered = random.Next(8) switch
                {
                    0 => Now,
                    1 => Now.AddDays(-30),
                    2 => Now.AddMinutes(random.Next(1, 600)),
                    _ => Now.AddMinutes(-random.Next(1, 120 * 24 * 60)),
                };
                DateTimeOffset? left = random.Next(3) switch
                {
                    0 => null,
                    1 => Now,
                    _ => entered.AddMinutes(random.Next(1, 60 * 24 * 40)),
                };
                Spell(profile, entered, left, random.Next(4) == 0 ? "basic" : "vip");
            }
        }

        var now = Now.ToUnixTimeMilliseconds();
        var day = 24L * 60 * 60 * 1000;
        var from = Utc("2026-04-01T00:00:00Z").ToUnixTimeMilliseconds();
        var to = Utc("2026-05-31T23:59:59.999Z").ToUnixTimeMilliseconds();
        var sql = new { now, windowStart = now - 30 * day, from, to };
        const string Spells = "FROM test_list_spells s WHERE s.profile_id = p.id AND s.list_id = 'vip'";
        const string IsIn = $"EXISTS (SELECT 1 {Spells} AND s.entered_at <= @now AND (s.left_at IS NULL OR s.left_at > @now))";
        const string Entered = $"EXISTS (SELECT 1 {Spells} AND s.entered_at <= @now)";
        const string InWindow = $"(SELECT COUNT(*) {Spells} AND s.entered_at <= @now AND s.entered_at >= @windowStart)";
        const string InPeriod = $"(SELECT COUNT(*) {Spells} AND s.entered_at <= @now AND s.entered_at BETWEEN @from AND @to)";

        _bed.AssertSameAsSql("lists.history", Op("currently_in"), $"SELECT id FROM profiles p WHERE {IsIn}", sql);
        _bed.AssertSameAsSql("lists.history", Op("currently_not_in"), $"SELECT id FROM profiles p WHERE NOT {IsIn}", sql);
        _bed.AssertSameAsSql("lists.history", Op("ever_entered"), $"SELECT id FROM profiles p WHERE {Entered}", sql);
        _bed.AssertSameAsSql("lists.history", Op("never_entered"), $"SELECT id FROM profiles p WHERE NOT {Entered}", sql);
        _bed.AssertSameAsSql("lists.history", Op("no_longer_in"), $"SELECT id FROM profiles p WHERE {Entered} AND NOT {IsIn}", sql);
        _bed.AssertSameAsSql("lists.history", Op("entered_times_last_days").With("times", 2).With("last_days", 30), $"SELECT id FROM profiles p WHERE {InWindow} >= 2", sql);
        _bed.AssertSameAsSql("lists.history", Op("not_entered_last_days").With("last_days", 30), $"SELECT id FROM profiles p WHERE {InWindow} = 0", sql);
        _bed.AssertSameAsSql("lists.history", Op("entered_times_in_period").With("times", 1).With("from", "2026-04-01").With("to", "2026-05-31"), $"SELECT id FROM profiles p WHERE {InPeriod} >= 1", sql);
        _bed.AssertSameAsSql("lists.history", Op("not_entered_in_period").With("from", "2026-04-01").With("to", "2026-05-31"), $"SELECT id FROM profiles p WHERE {InPeriod} = 0", sql);
    }

    [Theory]
    [InlineData("currently_in", "times", 2, "times", "is not used when operator is 'currently_in'")]
    [InlineData("not_entered_last_days", null, null, "last_days", "required")]
    [InlineData("entered_times_last_days", "last_days", 30, "times", "required")]
    [InlineData("entered_times_in_period", "times", 1, "from", "required")]
    public void Save_ParameterNotMatchingTheOperator_RefusedAtItsPath(string op, string? name, object? value, string path, string words)
    {
        var parameters = Op(op);
        if (name is not null)
        {
            parameters = parameters.With(name, value);
        }

        var exception = Assert.Throws<SegmentValidationException>(() => _bed.Members("lists.history", parameters));

        var error = Assert.Single(exception.Errors, e => e.Path.EndsWith(".params." + path, StringComparison.Ordinal));
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.Engine.Segments());
    }

    [Fact]
    public void Save_PeriodEndingBeforeItStarts_RefusedAtTo()
    {
        var exception = Assert.Throws<SegmentValidationException>(() =>
            _bed.Members("lists.history", Op("not_entered_in_period").With("from", "2026-02-01").With("to", "2026-01-31")));

        var error = Assert.Single(exception.Errors);
        Assert.EndsWith(".params.to", error.Path, StringComparison.Ordinal);
        Assert.Contains("must not be before from (2026-02-01)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"operator": "currently_in"}""", "currently in list \"vip\"")]
    [InlineData("""{"operator": "no_longer_in"}""", "currently not in list \"vip\", but entered it before")]
    [InlineData("""{"operator": "entered_times_last_days", "times": 3, "last_days": 30}""", "entered list \"vip\" at least 3 times in the last 30 days")]
    [InlineData("""{"operator": "entered_times_in_period", "times": 1, "from": "2026-01-01", "to": "2026-01-31"}""", "entered list \"vip\" at least once between 2026-01-01 and 2026-01-31 (both included)")]
    [InlineData("""{"operator": "not_entered_last_days", "last_days": 7}""", "did not enter list \"vip\" in the last 7 days")]
    public void Generate_EachOperator_DescribesItInWords(string parameters, string expected)
    {
        var source = _bed.Engine.Generate(Documents.Single("words", "lists.history", Params.Json(parameters).With("list", "vip").ToObject())).Text;

        Assert.Contains($"//   rules.items[0]: {expected}\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WindowOperators_LoadOnlyEntriesInTheWindowAndCurrentOnesTheLeftColumn()
    {
        _bed.Engine.Save(Documents.Single("window", "lists.history", Op("entered_times_last_days").With("times", 1).With("last_days", 14).ToObject()));
        _bed.Engine.Save(Documents.Single("current", "lists.history", Op("currently_in").ToObject()));

        var window = Assert.Single(_bed.Engine.GetPlan("window").Tables);
        var current = Assert.Single(_bed.Engine.GetPlan("current").Tables);

        Assert.Equal("entered_at", window.WindowColumn);
        Assert.DoesNotContain("left_at", window.Columns);
        Assert.Contains("left_at", current.Columns);
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _bed.Dispose();
}
