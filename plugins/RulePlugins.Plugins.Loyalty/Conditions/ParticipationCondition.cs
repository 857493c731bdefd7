using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Logic;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Loyalty.Conditions;

/// <summary>
/// "Participant / not a participant" of a loyalty program at now, over the profile's spells in
/// <c>loyalty_participations</c>: a participant has a spell that joined at or before now and has not left, or leaves
/// after now (one that left exactly now is over). The SDK's <see cref="Spells.IsIn{TRow}"/> over the program's spells.
/// </summary>
public sealed class ParticipationCondition : ConditionType
{
    /// <summary>Some spell in the program is open now.</summary>
    public const string Participant = "participant";

    /// <summary>No spell in the program is open now (also true for a profile that never joined).</summary>
    public const string NotParticipant = "not_participant";

    /// <summary>The two operators.</summary>
    public static IReadOnlyList<string> Operators { get; } = [Participant, NotParticipant];

    private const string Rules =
        "participant: the profile joined the program at or before now and has not left, or leaves after now (one that left exactly now is not a participant); " +
        "not_participant: it is not (also true for a profile that never joined). A profile may join again after leaving; any open spell counts. " +
        "Participation does not change the points ledger: the balance conditions read the ledger whether or not the profile is a participant now.";

    private static readonly TimeWindow JoinedUpToNow = new("joined_at", null, TimeBound.Now);

    /// <inheritdoc />
    public override string Id => "loyalty.participation";

    /// <inheritdoc />
    public override string Title => "Loyalty program participation";

    /// <inheritdoc />
    public override string Description => "Whether the profile is a participant of the loyalty program now. " + Rules;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        LoyaltyParameters.Program,
        ParameterDefinition.Choice("operator", "participant or not_participant. " + Rules, Operators),
    ];

    /// <summary>The program, joined and left instants of the spells joined up to now.</summary>
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments)
    {
        yield return LoyaltyTables.Participations.Read("program_id", "joined_at", "left_at").Within(JoinedUpToNow);
    }

    /// <summary>Its operators participant / not participant complement each other, for the host's logic checks.</summary>
    public override ConditionLogic? Logic(ConditionArguments arguments) => ConditionLogic.FromOperators(this, arguments, (Participant, NotParticipant));

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var program = $"loyalty program \"{arguments.GetString("program")}\"";
        return arguments.GetString("operator") == Participant
            ? $"is a participant of {program} now"
            : $"is not a participant of {program} now (left, or never joined)";
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var spells = context.TypeName(typeof(Spells));
        var text = context.TypeName(typeof(Text));
        var isIn = context.Expression(
            $"{spells}.IsIn({context.Rows(LoyaltyTables.Participations)}, {context.Clock}, static row => row.JoinedAt, static row => row.LeftAt, static row => {text}.EqualsIgnoreCase(row.ProgramId, {arguments.GetString("program")}))");
        var op = arguments.GetString("operator");
        return op switch
        {
            Participant => isIn,
            NotParticipant => context.Expression($"!{isIn}"),
            _ => throw new ArgumentException($"Unknown loyalty participation operator '{op}'; allowed: {string.Join(", ", Operators)}.", nameof(arguments)),
        };
    }
}
