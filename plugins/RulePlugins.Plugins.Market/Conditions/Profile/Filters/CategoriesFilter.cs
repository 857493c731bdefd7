using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions.Profile.Filters;

/// <summary>Orders containing an item of one of the categories given, or of a category below one of them (the category tree lookup).</summary>
internal sealed class CategoriesFilter : ItemsFilter
{
    /// <inheritdoc />
    public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [new("categories", ParameterKind.StringList, "Orders containing an item of one of these categories (ids of market_categories) or of a category below them.") { Required = false, ChoicesFrom = MarketChoices.Categories }];

    /// <inheritdoc />
    protected override IEnumerable<string> ItemColumns(ConditionArguments arguments) => ["category_id"];

    /// <inheritdoc />
    public override IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => [MarketLookups.Categories];

    /// <inheritdoc />
    public override string Describe(ConditionArguments arguments) => $"contains an item in categories {MarketParameters.QuoteAll(arguments.GetStringList("categories"))} or below";

    /// <inheritdoc />
    public override IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context) =>
        [new(nameof(OrderFilter.Categories), MarketParameters.TextSetExpression(context, arguments.GetStringList("categories")))];
}
