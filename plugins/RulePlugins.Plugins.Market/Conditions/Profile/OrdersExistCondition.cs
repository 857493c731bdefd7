using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile;

/// <summary>"Exists N orders satisfying all conditions" and "No N orders satisfying all conditions".</summary>
public sealed class OrdersExistCondition : ConditionType
{
    private const string Exists = "exists";
    private const string NotExists = "not_exists";

    /// <inheritdoc />
    public override string Id => "market.orders";

    /// <inheritdoc />
    public override string Title => "Orders";

    /// <inheritdoc />
    public override string Description =>
        "exists: the profile has at least `count` orders that pass every grouping condition given; not_exists: it has fewer than `count` such orders " +
        "(with count 1: none). Grouping conditions left out do not apply. Status, region, product, SKU and category values compare ignoring case; " +
        "a category includes its descendants; creation dates are whole UTC days.";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        ParameterDefinition.Choice("operator", "exists (at least count orders) or not_exists (fewer than count orders).", [Exists, NotExists]),
        new("count", ParameterKind.Integer, "How many orders; 1 when left out.") { Required = false, Minimum = 1, Maximum = 1_000_000 },
        .. OrderFilterSpec.Parameters,
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => OrderFilterSpec.Validate(arguments);

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) =>
        OrderFilterSpec.Requirements(arguments, []);

    /// <inheritdoc />
    public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) =>
        OrderFilterSpec.Lookups(arguments, convertsAmounts: false);

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments)
    {
        var count = Count(arguments);
        var filter = OrderFilterSpec.Describe(arguments);
        return arguments.GetString("operator") == Exists
            ? $"at least {count} order{(count == 1 ? "" : "s")} [{filter}]"
            : count == 1 ? $"no order [{filter}]" : $"fewer than {count} orders [{filter}]";
    }

    /// <inheritdoc />
    public override Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var filter = OrderFilterSpec.EmitFilter(arguments, context);
        var rates = OrderFilterSpec.ComparesAmount(arguments) ? context.Expression($", rates: {context.Lookup(MarketLookups.CurrencyRates)}") : context.Expression($"");
        var count = context.Expression($"{context.TypeName(typeof(ProfileOrders))}.Count({context.Rows(MarketTables.Orders)}, {filter}, {context.Clock}{OrderFilterSpec.ItemArguments(arguments, context)}{rates})");
        return arguments.GetString("operator") == Exists
            ? context.Expression($"{count} >= {Count(arguments)}")
            : context.Expression($"{count} < {Count(arguments)}");
    }

    private static long Count(ConditionArguments arguments) => arguments.Has("count") ? arguments.GetInteger("count") : 1;
}
