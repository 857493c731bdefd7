using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// The SDK's per-operator parameter rules: <see cref="ParameterDefinition.RequiredWhen"/> is shorthand for a
/// <see cref="ParameterDependency"/> without optional values, and a dependency answers required, optional or refused
/// for each value of the parameter it depends on.
/// </summary>
public sealed class ParameterDependencyTests
{
    private static readonly ParameterDependency Times = new("operator", ["at_least"], ["exists", "not_exists"]);

    [Fact]
    public void RequiredWhen_Set_IsADependencyRequiredForThoseValuesAndRefusedOtherwise()
    {
        var parameter = new ParameterDefinition("value", ParameterKind.Integer, "A value.") { RequiredWhen = new("operator", ["equals", "greater"]) };

        Assert.Equal("operator", parameter.DependsOn!.Parameter);
        Assert.Equal(["equals", "greater"], parameter.DependsOn.RequiredFor);
        Assert.Empty(parameter.DependsOn.OptionalFor);
        Assert.Equal(["equals", "greater"], parameter.RequiredWhen!.Values);
        Assert.Equal(ParameterUsage.Required, parameter.UsageWhen(_ => "greater"));
        Assert.Equal(ParameterUsage.Refused, parameter.UsageWhen(_ => "in_range"));
        Assert.Equal(ParameterUsage.Refused, parameter.UsageWhen(_ => null));
    }

    [Fact]
    public void DependsOn_WithOptionalValues_AnswersEachOperatorAndReadsNoRequiredWhen()
    {
        var parameter = new ParameterDefinition("times", ParameterKind.Integer, "How many.") { DependsOn = Times };

        Assert.Null(parameter.RequiredWhen);
        Assert.Equal(ParameterUsage.Required, parameter.UsageWhen(_ => "at_least"));
        Assert.Equal(ParameterUsage.Optional, parameter.UsageWhen(_ => "exists"));
        Assert.Equal(ParameterUsage.Refused, parameter.UsageWhen(_ => "not_once"));
        Assert.Equal(ParameterUsage.Refused, parameter.UsageWhen(_ => null));
        Assert.False(parameter.AppliesWhen(_ => "not_once"));
        Assert.True(parameter.AppliesWhen(_ => "exists"));
    }

    [Fact]
    public void UsageWhen_NoDependency_FollowsRequired()
    {
        Assert.Equal(ParameterUsage.Required, new ParameterDefinition("a", ParameterKind.String, "A.").UsageWhen(_ => null));
        Assert.Equal(ParameterUsage.Optional, new ParameterDefinition("a", ParameterKind.String, "A.") { Required = false }.UsageWhen(_ => null));
    }

    [Fact]
    public void LimitedTo_OfferedOperators_KeepsOnlyThoseAndNullWhenNoneUsesIt()
    {
        var limited = Times.LimitedTo(["exists", "not_once"]);

        Assert.Equal([], limited!.RequiredFor);
        Assert.Equal(["exists"], limited.OptionalFor);
        Assert.Null(Times.LimitedTo(["not_once", "total"]));
        Assert.Equal(["not_once", "total"], Times.RefusedFor(["exists", "not_once", "at_least", "total"]));
    }
}
