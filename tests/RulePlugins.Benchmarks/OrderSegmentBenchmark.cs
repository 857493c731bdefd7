using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Plugins.Market.Data;
using RulePlugins.Plugins.Market.DemoData;
using RulePlugins.Plugins.Market.Reference;
using RulePlugins.Sdk.Runtime;
using RulesEngine.Models;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 4: the order segment "cart-three-products" evaluated on synthetic orders, single-threaded: (a) its compiled
/// predicate on pre-built subjects, (b) a hand-written C# method on the same row objects (the baseline), (c) the same
/// rule as a Microsoft RulesEngine lambda-expression workflow, and (d) end to end through
/// <see cref="RuleEngine.Evaluate(string, string, bool)"/>, JSON parsing included, on a smaller sample.
/// </summary>
internal static class OrderSegmentBenchmark
{
    private const string Section = "4. Order segment";
    private const int Orders = 100_000;
    private const int JsonOrders = 20_000;
    private const int WarmUpPasses = 2;
    private const int MeasuredPasses = 7;
    private const string WorkflowName = "orders";

    /// <summary>The rule of "cart-three-products" over a pre-computed <see cref="OrderInput"/>, in RulesEngine's lambda syntax (Dynamic LINQ).</summary>
    private const string RulesEngineExpression =
        "string.Equals(input1.Channel, \"website\", StringComparison.OrdinalIgnoreCase) " +
        "AND string.Equals(input1.ContactPoint, \"cart\", StringComparison.OrdinalIgnoreCase) " +
        "AND input1.DistinctProducts >= 3 " +
        "AND (input1.CostRub >= 3000 " +
        "OR string.Equals(input1.Region, \"Moscow\", StringComparison.OrdinalIgnoreCase) " +
        "OR string.Equals(input1.Region, \"Saint Petersburg\", StringComparison.OrdinalIgnoreCase))";

    /// <returns>False when the four ways disagree on the matched orders.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 4: order segment \"{Examples.CartThreeProducts}\" over {Stats.Count(Orders)} synthetic orders (1 thread)");
        Console.WriteLine("================================================================================");

