using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Logic;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Sdk.Tests;

/// <summary>
/// What <see cref="ConditionLogic.FromOperators"/> reads from the SDK's operator parameters, and how the value sets
/// combine: the facts lint builds on, checked on a condition type of the tests' own.
/// </summary>
public sealed class ConditionLogicTests
{
    private static readonly Scored Score = new();

    private static ConditionLogic Logic(params (string Name, object Value)[] arguments) =>
        Score.Logic(new ConditionArguments(arguments.ToDictionary(a => a.Name, a => a.Value)))!;

    private static ValueSet Set(params (string Name, object Value)[] arguments) => Logic(arguments).Holds;

    [Fact]
    public void FromOperators_NotEqualsAndNotInList_HoldForTheUnknownValueAndTheOthersDoNot()
    {
        Assert.True(Set(("operator", "not_equals"), ("value", 5L)).IncludesUnknown);
        Assert.True(Set(("operator", "not_in_list"), ("values", (IReadOnlyList<long>)[1L, 2L])).IncludesUnknown);
        Assert.False(Set(("operator", "equals"), ("value", 5L)).IncludesUnknown);
        Assert.False(Set(("operator", "less"), ("value", 5L)).IncludesUnknown);
        Assert.True(Logic(("operator", "not_equals"), ("value", 5L)).IsNegation);
        Assert.False(Logic(("operator", "greater"), ("value", 5L)).IsNegation);
    }

    [Fact]
    public void Union_LessThanAndAtLeastTheSameNumber_IsEveryKnownValueButNotTheUnknown()
    {
        var union = Set(("operator", "less"), ("value", 18L)).Union(Set(("operator", "greater_or_equal"), ("value", 18L)))!;

        Assert.True(union.IsEverything);
        Assert.False(union.IncludesUnknown);
    }

    [Fact]
    public void Union_LessThanAndGreaterThanTheSameNumber_LeavesThatNumberOut()
    {
        Assert.False(Set(("operator", "less"), ("value", 18L)).Union(Set(("operator", "greater"), ("value", 18L)))!.IsEverything);
    }

    [Fact]
    public void Intersect_WholeNumbersBetween30And31Exclusive_IsEmptyButDecimalsAreNot()
    {
        Assert.True(Set(("operator", "greater"), ("value", 30L)).Intersect(Set(("operator", "less"), ("value", 31L)))!.IsEmpty);
        Assert.False(Set(("operator", "greater"), ("value", 30m)).Intersect(Set(("operator", "less"), ("value", 31m)))!.IsEmpty);
    }

    [Fact]
    public void Intersect_InRangeAndNotInListCoveringIt_IsEmpty()
    {
        var range = Set(("operator", "in_range"), ("min", 1L), ("max", 3L));
        var notListed = Set(("operator", "not_in_list"), ("values", (IReadOnlyList<long>)[1L, 2L, 3L]));

        Assert.True(range.Intersect(notListed)!.IsEmpty);
        Assert.False(range.Intersect(Set(("operator", "not_in_list"), ("values", (IReadOnlyList<long>)[1L, 3L])))!.IsEmpty);
    }

    [Fact]
    public void Text_ComparedIgnoringCaseAndSpaces_AndTheDomainMakesAllChoicesEverything()
    {
        var moscow = ValueSet.Text(["Moscow"], complement: false);
        Assert.True(moscow.Intersect(ValueSet.Text([" moscow "], complement: true))!.IsEmpty);

        string[] genders = ["female", "male"];
        var both = ValueSet.Text(["female"], false, domain: genders).Union(ValueSet.Text(["MALE"], false, domain: genders))!;
        Assert.True(both.IsEverything);
        Assert.False(ValueSet.Text(["female"], false).Union(ValueSet.Text(["male"], false))!.IsEverything);
    }

    [Fact]
    public void Choice_ComplementaryOperators_AreEveryProfileTogetherAndNoProfileAtOnce()
    {
        var yes = ValueSet.Choice("in", ["in", "out"]);
        var no = ValueSet.Choice("out", ["in", "out"]);

        Assert.True(yes.Union(no)!.IsEverything);
        Assert.False(yes.Union(no)!.CanBeUnknown);
        Assert.True(yes.Intersect(no)!.IsEmpty);
    }

    [Fact]
    public void FromOperators_QuantityIsTheTypeWithTheOtherArguments()
    {
        Assert.Equal(Logic(("operator", "equals"), ("value", 1L), ("kind", "A")).Quantity, Logic(("operator", "less"), ("value", 9L), ("kind", " a")).Quantity);
        Assert.NotEqual(Logic(("operator", "equals"), ("value", 1L), ("kind", "A")).Quantity, Logic(("operator", "equals"), ("value", 1L), ("kind", "B")).Quantity);
    }

    [Fact]
    public void FromOperators_OperatorsItDoesNotKnow_SayNothing()
    {
        Assert.Null(Score.Logic(new ConditionArguments(new Dictionary<string, object> { ["operator"] = "contains", ["value"] = "x" })));
        Assert.Null(Score.Logic(new ConditionArguments(new Dictionary<string, object> { ["kind"] = "A" })));
        Assert.Null(Score.Logic(new ConditionArguments(new Dictionary<string, object> { ["operator"] = "at_least", ["value"] = 2L })));
    }

    [Fact]
    public void Sets_OfDifferentKinds_DoNotCombine()
    {
        Assert.Null(ValueSet.Text(["a"], false).Union(ValueSet.Numbers(1, true, 2, true, integer: true)));
        Assert.Null(ValueSet.Numbers(1, true, 2, true, integer: true).Intersect(ValueSet.Numbers(1, true, 2, true, integer: false)));
    }

    private sealed class Scored : ConditionType
    {
        public override string Id => "tests.score";

        public override string Title => "Score";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [.. NumberOperators.Parameters(NumberOperators.WithLists, integer: true)];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

        public override string Describe(ConditionArguments arguments) => "score";

        public override Code Emit(ConditionArguments arguments, EmitContext context) => context.Expression($"true");
    }
}
