using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>A goal reached by a profile, with its cost (unknown for some).</summary>
public sealed class GoalRow
{
    public string? Goal { get; set; }

    public decimal? Cost { get; set; }

    public long At { get; set; }
}

/// <summary>
/// An in-process plugin for the value operators of the counting family (total, average): goals reached, with a cost,
/// the shape of the seed's "Goal/Pixel" conditions. Also holds a condition that reads a column it does not declare.
/// </summary>
public sealed class GoalsPlugin : IRulePlugin
{
    public static readonly TableDefinition Goals = new(
        "test_goals",
        "profile_id",
        typeof(GoalRow),
        [new("goal", ColumnType.Text) { Nullable = false }, new("cost", ColumnType.Decimal), new("at", ColumnType.Timestamp) { Nullable = false }]);

    public void Register(IPluginBuilder builder) => builder
        .AddTable(Goals)
        .AddConditionType(new Reached())
        .AddConditionType(new Leaky());

    private static readonly CountOperators Counting = new(Goals, "at")
    {
        Operators = [Exists, NotExists, AtLeast, NotOnce, Total, Average],
        Value = new CountedValue("cost", "cost"),
    };

    /// <summary>"Goal G reached" with every counting operator, total and average cost included.</summary>
    private sealed class Reached : ConditionType
    {
        public override string Id => "goals.reached";

        public override string Title => "Goal reached";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
            [new("goal", ParameterKind.String, "The goal."), .. Counting.Parameters];

        public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Counting.Validate(arguments);

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => Counting.GetDataRequirements(arguments, "goal");

        public override string Describe(ConditionArguments arguments) => Counting.Describe(arguments, $"goal \"{arguments.GetString("goal")}\"");

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            Counting.Emit(arguments, context, context.Expression($"static row => {context.TypeName(typeof(Text))}.EqualsIgnoreCase(row.Goal, {arguments.GetString("goal")})"));
    }

    /// <summary>The same, but its match reads <c>goal</c> without declaring it: the mistake the host must refuse.</summary>
    private sealed class Leaky : ConditionType
    {
        public override string Id => "goals.leaky";

        public override string Title => "Goal reached (declares no column)";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
            [new("goal", ParameterKind.String, "The goal."), .. Counting.Parameters];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => Counting.GetDataRequirements(arguments);

        public override string Describe(ConditionArguments arguments) => Counting.Describe(arguments, $"goal \"{arguments.GetString("goal")}\"");

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            Counting.Emit(arguments, context, context.Expression($"static row => row.Goal == {arguments.GetString("goal")}"));
    }
}
