using RulePlugins.Engine.Insight.Lint;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>Lint over goals: a goal that was never achieved by anyone is warned about, in either condition type; one with achievements is not.</summary>
public sealed class LintTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    public LintTests()
    {
        _bed.AddProfiles(1);
        _bed.Achieve(1, Goal("purchase", _bed.NowMs() - Day, 100));
    }

    private IReadOnlyList<LintWarning> Lint(string type, Params parameters) => _bed.Engine.Lint(Documents.Single("lint", type, parameters.ToObject()));

    [Fact]
    public void Lint_GoalNeverAchieved_WarnsThatTheConditionReadsNothing()
    {
        var warning = Assert.Single(Lint(Achieved, Counting("exists").With("goal", "login")));

        Assert.Equal(LintRules.EntityWithoutData, warning.Rule);
        Assert.Equal("rules.items[0]", warning.Path);
        Assert.EndsWith(": goal \"login\" has no rows in goal_achievements at all, so the condition reads nothing for any profile.", warning.Message);
    }

    [Fact]
    public void Lint_ComplexConditionOnAGoalNeverAchieved_Warns()
    {
        Assert.Equal(LintRules.EntityWithoutData, Assert.Single(Lint(Complex, Params.Operator("meets").With("goal", "signup"))).Rule);
    }

    [Fact]
    public void Lint_GoalAchievedByAProfile_HasNoWarning()
    {
        Assert.Empty(Lint(Achieved, Counting("exists").With("goal", "purchase")));
        Assert.Empty(Lint(Complex, Params.Operator("meets").With("goal", "purchase")));
    }

    public void Dispose() => _bed.Dispose();
}
