using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Sdk.Tests;

/// <summary>One spell of a profile in a list: when it entered, and when it left (null while it is in).</summary>
public sealed class ListSpellRow
{
    public string? ListId { get; set; }

    public long EnteredAt { get; set; }

    public long? LeftAt { get; set; }
}

/// <summary>
/// The smallest plugin over the membership-history family: spells of profiles in named lists, and one condition,
/// <c>lists.history</c>, that adds only the list to <see cref="MembershipHistoryOperators"/>.
/// </summary>
public sealed class ListsPlugin : IRulePlugin
{
    public static readonly TableDefinition Spells = new(
        "test_list_spells",
        "profile_id",
        typeof(ListSpellRow),
        [
            new("list_id", ColumnType.Text) { Nullable = false },
            new("entered_at", ColumnType.Timestamp) { Nullable = false },
            new("left_at", ColumnType.Timestamp),
        ]);

    public void Register(IPluginBuilder builder) => builder
        .AddTable(Spells)
        .AddConditionType(new History());

    private sealed class History : ConditionType
    {
        private static readonly MembershipHistoryOperators Family = new(Spells, "entered_at", "left_at") { What = "the list" };

        public override string Id => "lists.history";

        public override string Title => "List membership history";

        public override string Description => "Where the profile has been with the list. " + MembershipHistoryOperators.Edges;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
            [new("list", ParameterKind.String, "The list."), .. Family.Parameters];

        public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Family.Validate(arguments);

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
            Family.GetDataRequirements(arguments, "list_id");

        public override string Describe(ConditionArguments arguments) => Family.Describe(arguments, $"list \"{arguments.GetString("list")}\"");

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            Family.Emit(arguments, context, context.Expression($"static row => row.ListId == {arguments.GetString("list")}"));
    }
}
