using RulePlugins.Plugins.Loyalty.Data;
using RulePlugins.Plugins.Loyalty.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Loyalty.Conditions;

/// <summary>
/// "Points accrued in promo actions": the total points accrued in a program, optionally under one promo action and of
/// one point type, compared with a number. Accrued means credited, whatever was spent or expired of them since.
/// </summary>
/// <remarks>
/// The window (<see cref="WindowParameters"/>, its edges): a period (<c>from</c>/<c>to</c>, whole UTC days) and the last
/// X days count accruals by their accrual time; the next X days count accruals by the instant they become usable (the
/// later of accrual and activation time), from now to now + X days, both included: points accrued and waiting for
/// activation. No window: every accrual up to now. Accruals dated after now have not happened and count nowhere.
/// </remarks>
public sealed class AccruedCondition : ConditionType
{
    /// <summary>The window parameters: last_days and from/to by accrual time, next_days by activation.</summary>
    public static readonly WindowParameters Window = WindowParameters.Default with { Rows = "Points accrued" };

    /// <inheritdoc />
    public override string Id => "loyalty.accrued";

    /// <inheritdoc />
    public override string Title => "Loyalty points accrued";

    /// <inheritdoc />
    public override string Description =>
        "The total points accrued in the program (optionally under one promo action and of one point type), whatever was spent or expired of them since, compared with a number. " +
        "from/to (whole UTC days) and last_days count accruals by their accrual time; next_days counts accruals by the instant their points become usable " +
        "(the later of accrual and activation time), from now to now + days × 24 h, both included: accrued points waiting for activation. " +
        "No window: every accrual up to now. Accruals dated after now count nowhere.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        LoyaltyParameters.Program,
        .. LoyaltyParameters.Points,
        .. Window.Parameters.Select(p => p.Name == Window.NextDays ? ByActivation(p) : p),
        LoyaltyParameters.PromoAction,
        LoyaltyParameters.PointType,
    ];

    // next_days counts by activation, not by accrual time: its catalogue text says so.
    private static ParameterDefinition ByActivation(ParameterDefinition nextDays) =>
        new(nextDays.Name, nextDays.Kind, "Points accrued up to now that become usable (the later of accrual and activation time) in the next this many days: from now to now + days × 24 h, both included.")
        {
            Required = false,
            Minimum = nextDays.Minimum,
            Maximum = nextDays.Maximum,
        };

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) =>
        NumberOperators.Validate(arguments).Concat(Window.Validate(arguments));

    /// <summary>
    /// The accruals' program, kind, points and accrual time (with the activation time for next_days and the filters'
    /// columns), only those accrued in the window (a period or the last days) or up to now.
    /// </summary>
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments)
    {
        var columns = new List<string> { "program_id", "kind", "points", "occurred_at" };
        var kind = Window.Kind(arguments);
        if (kind == CountWindow.NextDays)
        {
            columns.Add("activates_at");
        }

        LoyaltyParameters.AddFilterColumns(arguments, columns);
        var window = kind is CountWindow.Period or CountWindow.LastDays ? Window.Window(arguments, "occurred_at") : LoyaltyParameters.UpToNow;
        yield return LoyaltyTables.Transactions.Read([.. columns]).Within(window);
    }

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var window = Window.Kind(arguments) switch
        {
            CountWindow.AllTime => " up to now",
            CountWindow.NextDays => $" becoming usable {Window.Describe(arguments)}",
            _ => " " + Window.Describe(arguments),
        };
        return LoyaltyParameters.DescribeComparison(
            $"points accrued in loyalty program \"{arguments.GetString("program")}\"{LoyaltyParameters.DescribeFilters(arguments)}{window}", arguments);
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context) =>
        LoyaltyParameters.Compare(arguments, context, Points(arguments, context), "Accrued");

    /// <summary>The points accrued, shown when a profile's membership is explained.</summary>
    public override Code? EmitValue(ConditionArguments arguments, EmitContext context) => Points(arguments, context);

    private static Code Points(ConditionArguments arguments, EmitContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var byActivation = Window.Kind(arguments) == CountWindow.NextDays;
        return context.Expression(
            $"{context.TypeName(typeof(PointsLedger))}.Accrued({context.Rows(LoyaltyTables.Transactions)}, {context.Clock}, {Window.Emit(arguments, context)}, {byActivation}, {arguments.GetString("program")}, {LoyaltyParameters.Optional(arguments, "promo_action")}, {LoyaltyParameters.Optional(arguments, "point_type")})");
    }
}
