using RulePlugins.Plugins.Scenarios.Conditions;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Scenarios.Tests.ScenarioBed;

namespace RulePlugins.Plugins.Scenarios.Tests;

/// <summary>How a participation condition reads in the generated source, and what the catalogue says of the type.</summary>
public sealed class DescriptionTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    [Theory]
    [InlineData("was_at_least_once", "was in scenario \"welcome\" at least once (some run entered at or before now)")]
    [InlineData("never_was", "was never in scenario \"welcome\" (no run entered at or before now)")]
    [InlineData("currently_in", "is currently in scenario \"welcome\" (some run entered at or before now and not finished by now)")]
    [InlineData("currently_not_in", "is currently not in scenario \"welcome\" (no run open now, or never entered)")]
    [InlineData("completed", "completed scenario \"welcome\" (some run finished with outcome completed at or before now)")]
    [InlineData("exited_with_error", "exited scenario \"welcome\" with an error (some run finished with outcome error at or before now)")]
    public void Describe_Operator_SaysItInWords(string op, string expected)
    {
        var words = new ParticipationCondition().Describe(new ConditionArguments(new Dictionary<string, object> { ["scenario"] = "welcome", ["operator"] = op }));

        Assert.Equal(expected, words);
    }

    [Fact]
    public void Generate_Condition_PutsItsWordsInTheSourceHeader()
    {
        var source = _bed.Engine.Generate(Documents.Single("words", Participation, Of("discount-10", "never_was").ToObject())).Text;

        Assert.Contains("//   rules.items[0]: was never in scenario \"discount-10\" (no run entered at or before now)\n", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_ConditionType_StatesTheMultiRunRuleAndTheEdges()
    {
        var description = new ParticipationCondition().Description;

        Assert.Contains("several times", description, StringComparison.Ordinal);
        Assert.Contains("both completed and currently_in", description, StringComparison.Ordinal);
        Assert.Contains("a run that finished exactly now is over", description, StringComparison.Ordinal);
        Assert.Contains("Runs entered after now are ignored", description, StringComparison.Ordinal);
        foreach (var op in ParticipationOperators.All)
        {
            Assert.Contains(op + ":", description, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _bed.Dispose();
}
