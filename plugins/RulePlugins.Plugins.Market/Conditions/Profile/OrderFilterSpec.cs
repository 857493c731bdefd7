using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Plugins.Market.Runtime;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Operators;
using RulePlugins.Sdk.Runtime;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Plugins.Market.Conditions.Profile;

/// <summary>
/// The grouping conditions that decide which of a profile's orders count: sales channel and contact points,
/// statuses, regions, products, SKUs, categories (with their descendants), the quantity of goods, the creation
/// date and the order cost. Every parameter is optional; those given must all hold for an order to count.
/// </summary>
internal static class OrderFilterSpec
{
    private const string Quantity = "quantity_";
    private const string Amount = "amount_";

    /// <summary>The filter parameters, appended to each order condition's own.</summary>
    public static IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("statuses", ParameterKind.StringList, "Orders with one of these statuses.") { Required = false, AllowedValues = OrderStatuses.All },
        new("channels", ParameterKind.StringList, "Orders placed through one of these sales channels (\"website\") or contact points (\"website/cart\").") { Required = false },
        new("regions", ParameterKind.StringList, "Orders delivered to one of these regions (ignoring case).") { Required = false },
        new("products", ParameterKind.StringList, "Orders containing at least one of these products (ids).") { Required = false },
        new("skus", ParameterKind.StringList, "Orders containing at least one of these SKUs.") { Required = false },
        new("categories", ParameterKind.StringList, "Orders containing an item of one of these categories or of a category below them.") { Required = false },
        ParameterDefinition.Choice("quantity_method", "How goods are counted: any_item (in any of the items), total (summed across items), every_item (in each of the items; an order without items does not count), distinct_products (different products in the order).", MarketParameters.GoodsMethods)
            with { RequiredWhen = new(Quantity + "operator", NumberOperators.Comparisons) },
        .. NumberOperators.Parameters(Quantity, NumberOperators.Comparisons, integer: true, minimum: 0, maximum: null, required: false),
        new("created_in_last_days", ParameterKind.Integer, "Orders created in the last this many days, up to now.") { Required = false, Minimum = 1, Maximum = 36_500 },
        new("created_from", ParameterKind.Date, "Orders created on or after this day (UTC).") { Required = false },
        new("created_to", ParameterKind.Date, "Orders created on or before this day (UTC, the whole day included).") { Required = false },
        .. NumberOperators.Parameters(Amount, NumberOperators.Comparisons, integer: false, minimum: null, maximum: null, required: false),
        MarketParameters.Currency("amount_currency"),
    ];

    public static IEnumerable<ArgumentError> Validate(ConditionArguments arguments)
    {
        foreach (var error in NumberOperators.Validate(arguments, Quantity)
            .Concat(NumberOperators.Validate(arguments, Amount))
            .Concat(MarketParameters.ValidateCurrency(arguments, "amount_currency"))
            .Concat(MarketParameters.ValidateChannels(arguments, "channels")))
        {
            yield return error;
        }

        if (arguments.Has("created_in_last_days") && (arguments.Has("created_from") || arguments.Has("created_to")))
        {
            yield return new ArgumentError("created_in_last_days", "give either created_in_last_days or created_from/created_to, not both");
        }

        if (arguments.Has("created_from") && arguments.Has("created_to") && DayStart(arguments.GetDate("created_from")) > DayStart(arguments.GetDate("created_to")))
        {
            yield return new ArgumentError("created_to", $"must not be before created_from ({MarketParameters.Day(arguments.GetDate("created_from"))}), got {MarketParameters.Day(arguments.GetDate("created_to"))}");
        }

        if (arguments.Has("amount_currency") && !arguments.Has(Amount + "operator"))
        {
            yield return new ArgumentError("amount_currency", "applies only with amount_operator");
        }
    }

    /// <summary>True when a check reads the orders' items.</summary>
    public static bool ReadsItems(ConditionArguments arguments) =>
        arguments.Has("products") || arguments.Has("skus") || arguments.Has("categories") || arguments.Has(Quantity + "operator");

    /// <summary>True when a check converts amounts.</summary>
    public static bool ComparesAmount(ConditionArguments arguments) => arguments.Has(Amount + "operator");

    /// <summary>The order and item columns the filter reads, bounded by the creation-date window.</summary>
    public static IEnumerable<DataRequirement> Requirements(ConditionArguments arguments, IEnumerable<string> orderColumns)
    {
        var columns = new SortedSet<string>(orderColumns, StringComparer.Ordinal);
        if (arguments.Has("statuses"))
        {
            columns.Add("status");
        }

        if (arguments.Has("channels"))
        {
            columns.UnionWith(["channel", "contact_point"]);
        }

        if (arguments.Has("regions"))
        {
            columns.Add("region");
        }

        if (ComparesAmount(arguments))
        {
            columns.UnionWith(["amount", "currency"]);
        }

        var window = Window(arguments);
        yield return Bound(MarketTables.Orders.Read([.. columns]), window);
        if (!ReadsItems(arguments))
        {
            yield break;
        }

        var itemColumns = new SortedSet<string>(StringComparer.Ordinal) { "order_id" };
        if (arguments.Has("products") || arguments.GetOptionalString("quantity_method") == "distinct_products")
        {
            itemColumns.Add("product_id");
        }

        if (arguments.Has("skus"))
        {
            itemColumns.Add("sku");
        }

        if (arguments.Has("categories"))
        {
            itemColumns.Add("category_id");
        }

        if (arguments.Has(Quantity + "operator"))
        {
            itemColumns.Add("quantity");
        }

        yield return Bound(MarketTables.Orders.Read("id"), window);
        yield return Bound(MarketTables.OrderItems.Read([.. itemColumns]), window);
    }

    /// <summary>The lookups the filter reads (rates when amounts are compared, the category tree for categories).</summary>
    public static IEnumerable<LookupDefinition> Lookups(ConditionArguments arguments, bool convertsAmounts)
    {
        if (convertsAmounts || ComparesAmount(arguments))
        {
            yield return MarketLookups.CurrencyRates;
        }

        if (arguments.Has("categories"))
        {
            yield return MarketLookups.Categories;
        }
    }

    /// <summary>The filter in words: "status is paid, created in the last 14 days", or "any" when nothing is set.</summary>
    public static string Describe(ConditionArguments arguments)
    {
        var parts = new List<string>();
        if (arguments.Has("statuses"))
        {
            parts.Add($"status is one of {string.Join(", ", arguments.GetStringList("statuses"))}");
        }

        if (arguments.Has("channels"))
        {
            parts.Add($"placed through {MarketParameters.QuoteAll(arguments.GetStringList("channels"))}");
        }

        if (arguments.Has("regions"))
        {
            parts.Add($"region is one of {MarketParameters.QuoteAll(arguments.GetStringList("regions"))} (ignoring case)");
        }

        if (arguments.Has("products"))
        {
            parts.Add($"contains one of the products {MarketParameters.QuoteAll(arguments.GetStringList("products"))}");
        }

        if (arguments.Has("skus"))
        {
            parts.Add($"contains one of the SKUs {MarketParameters.QuoteAll(arguments.GetStringList("skus"))}");
        }

        if (arguments.Has("categories"))
        {
            parts.Add($"contains an item in categories {MarketParameters.QuoteAll(arguments.GetStringList("categories"))} or below");
        }

        if (arguments.Has(Quantity + "operator"))
        {
            parts.Add(NumberOperators.Describe(MarketParameters.DescribeGoods(arguments.GetString("quantity_method")), arguments, string.Empty, Quantity, valueMayBeUnknown: false));
        }

        if (arguments.Has("created_in_last_days"))
        {
            parts.Add($"created in the last {arguments.GetInteger("created_in_last_days")} days");
        }

        if (arguments.Has("created_from") || arguments.Has("created_to"))
        {
            parts.Add((arguments.Has("created_from"), arguments.Has("created_to")) switch
            {
                (true, true) => $"created between {MarketParameters.Day(arguments.GetDate("created_from"))} and {MarketParameters.Day(arguments.GetDate("created_to"))} (both included)",
                (true, false) => $"created on or after {MarketParameters.Day(arguments.GetDate("created_from"))}",
                _ => $"created on or before {MarketParameters.Day(arguments.GetDate("created_to"))}",
            });
        }

        if (ComparesAmount(arguments))
        {
            parts.Add(NumberOperators.Describe("cost", arguments, " " + MarketParameters.CurrencyOf(arguments, "amount_currency"), Amount, valueMayBeUnknown: false));
        }

        return parts.Count == 0 ? "any order" : string.Join("; ", parts);
    }

    /// <summary>Declares the filter as a static field and returns its name.</summary>
    public static Code EmitFilter(ConditionArguments arguments, EmitContext context)
    {
        var lines = new List<Code>();
        void Set(string property, Code value) => lines.Add(context.Expression($"    {context.Identifier(property)} = {value},"));

        if (arguments.Has("statuses"))
        {
            Set("Statuses", MarketParameters.TextSetExpression(context, arguments.GetStringList("statuses")));
        }

        if (arguments.Has("channels"))
        {
            Set("Channels", MarketParameters.ChannelsExpression(context, arguments.GetStringList("channels")));
        }

        foreach (var (parameter, property) in new[] { ("regions", "Regions"), ("products", "Products"), ("skus", "Skus"), ("categories", "Categories") })
        {
            if (arguments.Has(parameter))
            {
                Set(property, MarketParameters.TextSetExpression(context, arguments.GetStringList(parameter)));
            }
        }

        if (arguments.Has(Quantity + "operator"))
        {
            var method = MarketParameters.GoodsMethod(arguments.GetString("quantity_method"));
            Set("GoodsMethod", context.Expression($"{context.TypeName(typeof(GoodsMethod))}.{context.Identifier(method.ToString())}"));
            Set("Goods", context.Expression($"static quantity => {NumberOperators.Emit(arguments, context, context.Identifier("quantity"), integer: true, "Quantity", Quantity)}"));
        }

        if (arguments.Has("created_in_last_days"))
        {
            Set("CreatedInLastDays", context.Expression($"{arguments.GetInteger("created_in_last_days")}"));
        }

        if (arguments.Has("created_from"))
        {
            Set("CreatedFrom", context.InstantLiteral(DayStart(arguments.GetDate("created_from"))));
        }

        if (arguments.Has("created_to"))
        {
            Set("CreatedTo", context.InstantLiteral(DayStart(arguments.GetDate("created_to")) + EvaluationClock.MillisecondsPerDay - 1));
        }

        if (ComparesAmount(arguments))
        {
            Set("Amount", context.Expression($"static cost => {NumberOperators.Emit(arguments, context, context.Identifier("cost"), integer: false, "Amount", Amount)}"));
            Set("AmountCurrency", context.Expression($"{MarketParameters.CurrencyOf(arguments, "amount_currency")}"));
        }

        var type = context.TypeName(typeof(OrderFilter));
        var initializer = lines.Count == 0
            ? context.Expression($"new {type}()")
            : context.Expression($"new {type}\n{{\n{Code.Join("\n", lines)}\n}}");
        return context.StaticField(type, "Orders", initializer);
    }

    /// <summary>The named arguments that pass items and the category tree to the helpers, when the filter needs them.</summary>
    public static Code ItemArguments(ConditionArguments arguments, EmitContext context)
    {
        var parts = new List<Code>();
        if (ReadsItems(arguments))
        {
            parts.Add(context.Expression($", items: {context.Rows(MarketTables.OrderItems)}"));
        }

        if (arguments.Has("categories"))
        {
            parts.Add(context.Expression($", categories: {context.Lookup(MarketLookups.Categories)}"));
        }

        return Code.Join(string.Empty, parts);
    }

    private static TimeWindow? Window(ConditionArguments arguments)
    {
        if (arguments.Has("created_in_last_days"))
        {
            return new TimeWindow("created_at", TimeBound.DaysBeforeNow(arguments.GetInteger("created_in_last_days")), TimeBound.Now);
        }

        if (!arguments.Has("created_from") && !arguments.Has("created_to"))
        {
            return null;
        }

        TimeBound? from = arguments.Has("created_from") ? TimeBound.AtUnixMilliseconds(DayStart(arguments.GetDate("created_from"))) : null;
        TimeBound? to = arguments.Has("created_to") ? TimeBound.AtUnixMilliseconds(DayStart(arguments.GetDate("created_to")) + EvaluationClock.MillisecondsPerDay - 1) : null;
        return new TimeWindow("created_at", from, to);
    }

    private static DataRequirement Bound(DataRequirement requirement, TimeWindow? window) =>
        window is null ? requirement : requirement.Within(window.Column, window.From, window.To);

    private static long DayStart(DateTimeOffset value) => DateOperators.StartOfDay(value).ToUnixTimeMilliseconds();
}
