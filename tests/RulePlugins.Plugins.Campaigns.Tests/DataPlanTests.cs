using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Campaigns.Tests.CampaignsBed;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// What a campaign segment loads: only spells entered at or before now (for the window operators only those entered in
/// the window), the left instant only for the operators that ask whether a spell is open now; and the kit's column check
/// over every operator of both types on random spells.
/// </summary>
public sealed class DataPlanTests : IDisposable
{
    private static readonly EvaluationClock Clock = new(Now.ToUnixTimeMilliseconds());

    private readonly CampaignsBed _db = new();

    private Engine.CodeGen.TablePlan PlanOf(SpellKind kind, string parameters)
    {
        _db.Bed.Engine.Save(Documents.Single("plan", kind.Type, On(kind, parameters).ToObject()));
        var table = Assert.Single(_db.Bed.Engine.GetPlan("plan").Tables);
        Assert.Equal(kind.Table, table.Table.Name);
        return table;
    }

    [Theory]
    [InlineData("campaign", "currently_in")]
    [InlineData("campaign", "no_longer_in")]
    [InlineData("group", "currently_not_in")]
    public void Plan_OpenSpellOperator_ReadsLeftAtAndSpellsEnteredUpToNow(string kind, string op)
    {
        var spellKind = SpellKind.Named(kind);

        var table = PlanOf(spellKind, $$"""{"operator": "{{op}}"}""");

        Assert.Equal(new[] { spellKind.Column, "entered_at", "left_at" }.Order(StringComparer.Ordinal), table.Columns.Order(StringComparer.Ordinal));
        Assert.Equal("entered_at", table.WindowColumn);
        Assert.Equal(((long?)null, (long?)Clock.NowUnixMilliseconds), table.Resolve(Clock));
    }

    [Theory]
    [InlineData("campaign")]
    [InlineData("group")]
    public void Plan_LastDays_LoadsOnlyEntriesFromXDaysAgoToNowWithoutLeftAt(string kind)
    {
        var spellKind = SpellKind.Named(kind);

        var table = PlanOf(spellKind, """{"operator": "entered_times_last_days", "times": 2, "last_days": 30}""");

        Assert.Equal(new[] { spellKind.Column, "entered_at" }.Order(StringComparer.Ordinal), table.Columns.Order(StringComparer.Ordinal));
        Assert.Equal(((long?)Clock.NowUnixMilliseconds - 30 * Day, (long?)Clock.NowUnixMilliseconds), table.Resolve(Clock));
    }

    [Fact]
    public void Plan_Period_LoadsItsWholeDaysOnly()
    {
        var table = PlanOf(SpellKind.Campaign, """{"operator": "not_entered_in_period", "from": "2026-01-01", "to": "2026-01-31"}""");

        Assert.Equal(((long?)Utc("2026-01-01T00:00:00Z").ToUnixTimeMilliseconds(), (long?)Utc("2026-01-31T23:59:59.999Z").ToUnixTimeMilliseconds()), table.Resolve(Clock));
    }

    [Fact]
    public void ColumnCheck_EveryOperatorOfBothTypes_FindsNoUndeclaredColumn()
    {
        _db.AddProfiles(100);
        var random = new Random(3);
        foreach (var kind in SpellKind.All)
        {
            _db.AddSpells(kind, RandomSpells.For(kind, 100, random));
        }

        var items = SpellKind.All.SelectMany(kind => MembershipHistoryOperators.All.Select(op => new
        {
            type = kind.Type,
            @params = On(kind, op switch
            {
                "entered_times_last_days" => """{"operator": "entered_times_last_days", "times": 1, "last_days": 7}""",
                "not_entered_last_days" => """{"operator": "not_entered_last_days", "last_days": 7}""",
                "entered_times_in_period" => """{"operator": "entered_times_in_period", "times": 1, "from": "2026-05-20", "to": "2026-06-03"}""",
                "not_entered_in_period" => """{"operator": "not_entered_in_period", "from": "2026-05-20", "to": "2026-06-03"}""",
                _ => $$"""{"operator": "{{op}}"}""",
            }).ToObject(),
        })).ToArray();
        _db.Bed.Engine.Save(Documents.Json("every-operator", new { op = "or", items }));

        var undeclared = _db.Bed.Engine.FindUndeclaredColumns("every-operator", sampleSize: int.MaxValue);

        Assert.Equal(18, items.Length);
        Assert.Empty(undeclared);
    }

    public void Dispose() => _db.Dispose();
}
