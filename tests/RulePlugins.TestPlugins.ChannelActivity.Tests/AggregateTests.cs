using Dapper;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Validation;
using RulePlugins.Testing;
using static RulePlugins.TestPlugins.ChannelActivity.Tests.ActivityDatabase;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>
/// The value operators of the counting family, total and average of a column compared with the number operators, on
/// goals whose sums are worked out by hand. Profile 1: purchase costs 100 and 200 in the last 30 days and 1000 sixty
/// days ago; 2: a purchase of unknown cost and one of 50; 3: nothing; 4: only a "signup" goal costing 500.
/// </summary>
public sealed class AggregateTests : IDisposable
{
    private readonly ActivityDatabase _db = new(new GoalsPlugin());

    public AggregateTests()
    {
        _db.AddProfiles(4);
        using var connection = _db.Db.Database.Open();
        connection.Execute(
            "INSERT INTO test_goals (profile_id, goal, cost, at) VALUES (@p, @goal, @cost, @at)",
            new object[]
            {
                Goal(1, "purchase", 100m, -1), Goal(1, "purchase", 200m, -29), Goal(1, "purchase", 1000m, -60),
                Goal(2, "purchase", null, -2), Goal(2, "purchase", 50m, -3),
                Goal(4, "signup", 500m, -1),
            });
    }

    private static object Goal(long profile, string goal, decimal? cost, int daysAgo) =>
        new { p = profile, goal, cost, at = Now.AddDays(daysAgo).ToUnixTimeMilliseconds() };

    private IReadOnlyList<long> Members(string counting) =>
        _db.MembersOf("""{"goal": "purchase", """ + counting.TrimStart('{'), "goals.reached");

    [Theory]
    [InlineData("""{"operator": "total", "cost_operator": "equals", "cost_value": 300, "last_days": 30}""", new long[] { 1 })]
    [InlineData("""{"operator": "total", "cost_operator": "equals", "cost_value": 1300}""", new long[] { 1 })]
    [InlineData("""{"operator": "total", "cost_operator": "equals", "cost_value": 0, "last_days": 30}""", new long[] { 3, 4 })]
    [InlineData("""{"operator": "total", "cost_operator": "in_range", "cost_min": 50, "cost_max": 300, "last_days": 30}""", new long[] { 1, 2 })]
    [InlineData("""{"operator": "total", "cost_operator": "less", "cost_value": 60}""", new long[] { 2, 3, 4 })]
    [InlineData("""{"operator": "average", "cost_operator": "equals", "cost_value": 150, "last_days": 30}""", new long[] { 1 })]
    [InlineData("""{"operator": "average", "cost_operator": "equals", "cost_value": 50}""", new long[] { 2 })]
    [InlineData("""{"operator": "average", "cost_operator": "greater", "cost_value": 400}""", new long[] { 1 })]
    [InlineData("""{"operator": "average", "cost_operator": "not_equals", "cost_value": 50}""", new long[] { 1, 3, 4 })]
    [InlineData("""{"operator": "at_least", "times": 3}""", new long[] { 1 })]
    [InlineData("""{"operator": "exists", "times": 2, "last_days": 30}""", new long[] { 1, 2 })]
    public void MembersOf_TotalOrAverageOfCost_ComparesTheHandWorkedSums(string counting, long[] expected)
    {
        Assert.Equal(expected, Members(counting));
    }

    [Fact]
    public void Save_TotalWithoutItsComparison_IsRefusedAtCostOperatorNamingTheOperator()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() =>
            _db.Db.Engine.Save(Documents.Single("no-comparison", "goals.reached", Params("""{"goal": "purchase", "operator": "total"}""")))).Errors);

        Assert.Equal("rules.items[0].params.cost_operator", error.Path);
        Assert.StartsWith("is required when operator is 'total'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_ComparisonValueForACountOperator_IsRefusedNotIgnored()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() =>
            _db.Db.Engine.Save(Documents.Single("stray", "goals.reached", Params("""{"goal": "purchase", "operator": "exists", "cost_value": 5}""")))).Errors);

        Assert.Equal("rules.items[0].params.cost_value", error.Path);
        Assert.Contains("is not used without cost_operator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"goal": "purchase", "operator": "total", "cost_operator": "greater", "cost_value": 500, "last_days": 30}""", "total cost of goal \"purchase\" in the last 30 days is greater than 500")]
    [InlineData("""{"goal": "purchase", "operator": "average", "cost_operator": "not_equals", "cost_value": 50}""", "average cost of goal \"purchase\" does not equal 50 or is unknown")]
    public void Generate_ValueOperator_DescribesItInWords(string parameters, string expected)
    {
        var source = _db.Db.Engine.Generate(Documents.Single("words", "goals.reached", Params(parameters))).Text;

        Assert.Contains($"//   rules.items[0]: {expected}\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_MatchReadsAnUndeclaredColumn_IsRefusedNamingTheTableAndColumn()
    {
        var exception = Assert.Throws<SegmentCompilationException>(() =>
            _db.Db.Engine.Save(Documents.Single("leaky", "goals.leaky", Params("""{"goal": "purchase", "operator": "exists", "last_days": 30}"""))));

        var error = Assert.Single(exception.Errors);
        Assert.Equal(CompileError.UndeclaredColumnId, error.Id);
        Assert.Equal("rules.items[0]", error.Path);
        Assert.Contains("test_goals.goal", error.Message, StringComparison.Ordinal);
        Assert.Empty(_db.Db.Engine.Segments());
    }

    public void Dispose() => _db.Dispose();
}
