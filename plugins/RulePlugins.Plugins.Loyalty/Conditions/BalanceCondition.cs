using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Plugins.Loyalty.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Loyalty.Conditions;

/// <summary>
/// "Points balance of participants" compared with a number: the final or the active balance of a program at now, of
/// every point type or one, folded from the profile's ledger by <see cref="PointsLedger.Balance"/>.
/// </summary>
public sealed class BalanceCondition : ConditionType
{
    /// <summary>The usable part of the balance.</summary>
    public const string Active = "active";

    /// <summary>Every point not yet spent or expired, usable or not yet.</summary>
    public const string Final = "final";

    /// <summary>The balance types.</summary>
    public static IReadOnlyList<string> BalanceTypes { get; } = [Active, Final];

    /// <summary>The points model in words, shared by the loyalty conditions' descriptions.</summary>
    public const string Model =
        "Points are accrued (with an optional activation time: not usable before it, and an optional expiry time: gone from that instant on) and spent. " +
        "A spend consumes points usable at its time, earliest-expiring first (never-expiring last; equal expiry: earlier accrual first); " +
        "a spend larger than what is usable consumes all of it and the excess nothing, so a balance is never negative. Spent points cannot expire. " +
        "Final balance: every point not yet spent or expired at now, including points not yet active; active balance: the part usable now. " +
        "An accrual activating exactly now is active; one expiring exactly now is gone. Rows dated after now have not happened.";

    /// <inheritdoc />
    public override string Id => "loyalty.balance";

    /// <inheritdoc />
    public override string Title => "Loyalty points balance";

    /// <inheritdoc />
    public override string Description => "The profile's final or active points balance in the program at now, of every point type or one, compared with a number. " + Model;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        LoyaltyParameters.Program,
        ParameterDefinition.Choice("balance", "active: the points usable now; final: every point not yet spent or expired, including points not yet active.", BalanceTypes),
        LoyaltyParameters.PointType,
        .. LoyaltyParameters.Points,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Sdk.Operators.NumberOperators.Validate(arguments);

    /// <summary>The whole ledger up to now (a spend long ago decides what is left today), with the point type when given.</summary>
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments)
    {
        yield return LoyaltyTables.Transactions.Read(LoyaltyParameters.FoldColumns(arguments)).Within(LoyaltyParameters.UpToNow);
    }

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var type = LoyaltyParameters.Optional(arguments, "point_type") is { } t ? $" of point type \"{t}\"" : string.Empty;
        return LoyaltyParameters.DescribeComparison($"{arguments.GetString("balance")} balance{type} in loyalty program \"{arguments.GetString("program")}\"", arguments);
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        LoyaltyParameters.Compare(arguments, context, Points(arguments, context), "Balance");

    /// <summary>The balance itself, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Points(arguments, context);

    private static Code Points(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        return context.Expression(
            $"{context.TypeName(typeof(PointsLedger))}.Balance({context.Rows(LoyaltyTables.Transactions)}, {context.Clock}, {arguments.GetString("program")}, {LoyaltyParameters.Optional(arguments, "point_type")}, {arguments.GetString("balance") == Active})");
    }
}
