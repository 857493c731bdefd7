using RulePlugins.Plugins.Scenarios.Conditions;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Scenarios.Tests.ScenarioBed;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>
/// What a participation condition declares and what its segment loads: only the columns its operator reads, and only
/// runs entered up to now (the SQL bound on entered_at, which the host also selects), so runs not begun are never read.
/// </summary>
public sealed class DataPlanTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    public static TheoryData<string, string[]> Declared() => new()
    {
        { "was_at_least_once", ["entered_at", "scenario_id"] },
        { "never_was", ["entered_at", "scenario_id"] },
        { "currently_in", ["entered_at", "finished_at", "scenario_id"] },
        { "currently_not_in", ["entered_at", "finished_at", "scenario_id"] },
        { "completed", ["finished_at", "outcome", "scenario_id"] },
        { "exited_with_error", ["finished_at", "outcome", "scenario_id"] },
    };

    [Theory]
    [MemberData(nameof(Declared))]
    public void GetDataRequirements_Operator_DeclaresOnlyTheColumnsItReadsUpToNow(string op, string[] columns)
    {
        var requirement = Assert.Single(new ParticipationCondition().GetDataRequirements(new ConditionArguments(new Dictionary<string, object> { ["scenario"] = "welcome", ["operator"] = op })));

        Assert.Equal("scenario_runs", requirement.Table.Name);
        Assert.Equal(columns, requirement.Columns.Order(StringComparer.Ordinal));
        Assert.Equal(new TimeWindow("entered_at", null, TimeBound.Now), requirement.Window);
    }

    public static TheoryData<string, string[]> Loaded() => new()
    {
        { "was_at_least_once", ["entered_at", "scenario_id"] },
        { "currently_not_in", ["entered_at", "finished_at", "scenario_id"] },
        { "exited_with_error", ["entered_at", "finished_at", "outcome", "scenario_id"] },
    };

    [Theory]
    [MemberData(nameof(Loaded))]
    public void Plan_Operator_LoadsItsColumnsAndTheWindowColumnOfRunsEnteredUpToNow(string op, string[] columns)
    {
        _bed.Engine.Save(Documents.Single("plan", Participation, Of("welcome", op).ToObject()));

        var table = Assert.Single(_bed.Engine.GetPlan("plan").Tables);

        Assert.Equal("scenario_runs", table.Table.Name);
        Assert.Equal(columns, table.Columns.Order(StringComparer.Ordinal));
        Assert.Equal("entered_at", table.WindowColumn);
        Assert.Equal(((long?)null, (long?)_bed.NowMs()), table.Resolve(new EvaluationClock(_bed.NowMs())));
    }

    [Fact]
    public void Plan_ThreeConditionsOnScenarioRuns_OneTableReadWithTheUnionOfTheirColumns()
    {
        _bed.Engine.Save(Documents.Json("plan", new
        {
            op = "and",
            items = new object[]
            {
                new { type = Participation, @params = Of("discount-10", "never_was").ToObject() },
                new { type = Participation, @params = Of("welcome", "completed").ToObject() },
                new { type = Participation, @params = Of("welcome", "currently_not_in").ToObject() },
            },
        }));

        var table = Assert.Single(_bed.Engine.GetPlan("plan").Tables);

        Assert.Equal(["entered_at", "finished_at", "outcome", "scenario_id"], table.Columns.Order(StringComparer.Ordinal));
    }

    public void Dispose() => _bed.Dispose();
}
