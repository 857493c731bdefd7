using System.Text.RegularExpressions;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Emit;

namespace RulePlugins.Plugins.Market.Conditions;

/// <summary>Parameter pieces shared by the market conditions: currencies, channel selections and goods counting.</summary>
internal static partial class MarketParameters
{
    /// <summary>The goods counting methods, as written in documents.</summary>
    public static IReadOnlyList<string> GoodsMethods { get; } = ["any_item", "total", "every_item", "distinct_products"];

    /// <summary>The currencies a currency parameter accepts: those with a rate in market_currency_rates, and the base currency.</summary>
    public static DataChoices KnownCurrencies { get; } = DataChoices.Of("currency", MarketLookups.CurrencyRates, rates => rates.Currencies);

    /// <summary>A currency parameter: an ISO 4217 code with a rate, the base currency when left out.</summary>
    public static ParameterDefinition Currency(string name) =>
        new(name, ParameterKind.String, $"The ISO 4217 currency amounts are compared in; {CurrencyRates.BaseCurrency} when left out. Order amounts in other currencies are converted at the rates of market_currency_rates, so the currency must have a rate there.")
        {
            Required = false,
            ChoicesFrom = KnownCurrencies,
        };

    /// <summary>The currency a condition compares in.</summary>
    public static string CurrencyOf(ConditionArguments arguments, string name) =>
        arguments.GetOptionalString(name)?.ToUpperInvariant() ?? CurrencyRates.BaseCurrency;

    /// <summary>Refuses a currency that is not three letters.</summary>
    public static IEnumerable<ArgumentError> ValidateCurrency(ConditionArguments arguments, string name)
    {
        if (arguments.GetOptionalString(name) is { } currency && !CurrencyCode().IsMatch(currency))
        {
            yield return new ArgumentError(name, $"must be a three-letter ISO 4217 code such as RUB or USD, got \"{currency}\"");
        }
    }

    /// <summary>Refuses a channel entry that is not <c>channel</c> or <c>channel/contact_point</c>.</summary>
    public static IEnumerable<ArgumentError> ValidateChannels(ConditionArguments arguments, string name)
    {
        if (!arguments.Has(name))
        {
            yield break;
        }

        foreach (var entry in arguments.GetStringList(name))
        {
            var parts = entry.Split('/');
            if (parts.Length > 2 || parts.Any(p => p.Trim().Length == 0))
            {
                yield return new ArgumentError(name, $"\"{entry}\" is not a channel (\"website\") or a channel and contact point (\"website/cart\")");
            }
        }
    }

    /// <summary>The goods method of a document value.</summary>
    public static GoodsMethod GoodsMethod(string value) => value switch
    {
        "any_item" => Runtime.GoodsMethod.AnyItem,
        "total" => Runtime.GoodsMethod.Total,
        "every_item" => Runtime.GoodsMethod.EveryItem,
        "distinct_products" => Runtime.GoodsMethod.DistinctProducts,
        _ => throw new ArgumentException($"Unknown goods method '{value}'.", nameof(value)),
    };

    /// <summary>What the goods method counts, in words.</summary>
    public static string DescribeGoods(string method) => method switch
    {
        "any_item" => "the quantity of some item",
        "total" => "the total quantity of goods",
        "every_item" => "the quantity of every item (and the order has items)",
        "distinct_products" => "the number of different products",
        _ => method,
    };

    /// <summary>A set of strings compared ignoring case, as a static field.</summary>
    public static Code TextSet(EmitContext context, IReadOnlyList<string> values, string hint) =>
        context.StaticField(context.TypeName(typeof(HashSet<string>)), hint, TextSetExpression(context, values));

    /// <summary>The expression that builds a set of strings compared ignoring case.</summary>
    public static Code TextSetExpression(EmitContext context, IReadOnlyList<string> values) =>
        context.Expression($"{context.TypeName(typeof(Sdk.Runtime.Text))}.SetIgnoreCase({Code.Join(", ", values.Select(context.Literal))})");

    /// <summary>A channel selection, as a static field.</summary>
    public static Code Channels(EmitContext context, IReadOnlyList<string> values, string hint) =>
        context.StaticField(context.TypeName(typeof(ChannelSet)), hint, ChannelsExpression(context, values));

    /// <summary>The expression that builds a channel selection.</summary>
    public static Code ChannelsExpression(EmitContext context, IReadOnlyList<string> values) =>
        context.Expression($"{context.TypeName(typeof(ChannelSet))}.Of({Code.Join(", ", values.Select(context.Literal))})");

    /// <summary>Quotes values for descriptions.</summary>
    public static string QuoteAll(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));

    [GeneratedRegex(@"^[A-Za-z]{3}\z")]
    private static partial Regex CurrencyCode();
}
