using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Plugins.Loyalty.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Loyalty.Conditions;

/// <summary>
/// "Points expiration in promo actions": the total points of a program whose expiry time falls in a window and that no
/// spend consumed, optionally under one promo action and of one point type, compared with a number.
/// </summary>
/// <remarks>
/// Each accrual counts with what is left of it at now (<see cref="PointsLedger.Expiring"/>): points already spent do not
/// expire. For a window in the past that is what expired; for the next X days, what will expire unless it is spent. The
/// windows are <see cref="WindowParameters"/>' (both include now): an accrual expiring exactly now is gone from both
/// balances, and its unspent points count as expiring in the next X days and in the last X days. No window: every accrual
/// with an expiry time, whenever it expires (what expired unspent so far and what will expire unless spent).
/// </remarks>
public sealed class ExpiringCondition : ConditionType
{
    /// <summary>The window parameters, all by expiry time.</summary>
    public static readonly WindowParameters Window = WindowParameters.Default with { Rows = "Points expiring" };

    /// <inheritdoc />
    public override string Id => "loyalty.expiring";

    /// <inheritdoc />
    public override string Title => "Loyalty points expiring";

    /// <inheritdoc />
    public override string Description =>
        "The total points of the program (optionally under one promo action and of one point type) whose expiry time falls in the window, counting only what no spend consumed: " +
        "for a past window the points that expired unspent, for next_days the points that will expire unless spent. " +
        "The window: next_days (from now to now + days × 24 h), last_days, or from/to (whole UTC days); all include now, so points expiring exactly now " +
        "(already gone from the balances) count in next_days and last_days. No window: every accrual with an expiry time, whenever it expires. " + BalanceCondition.Model;

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        LoyaltyParameters.Program,
        .. LoyaltyParameters.Points,
        .. Window.Parameters,
        LoyaltyParameters.PromoAction,
        LoyaltyParameters.PointType,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) =>
        NumberOperators.Validate(arguments).Concat(Window.Validate(arguments));

    /// <summary>The whole ledger up to now: what is left of an accrual depends on every spend before.</summary>
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments)
    {
        yield return LoyaltyTables.Transactions.Read(LoyaltyParameters.FoldColumns(arguments)).Within(LoyaltyParameters.UpToNow);
    }

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var window = Window.Kind(arguments) == CountWindow.AllTime ? "at any time" : Window.Describe(arguments);
        return LoyaltyParameters.DescribeComparison(
            $"unspent points of loyalty program \"{arguments.GetString("program")}\"{LoyaltyParameters.DescribeFilters(arguments)} expiring {window}", arguments);
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        LoyaltyParameters.Compare(arguments, context, Points(arguments, context), "Expiring");

    /// <summary>The points expiring, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Points(arguments, context);

    private static Code Points(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        return context.Expression(
            $"{context.TypeName(typeof(PointsLedger))}.Expiring({context.Rows(LoyaltyTables.Transactions)}, {context.Clock}, {Window.Emit(arguments, context)}, {arguments.GetString("program")}, {LoyaltyParameters.Optional(arguments, "promo_action")}, {LoyaltyParameters.Optional(arguments, "point_type")})");
    }
}
