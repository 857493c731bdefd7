using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders whose cost, converted to <c>amount_currency</c>, satisfies the <c>amount_</c> comparison.</summary>
internal sealed class AmountFilter : Facet
{
    private const string Prefix = "amount_";

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        .. NumberOperators.Parameters(Prefix, NumberOperators.Comparisons, integer: false, minimum: null, maximum: null, required: false),
        MarketParameters.Currency("amount_currency"),
    ];

    /// <inheritdoc />
    public override IEnumerable<ArgumentError> Validate(ConditionArguments arguments)
    {
        foreach (var error in NumberOperators.Validate(arguments, Prefix).Concat(MarketParameters.ValidateCurrency(arguments, "amount_currency")))
        {
            yield return error;
        }

        if (arguments.Has("amount_currency") && !arguments.Has(Prefix + "operator"))
        {
            yield return new ArgumentError("amount_currency", "applies only with amount_operator");
        }
    }

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read("amount", "currency")];

    /// <inheritdoc />
    public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => [MarketLookups.CurrencyRates];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) =>
        NumberOperators.Describe("cost", arguments, " " + MarketParameters.CurrencyOf(arguments, "amount_currency"), Prefix, valueMayBeUnknown: false);

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context)
    {
        yield return new(nameof(OrderFilter.Amount), context.Expression($"static cost => {NumberOperators.Emit(arguments, context, context.Identifier("cost"), integer: false, "Amount", Prefix)}"));
        yield return new(nameof(OrderFilter.AmountCurrency), context.Expression($"{MarketParameters.CurrencyOf(arguments, "amount_currency")}"));
    }
}
