using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Tests;

/// <summary>One event of a profile: several rows per profile, with a time and an amount.</summary>
public sealed class TestEventRow
{
    public string? Kind { get; set; }

    public long At { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>A multi-row table and conditions that bound it by a time window, for the loader and planner tests.</summary>
public sealed class TestEventsPlugin : IRulePlugin
{
    public static readonly TableDefinition Events = new(
        "test_events",
        "profile_id",
        typeof(TestEventRow),
        [new("id", ColumnType.Integer) { Nullable = false }, new("kind", ColumnType.Text), new("at", ColumnType.Timestamp) { Nullable = false }, new("amount", ColumnType.Decimal)])
    {
        RowKeyColumn = "id",
        Indexes = [new IndexDefinition("ix_test_events_profile_at", ["profile_id", "at"])],
    };

    public void Register(IPluginBuilder builder) => builder
        .AddTable(Events)
        .AddConditionType(new RecentEvents())
        .AddConditionType(new EverSpent());

    /// <summary>Counts a profile's events of a kind in the last N days.</summary>
    public static int CountRecent(ReadOnlySpan<TestEventRow> events, string kind, in EvaluationClock clock, long days)
    {
        var count = 0;
        foreach (var e in events)
        {
            if (e.Kind == kind && clock.InLastDays(e.At, days))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Sums the amounts of all a profile's events.</summary>
    public static decimal Total(ReadOnlySpan<TestEventRow> events)
    {
        var total = 0m;
        foreach (var e in events)
        {
            total += e.Amount;
        }

        return total;
    }

    /// <summary>At least N events of a kind in the last D days; loads only the events inside that window.</summary>
    private sealed class RecentEvents : ConditionType
    {
        public override string Id => "test.recent_events";

        public override string Title => "Recent events";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [
            new("kind", ParameterKind.String, "Event kind."),
            new("days", ParameterKind.Integer, "Days back.") { Minimum = 1, Maximum = 3650 },
            new("min_count", ParameterKind.Integer, "At least this many.") { Minimum = 1 },
        ];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
            [Events.Read("kind").Within("at", TimeBound.DaysBeforeNow(arguments.GetInteger("days")), TimeBound.Now)];

        public override string Describe(ConditionArguments arguments) =>
            $"at least {arguments.GetInteger("min_count")} \"{arguments.GetString("kind")}\" events in the last {arguments.GetInteger("days")} days";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.TypeName(typeof(TestEventsPlugin))}.CountRecent({context.Rows(Events)}, {arguments.GetString("kind")}, {context.Clock}, {arguments.GetInteger("days")}) >= {arguments.GetInteger("min_count")}");
    }

    /// <summary>Total amount over every event ever; needs every row.</summary>
    private sealed class EverSpent : ConditionType
    {
        public override string Id => "test.total_amount_at_least";

        public override string Title => "Total amount";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [new("value", ParameterKind.Number, "The least total.")];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [Events.Read("amount")];

        public override string Describe(ConditionArguments arguments) => $"total amount of all events is at least {arguments.GetNumber("value")}";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"{context.TypeName(typeof(TestEventsPlugin))}.Total({context.Rows(Events)}) >= {arguments.GetNumber("value")}");
    }
}
