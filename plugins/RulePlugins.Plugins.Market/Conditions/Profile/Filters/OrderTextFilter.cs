using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>
/// Orders whose text column is one of the values given (statuses, regions): one list parameter, one column of
/// <c>market_orders</c>, one text set on the runtime filter. The two filters differ only in these data.
/// </summary>
internal sealed class OrderTextFilter : Facet
{
    private readonly string _column;
    private readonly string _property;
    private readonly Func<IReadOnlyList<string>, string> _describe;

    private OrderTextFilter(ParameterDefinition parameter, string column, string property, Func<IReadOnlyList<string>, string> describe)
    {
        Parameters = [parameter];
        _column = column;
        _property = property;
        _describe = describe;
    }

    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; }

    private string Name => Parameters[0].Name;

    /// <summary>Orders with one of the statuses given.</summary>
    public static OrderTextFilter Statuses() => new(
        new("statuses", ParameterKind.StringList, "Orders with one of these statuses (in any case).") { Required = false, AllowedValues = OrderStatuses.All, AllowedValuesIgnoreCase = true },
        "status",
        nameof(OrderFilter.Statuses),
        values => $"status is one of {string.Join(", ", values)}");

    /// <summary>Orders delivered to one of the regions given (ignoring case).</summary>
    public static OrderTextFilter Regions() => new(
        new("regions", ParameterKind.StringList, "Orders delivered to one of these regions (ignoring case). Regions are free text: lint warns about one that no order has.") { Required = false, MatchesColumn = "region" },
        "region",
        nameof(OrderFilter.Regions),
        values => $"region is one of {MarketParameters.QuoteAll(values)} (ignoring case)");

    /// <inheritdoc />
    public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [MarketTables.Orders.Read(_column)];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => _describe(arguments.GetStringList(Name));

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(_property, MarketParameters.TextSetExpression(context, arguments.GetStringList(Name)))];

    /// <inheritdoc />
    public override SqlCode? Translate(ConditionArguments arguments, SqlRows rows) =>
        StringOperators.TranslateIn(rows.Context, rows.Column(_column), arguments.GetStringList(Name), ignoreCase: true);
}