        var path = temp.Database("orders");
        using var engine = new RuleEngine(catalog, Database.Sqlite(path), new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory }, TimeProvider.System);
        engine.Initialize();

        // The market reference data (currency rates, channels, categories) that RuleEngine.Evaluate reads: the demo
        // generator writes it; one profile keeps the rest of the demo data negligible.
        engine.GenerateDemoData(1, seed: 42);
        var saved = engine.Save(Examples.Find(engine, Examples.CartThreeProducts));
        var compiled = engine.GetCompiled(saved.Id);
        var plan = compiled.Plan;
        var ordersPlan = plan.Find(MarketTables.Orders);
        var itemsPlan = plan.Find(MarketTables.OrderItems);
        if (plan.Tables.Length != 2 || ordersPlan?.Table.RowType != typeof(OrderRow) || itemsPlan?.Table.RowType != typeof(OrderItemRow)
            || plan.Lookups.Length != 1 || plan.Lookups[0].Lookup.Name != MarketLookups.CurrencyRates.Name)
        {
            throw new InvalidOperationException(
                "Expected the plan to read market_orders and market_order_items with the OrderRow/OrderItemRow the benchmark was built against, and the currency rates lookup; got: " +
                string.Join("; ", plan.Tables.Select(t => t.Describe()).Concat(plan.Lookups.Select(l => $"lookup {l.Lookup.Name} (slot {l.Slot})"))));
        }

        Console.WriteLine($"Segment '{saved.Id}' v{saved.Version} saved and compiled in {Stats.Time(saved.CompileTime)}; plan:");
        foreach (var table in plan.Tables)
        {
            Console.WriteLine($"  {table.Describe()}");
        }

        Console.WriteLine($"  lookup {plan.Lookups[0].Lookup.Name} (slot {plan.Lookups[0].Slot})");

        // The rates the demo data wrote, as one model shared by the compiled predicate and the hand-written method.
        var rates = CurrencyRates.FromRows([.. MarketDemoData.Rates.Select(r => new CurrencyRateRow { Currency = r.Currency, Rate = r.Rate })]);
        var stopwatch = Stopwatch.StartNew();
        var data = OrderData.Generate(Orders, rates);
        var batch = data.Batch(ordersPlan.Slot, itemsPlan.Slot, rates);
        var inputs = data.RulesEngineInputs(rates);
        var json = data.Json(JsonOrders);
        stopwatch.Stop();
        Console.WriteLine(
            $"Built {Stats.Count(Orders)} synthetic orders (Random(42); {Stats.Count(data.Items.Length)} items, {data.Items.Length / (double)Orders:0.00} per order; " +
            $"RUB/USD/EUR; 1-6 items, repeated products, some codes in other case) in {Stats.Time(stopwatch.Elapsed)}: one SubjectBatch of {Stats.Count(Orders)} subjects, " +
            $"{Stats.Count(inputs.Length)} RulesEngine inputs, {Stats.Count(json.Length)} JSON documents (average {json.Average(j => j.Length):0} characters)");

        var workflow = new Workflow
        {
            WorkflowName = WorkflowName,
            Rules = [new Rule { RuleName = Examples.CartThreeProducts, RuleExpressionType = RuleExpressionType.LambdaExpression, Expression = RulesEngineExpression }],
        };
        var rulesEngine = new RulesEngine.RulesEngine([workflow], new ReSettings());
        stopwatch.Restart();
        var firstRule = rulesEngine.ExecuteAllRulesAsync(WorkflowName, inputs[0]).AsTask().GetAwaiter().GetResult()[0];
        stopwatch.Stop();
        if (!string.IsNullOrEmpty(firstRule.ExceptionMessage))
        {
            throw new InvalidOperationException($"RulesEngine could not evaluate the rule: {firstRule.ExceptionMessage}");
        }

        Console.WriteLine($"RulesEngine {Version(typeof(RulesEngine.RulesEngine).Assembly)} (dependencies loaded: {LoadedVersions("System.Linq.Dynamic.Core", "FastExpressionCompiler")}), default ReSettings; first call (parses and compiles the expression): {Stats.Time(stopwatch.Elapsed)}");
        Console.WriteLine($"  expression: {RulesEngineExpression}");
        Console.WriteLine("  its input is PRE-COMPUTED per order outside the timing: distinct products counted and the cost converted to RUB (favours RulesEngine)");

        var predicate = compiled.Predicate;
        var clock = EvaluationClock.From(TimeProvider.System);
        Stats.Settle();

        var compiledTimes = new List<TimeSpan>();
        var handTimes = new List<TimeSpan>();
        var rulesTimes = new List<TimeSpan>();
        int compiledMatches = -1, handMatches = -1, rulesMatches = -1;
        var consistent = true;
        for (var pass = 0; pass < WarmUpPasses + MeasuredPasses; pass++)
        {
            // Alternate the three so drift (frequency, other load) hits them alike.
            stopwatch.Restart();
            var c = PredicateBenchmark.CountCompiled(predicate, batch, clock);
            stopwatch.Stop();
            var compiledTime = stopwatch.Elapsed;

            stopwatch.Restart();
            var h = CountHandWritten(data, rates);
            stopwatch.Stop();
            var handTime = stopwatch.Elapsed;

            stopwatch.Restart();
            var r = CountRulesEngine(rulesEngine, inputs);
            stopwatch.Stop();
            var rulesTime = stopwatch.Elapsed;

            consistent &= (compiledMatches < 0 || c == compiledMatches) && (handMatches < 0 || h == handMatches) && (rulesMatches < 0 || r == rulesMatches);
            (compiledMatches, handMatches, rulesMatches) = (c, h, r);
            if (pass >= WarmUpPasses)
            {
                compiledTimes.Add(compiledTime);
                handTimes.Add(handTime);
                rulesTimes.Add(rulesTime);
            }
        }

        // End to end on the first JsonOrders orders: parse, read the document into rows, evaluate. For the breakdown,
        // the JSON parse alone, and Evaluate on documents parsed up front, are timed alongside.
        var jsonHand = CountHandWritten(data, rates, JsonOrders);
        var parsed = json.Select(j => JsonDocument.Parse(j)).ToArray();
        var evaluateTimes = new List<TimeSpan>();
        var parseTimes = new List<TimeSpan>();
        var elementTimes = new List<TimeSpan>();
        int evaluateMatches = -1, elementMatches = -1;
        Stats.Settle();
        for (var pass = 0; pass < WarmUpPasses + MeasuredPasses; pass++)
        {
            stopwatch.Restart();
            var e = CountEvaluate(engine, saved.Id, json);
            stopwatch.Stop();
            var evaluateTime = stopwatch.Elapsed;

            stopwatch.Restart();
            ParseOnly(json);
            stopwatch.Stop();
            var parseTime = stopwatch.Elapsed;

            stopwatch.Restart();
            var p = CountEvaluate(engine, saved.Id, parsed);
            stopwatch.Stop();
            var elementTime = stopwatch.Elapsed;

            consistent &= (evaluateMatches < 0 || e == evaluateMatches) && (elementMatches < 0 || p == elementMatches);
            (evaluateMatches, elementMatches) = (e, p);
            if (pass >= WarmUpPasses)
            {
                evaluateTimes.Add(evaluateTime);
                parseTimes.Add(parseTime);
                elementTimes.Add(elementTime);
            }
        }

        foreach (var document in parsed)
        {
            document.Dispose();
        }

        var compiledNs = Stats.Median(compiledTimes).TotalNanoseconds / Orders;
        var handNs = Stats.Median(handTimes).TotalNanoseconds / Orders;
        var rulesNs = Stats.Median(rulesTimes).TotalNanoseconds / Orders;
        var evaluateNs = Stats.Median(evaluateTimes).TotalNanoseconds / JsonOrders;
        var parseNs = Stats.Median(parseTimes).TotalNanoseconds / JsonOrders;
        var elementNs = Stats.Median(elementTimes).TotalNanoseconds / JsonOrders;

        Console.WriteLine();
        Console.WriteLine(
            $"Matched: compiled predicate {Stats.Count(compiledMatches)}, hand-written {Stats.Count(handMatches)}, RulesEngine {Stats.Count(rulesMatches)} " +
            $"of {Stats.Count(Orders)} ({(double)handMatches / Orders:P1}); RuleEngine.Evaluate {Stats.Count(evaluateMatches)}, hand-written {Stats.Count(jsonHand)} of the first {Stats.Count(JsonOrders)}");
        var same = consistent && compiledMatches == handMatches && rulesMatches == handMatches && evaluateMatches == jsonHand && elementMatches == jsonHand;
        if (!same)
        {
            Console.Error.WriteLine(
                $"ERROR: the matched counts differ (compiled {compiledMatches}, hand-written {handMatches}, RulesEngine {rulesMatches}; " +
                $"Evaluate {evaluateMatches} and on parsed documents {elementMatches} vs hand-written {jsonHand} on the JSON sample), or a pass changed its count.");
        }

        var median = $"median of {MeasuredPasses} passes after {WarmUpPasses} warm-up";
        Console.WriteLine($"(a) compiled predicate, pre-built subjects: {Stats.Nanoseconds(compiledNs)}/order ({median}; min {Stats.Nanoseconds(compiledTimes.Min().TotalNanoseconds / Orders)})");
        Console.WriteLine($"(b) hand-written C# (baseline):             {Stats.Nanoseconds(handNs)}/order ({median}; min {Stats.Nanoseconds(handTimes.Min().TotalNanoseconds / Orders)})");
        Console.WriteLine($"(c) RulesEngine, pre-computed input:        {Stats.Nanoseconds(rulesNs)}/order ({median}; min {Stats.Nanoseconds(rulesTimes.Min().TotalNanoseconds / Orders)})");
        Console.WriteLine($"(d) RuleEngine.Evaluate(id, json):          {Micro(evaluateNs)}/order over {Stats.Count(JsonOrders)} orders ({median}; min {Micro(evaluateTimes.Min().TotalNanoseconds / JsonOrders)})");
        Console.WriteLine($"    breakdown: JsonDocument.Parse alone     {Micro(parseNs)}/order (timed separately on the same strings)");
        Console.WriteLine($"    breakdown: Evaluate(id, JsonElement)    {Micro(elementNs)}/order on documents parsed up front (read into rows, batch of one, evaluate)");
        Console.WriteLine();
        Console.WriteLine($"  compiled / hand-written    = {Stats.Ratio(compiledNs / handNs)}");
        Console.WriteLine($"  RulesEngine / hand-written = {Stats.Ratio(rulesNs / handNs)}");
        Console.WriteLine($"  Evaluate / hand-written    = {Stats.Ratio(evaluateNs / handNs)}");
        Console.WriteLine($"  RulesEngine / compiled     = {Stats.Ratio(rulesNs / compiledNs)}");
        Console.WriteLine(
            "  (the compiled predicate reaches the order through Subject -> SubjectBatch -> RowSet<OrderRow> and tests the channel with the plugin's ChannelSet, a hash set " +
            "of (channel, contact point) pairs hashed ignoring case; the hand-written method compares the two strings directly)");

        var orders = $"{Stats.Count(Orders)} synthetic orders, 1 thread";
        var baseline = $"hand-written C#: {Stats.Nanoseconds(handNs)}/order";
        summary.Add(Section, $"(a) compiled \"{saved.Id}\", pre-built subjects, {orders}", $"{Stats.Nanoseconds(compiledNs)}/order", baseline, Stats.Ratio(compiledNs / handNs));
        summary.Add(Section, $"(b) hand-written C# on the same OrderRow/OrderItemRow objects and CurrencyRates, {orders}", $"{Stats.Nanoseconds(handNs)}/order", "—", "baseline");
        summary.Add(Section, $"(c) Microsoft RulesEngine {Version(typeof(RulesEngine.RulesEngine).Assembly)}, lambda workflow on a PRE-COMPUTED input (distinct products, cost in RUB), {orders}", $"{Stats.Nanoseconds(rulesNs)}/order", baseline, Stats.Ratio(rulesNs / handNs));
        summary.Add(Section, $"(d) RuleEngine.Evaluate(id, json) incl. JSON parsing, {Stats.Count(JsonOrders)} orders", $"{Micro(evaluateNs)}/order (JSON parse alone {Micro(parseNs)}; Evaluate on a parsed JsonElement {Micro(elementNs)})", baseline, Stats.Ratio(evaluateNs / handNs));
        summary.Add(Section, "orders matched (compiled = hand-written = RulesEngine; Evaluate = hand-written on the JSON sample)", $"{Stats.Count(compiledMatches)} / {Stats.Count(rulesMatches)}; {Stats.Count(evaluateMatches)}", $"{Stats.Count(handMatches)}; {Stats.Count(jsonHand)}", same ? "equal" : "DIFFERENT");
        summary.Note(
            $"Section 4: one thread; (a)-(c) over the same {Stats.Count(Orders)} orders built up front, median of {MeasuredPasses} passes after {WarmUpPasses} warm-up, alternated. " +
            "(a) evaluates one SubjectBatch holding every order as a subject (RowSet<OrderRow>, RowSet<OrderItemRow>, the CurrencyRates model), as a recalculation would; " +
            "(c) gets each order's distinct products and RUB cost computed in advance, so it only compares five fields; (d) includes JsonDocument.Parse, the plugin's document reader and a batch of one per order.");
        GC.KeepAlive(batch);
        return same;
    }

    private static string Micro(double nanoseconds) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{nanoseconds / 1000:0.00} µs");

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "?";

    private static string LoadedVersions(params string[] names) =>
        string.Join(", ", names.Select(name =>
            AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name) is { } assembly ? $"{name} {Version(assembly)}" : $"{name} not loaded"));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountHandWritten(OrderData data, CurrencyRates rates, int limit = int.MaxValue)
    {
        var count = 0;
        var orders = data.Orders;
        var items = data.Items;
        var starts = data.ItemStarts;
        var n = Math.Min(orders.Length, limit);
        for (var i = 0; i < n; i++)
        {
            if (HandWritten.CartThreeProducts(orders[i], new ReadOnlySpan<OrderItemRow>(items, starts[i], starts[i + 1] - starts[i]), rates))
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountRulesEngine(RulesEngine.RulesEngine engine, RuleParameter[][] inputs)
    {
        var count = 0;
        foreach (var input in inputs)
        {
            var pending = engine.ExecuteAllRulesAsync(WorkflowName, input);
            var results = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            if (results[0].IsSuccess)
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountEvaluate(RuleEngine engine, string id, string[] documents)
    {
        var count = 0;
        foreach (var document in documents)
        {
            if (engine.Evaluate(id, document).Matched)
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CountEvaluate(RuleEngine engine, string id, JsonDocument[] documents)
    {
        var count = 0;
        foreach (var document in documents)
        {
            if (engine.Evaluate(id, document.RootElement).Matched)
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ParseOnly(string[] documents)
    {
        foreach (var document in documents)
        {
            using var parsed = JsonDocument.Parse(document);
        }
    }

    /// <summary>"cart-three-products" written by hand on the row objects.</summary>
    private static class HandWritten
    {
        private static readonly HashSet<string> Capitals = new(["Moscow", "Saint Petersburg"], StringComparer.OrdinalIgnoreCase);

        public static bool CartThreeProducts(OrderRow order, ReadOnlySpan<OrderItemRow> items, CurrencyRates rates) =>
            string.Equals(order.Channel, "website", StringComparison.OrdinalIgnoreCase)
            && string.Equals(order.ContactPoint, "cart", StringComparison.OrdinalIgnoreCase)
            && DistinctProducts(items) >= 3
            && (rates.Convert(order.Amount, order.Currency, CurrencyRates.BaseCurrency) >= 3000m
                || (order.Region is { } region && Capitals.Contains(region)));

        /// <summary>Different product ids ignoring case; the same quadratic count as the plugin's (an order has a handful of items).</summary>
        public static int DistinctProducts(ReadOnlySpan<OrderItemRow> items)
        {
            var distinct = 0;
            for (var i = 0; i < items.Length; i++)
            {
                var seen = false;
                for (var j = 0; j < i && !seen; j++)
                {
                    seen = string.Equals(items[j].ProductId, items[i].ProductId, StringComparison.OrdinalIgnoreCase);
                }

                if (!seen)
                {
                    distinct++;
                }
            }

            return distinct;
        }
    }

    /// <summary>What RulesEngine evaluates: the order's fields with the item and currency work already done.</summary>
    public sealed record OrderInput(string? Channel, string? ContactPoint, long DistinctProducts, decimal CostRub, string? Region);

    /// <summary>The synthetic orders: row objects as the plugin's document reader would build them, items in one array.</summary>
    private sealed class OrderData(OrderRow[] orders, OrderItemRow[] items, int[] itemStarts)
    {
        // (channel, contact point, weight): the website cart about 40% of orders, a few codes in other case or without a contact point.
        private static readonly (string Channel, string? ContactPoint, double Weight)[] ChannelMix =
        [
            ("website", "cart", 0.36), ("Website", "CART", 0.03), ("website", "one_click", 0.12), ("website", null, 0.03),
            ("mobile_app", "app", 0.16), ("marketplace", "ozon", 0.12), ("retail", "store_moscow_1", 0.10), ("retail", "store_spb_1", 0.08),
        ];

        private static readonly string?[] Regions =
            ["Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg", "Samara", "moscow", "SAINT PETERSBURG", "Kazan", "Samara", null];

        public OrderRow[] Orders { get; } = orders;

        public OrderItemRow[] Items { get; } = items;

        /// <summary>Order i's items are Items[ItemStarts[i] .. ItemStarts[i + 1]).</summary>
        public int[] ItemStarts { get; } = itemStarts;

        public static OrderData Generate(int count, CurrencyRates rates)
        {
            var random = new Random(42);
            var products = Enumerable.Range(1, 200).Select(i => (Id: $"P-{i:D4}", Sku: $"SKU-{i:D4}", PriceRub: 100m + random.Next(0, 21) * 50m)).ToArray();
            var orders = new OrderRow[count];
            var items = new List<OrderItemRow>(count * 4);
            var starts = new int[count + 1];
            for (var i = 0; i < count; i++)
            {
                var id = i + 1L;
                var currency = random.NextDouble() switch { < 0.70 => "RUB", < 0.85 => "USD", _ => "EUR" };
                var rate = rates.Convert(1m, currency, CurrencyRates.BaseCurrency);
                var channel = Pick(random);
                var lines = random.Next(1, 7);
                var amount = 0m;
                starts[i] = items.Count;
                for (var l = 0; l < lines; l++)
                {
                    // Skewed towards the first products, so orders repeat products; 5% of ids in lower case.
                    var product = products[(int)(Math.Pow(random.NextDouble(), 3) * products.Length)];
                    var quantity = random.Next(1, 4);
                    var price = Math.Round(product.PriceRub / rate, 2);
                    amount += price * quantity;
                    items.Add(new OrderItemRow
                    {
                        Id = l + 1,
                        OrderId = id,
                        ProductId = random.NextDouble() < 0.05 ? product.Id.ToLowerInvariant() : product.Id,
                        Sku = product.Sku,
                        Quantity = quantity,
                        Price = price,
                    });
                }

                orders[i] = new OrderRow
                {
                    Id = id,
                    Status = "new",
                    Currency = currency,
                    Amount = amount,
                    Region = Regions[random.Next(Regions.Length)],
                    Channel = channel.Channel,
                    ContactPoint = channel.ContactPoint,
                };
            }

            starts[count] = items.Count;
            return new OrderData(orders, [.. items], starts);
        }

        /// <summary>One batch with every order as a subject, row sets and lookups in the plan's slots.</summary>
        public SubjectBatch Batch(int ordersSlot, int itemsSlot, CurrencyRates rates)
        {
            var ids = Orders.Select(o => o.Id).ToArray();
            var orderSet = new RowSet<OrderRow>(Orders.Length);
            var itemSet = new RowSet<OrderItemRow>(Items.Length);
            orderSet.Reset(Orders.Length);
            itemSet.Reset(Orders.Length);
            for (var i = 0; i < Orders.Length; i++)
            {
                orderSet.Add(i, Orders[i]);
                for (var j = ItemStarts[i]; j < ItemStarts[i + 1]; j++)
                {
                    itemSet.Add(i, Items[j]);
                }
            }

            orderSet.Complete();
            itemSet.Complete();
            var tables = new RowSet[2];
            tables[ordersSlot] = orderSet;
            tables[itemsSlot] = itemSet;
            return new SubjectBatch(ids, Orders.Length, tables, [rates]);
        }

        /// <summary>One RulesEngine parameter array per order, built up front (so is the work of counting and converting).</summary>
        public RuleParameter[][] RulesEngineInputs(CurrencyRates rates) =>
        [
            .. Orders.Select((order, i) => new[]
            {
                new RuleParameter("input1", new OrderInput(
                    order.Channel,
                    order.ContactPoint,
                    HandWritten.DistinctProducts(new ReadOnlySpan<OrderItemRow>(Items, ItemStarts[i], ItemStarts[i + 1] - ItemStarts[i])),
                    rates.Convert(order.Amount, order.Currency, CurrencyRates.BaseCurrency),
                    order.Region)),
            }),
        ];

        /// <summary>The first <paramref name="count"/> orders as the JSON documents OrderSubject reads.</summary>
        public string[] Json(int count)
        {
            var documents = new string[Math.Min(count, Orders.Length)];
            using var buffer = new MemoryStream();
            for (var i = 0; i < documents.Length; i++)
            {
                buffer.SetLength(0);
                var order = Orders[i];
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("id", order.Id);
                    writer.WriteString("currency", order.Currency);
                    writer.WriteString("channel", order.Channel);
                    if (order.ContactPoint is not null)
                    {
                        writer.WriteString("contact_point", order.ContactPoint);
                    }

                    if (order.Region is not null)
                    {
                        writer.WriteString("region", order.Region);
                    }

                    writer.WriteNumber("amount", order.Amount);
                    writer.WriteStartArray("items");
                    for (var j = ItemStarts[i]; j < ItemStarts[i + 1]; j++)
                    {
                        var item = Items[j];
                        writer.WriteStartObject();
                        writer.WriteString("product_id", item.ProductId);
                        writer.WriteString("sku", item.Sku);
                        writer.WriteNumber("quantity", item.Quantity);
                        writer.WriteNumber("price", item.Price);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                documents[i] = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }

            return documents;
        }

        private static (string Channel, string? ContactPoint) Pick(Random random)
        {
            var u = random.NextDouble();
            foreach (var (channel, point, weight) in ChannelMix)
            {
                if ((u -= weight) < 0)
                {
                    return (channel, point);
                }
            }

            return (ChannelMix[^1].Channel, ChannelMix[^1].ContactPoint);
        }
    }
}
