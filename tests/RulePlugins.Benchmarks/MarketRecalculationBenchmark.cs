using System.Diagnostics;
using Dapper;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 5: recalculation of the market plugin's profile segments (order conditions over about 5 orders per
/// profile) on a fresh SQLite database with demo data, against hand-written SQL with the same semantics run on the
/// same database against the same "now".
/// </summary>
internal static class MarketRecalculationBenchmark
{
    private const string Section = "5. Market recalculation (SQLite)";
    private const int SqlRuns = 3;

    /// <returns>False when a recalculation and its hand-written SQL disagree.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, int profiles, Summary summary)
    {
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 5: recalculation of segments with order conditions on SQLite over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");
        var path = temp.Database("market");
        var options = new EngineOptions { DatabasePath = path, PluginDirectory = pluginDirectory };

        // One frozen "now" for the demo data, every run and the SQL: "in the last 14 days" must not move between them.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        var clock = new FrozenTimeProvider(now);
        using var engine = new RuleEngine(catalog, Database.Sqlite(path), options, clock);
        engine.Initialize();

        var generated = RecalculationMeasurement.GenerateDemoData(engine, profiles);
        long orders, items, buyers;
        using (var connection = engine.Database.Open())
        {
            orders = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM market_orders");
            items = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM market_order_items");
            buyers = connection.ExecuteScalar<long>("SELECT COUNT(DISTINCT profile_id) FROM market_orders");
        }

        Console.WriteLine(
            $"Generated demo data for {Stats.Count(profiles)} profiles (seed 42) in {Stats.Time(generated)}: {Stats.Count(orders)} orders " +
            $"({orders / (double)profiles:0.00} per profile; {Stats.Count(buyers)} profiles have any), {Stats.Count(items)} order items ({items / (double)Math.Max(1, orders):0.00} per order); " +
            $"database {Stats.Bytes(new FileInfo(path).Length)}");
        Console.WriteLine($"Clock: frozen at {now:yyyy-MM-dd HH:mm:ss.fff'Z'} (the demo data, every run and the SQL use this instant)");
        Console.WriteLine(
            $"Recalculation options: batch {Stats.Count(options.Recalculation.BatchSize)} profiles, evaluation on {options.Recalculation.MaxDegreeOfParallelism} thread(s)");

        summary.Add(
            Section,
            $"demo data: {Stats.Count(profiles)} profiles (seed 42)",
            $"{Stats.Count(orders)} orders, {Stats.Count(items)} items",
            $"generated in {Stats.Time(generated)}",
            "—");

        var same = true;
        foreach (var id in new[] { Examples.RecentBuyers, Examples.WebsiteBigSpenders, Examples.ElectronicsLovers })
        {
            var saved = engine.Save(Examples.Find(engine, id));
            var plan = engine.GetCompiled(id).Plan;
            Console.WriteLine();
            Console.WriteLine($"--- {id} (v{saved.Version})");
            foreach (var table in plan.Tables)
            {
                Console.WriteLine($"    {table.Describe()}");
            }

            foreach (var lookup in plan.Lookups)
            {
                Console.WriteLine($"    lookup {lookup.Lookup.Name} (slot {lookup.Slot})");
            }

            // The engine's clock is frozen, so the run's instant is this "now" and the SQL uses it too.
            same &= RecalculationMeasurement.Measure(engine, id, profiles, Section, SqlRuns, at => Sql(id, at), summary);
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine();
        Console.WriteLine($"Process peak working set so far (Process.PeakWorkingSet64, includes demo data generation and any earlier section): {Stats.Bytes(peak)}");
        summary.Add(Section, "process peak working set after section 5 (PeakWorkingSet64, whole process so far)", Stats.Bytes(peak), "—", "—");
        summary.Note(
            "Section 5: as in section 3 the recalculation does more than the SQL baseline (loads every profile's order rows in the window into objects, evaluates, stages and " +
            "replaces the membership with its log). The demo data, every run and the SQL share one frozen clock. SQL: one hand-written query per segment that converts " +
            $"USD/EUR amounts at market_currency_rates rounded to cents and compares codes with NOCASE; median of {SqlRuns} after one warm-up. Re-runs: median of {RecalculationMeasurement.ReRuns}.");
        return same;
    }

    // An order's cost in RUB as CurrencyRates.Convert computes it: unchanged in RUB, otherwise amount × rate rounded to
    // cents (the base currency's rate is 1). Amounts are stored as REAL; ROUND snaps the product back to whole cents.
    private const string CostRub = "(CASE WHEN o.currency = 'RUB' COLLATE NOCASE THEN o.amount ELSE ROUND(o.amount * r.rate, 2) END)";

    /// <summary>The hand-written equivalent of each segment, and what it does at the edges.</summary>
    private static SqlBaseline Sql(string id, long now)
    {
        long DaysAgo(long days) => new EvaluationClock(now).DaysAgo(days);
        switch (id)
        {
            case Examples.RecentBuyers:
                return new SqlBaseline(
                    """
                    SELECT COUNT(DISTINCT profile_id) FROM market_orders
                    WHERE status COLLATE NOCASE IN ('paid', 'delivered') AND created_at BETWEEN @from AND @now
                    """,
                    new() { ["@from"] = DaysAgo(14), ["@now"] = now },
                    "created_at in [now - 14 days, now] inclusive, like EvaluationClock.InLastDays; statuses compared with NOCASE like the plugin's ignore-case set");
            case Examples.WebsiteBigSpenders:
                return new SqlBaseline(
                    $"""
                    SELECT COUNT(*) FROM (
                      SELECT o.profile_id FROM market_orders o
                      LEFT JOIN market_currency_rates r ON r.currency = o.currency COLLATE NOCASE
                      WHERE o.status = 'paid' COLLATE NOCASE AND o.channel = 'website' COLLATE NOCASE
                        AND o.created_at BETWEEN @from AND @now AND {CostRub} > 5000
                      GROUP BY o.profile_id HAVING COUNT(*) >= 2)
                    """,
                    new() { ["@from"] = DaysAgo(14), ["@now"] = now },
                    "at least 2 paid website orders (any contact point) in [now - 14 days, now], each costing over 5,000 RUB after conversion at market_currency_rates rounded to cents");
            case Examples.ElectronicsLovers:
                // The items table is indexed on (profile_id, created_at) and repeats the order's created_at, so the
                // item lookup of an order goes through that index.
                return new SqlBaseline(
                    $"""
                    WITH RECURSIVE tree(id) AS (
                      SELECT id FROM market_categories WHERE id = 'electronics' COLLATE NOCASE
                      UNION SELECT c.id FROM market_categories c JOIN tree t ON c.parent_id = t.id COLLATE NOCASE),
                    spent AS (
                      SELECT o.profile_id, ROUND(SUM({CostRub}), 2) AS total
                      FROM market_orders o
                      LEFT JOIN market_currency_rates r ON r.currency = o.currency COLLATE NOCASE
                      WHERE o.status COLLATE NOCASE IN ('paid', 'delivered') AND o.created_at BETWEEN @from AND @now
                        AND EXISTS (SELECT 1 FROM market_order_items i
                                    WHERE i.profile_id = o.profile_id AND i.created_at = o.created_at AND i.order_id = o.id
                                      AND i.category_id COLLATE NOCASE IN (SELECT id FROM tree))
                      GROUP BY o.profile_id)
                    SELECT COUNT(*) FROM spent s
                    WHERE s.total >= 50000
                      AND NOT EXISTS (SELECT 1 FROM market_orders c
                                      WHERE c.profile_id = s.profile_id AND c.status = 'canceled' COLLATE NOCASE AND c.created_at BETWEEN @from AND @now)
                    """,
                    new() { ["@from"] = DaysAgo(365), ["@now"] = now },
                    "total RUB cost (each order converted and rounded to cents) of paid/delivered orders in [now - 365 days, now] with an item in 'electronics' or a category below it " +
                    ">= 50,000, and no canceled order in the same window");
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "No hand-written SQL for this segment.");
        }
    }
}
