using Dapper;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 5: recalculation of the market plugin's profile segments (order conditions over about 5 orders per
/// profile) on a fresh database with demo data (SQLite, or PostgreSQL with <c>--provider postgresql</c>), against
/// hand-written SQL with the same semantics run on the same database against the same "now".
/// </summary>
internal static class MarketRecalculationBenchmark
{
    private const int SqlRuns = 3;

    /// <returns>False when a recalculation and its hand-written SQL disagree.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        using var database = SectionDatabase.Create(options, temp, "market");
        var postgres = database.Postgres;
        var section = $"5. Market recalculation ({database.Title})";
        var profiles = options.Profiles;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 5: recalculation of segments with order conditions on {database.Title} over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");

        // One frozen "now" for the demo data, every run and the SQL: "in the last 14 days" must not move between them.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        var clock = new FrozenTimeProvider(now);
        using var engine = database.CreateEngine(catalog, pluginDirectory, clock);
        var generated = database.GenerateDemoData(engine, profiles);
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
            $"database {Stats.Bytes(database.Size())}");
        Console.WriteLine($"Clock: frozen at {now:yyyy-MM-dd HH:mm:ss.fff'Z'} (the demo data, every run and the SQL use this instant)");
        Console.WriteLine(
            $"Recalculation options: batch {Stats.Count(engine.Options.Recalculation.BatchSize)} profiles, evaluation on {engine.Options.Recalculation.MaxDegreeOfParallelism} thread(s)");

        summary.Add(
            section,
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
            same &= RecalculationMeasurement.Measure(engine, id, profiles, section, SqlRuns, at => Sql(id, at, postgres), summary);
        }

        RecalculationMeasurement.ReportPeakWorkingSet(summary, section, 5, "demo data generation and any earlier section");
        summary.Note(
            "Section 5: as in section 3 the recalculation does more than the SQL baseline (loads every profile's order rows in the window into objects, evaluates, stages and " +
            "replaces the membership with its log). The demo data, every run and the SQL share one frozen clock. SQL: one hand-written query per segment that converts " +
            "USD/EUR amounts at market_currency_rates rounded to cents and compares codes ignoring case (SQLite: COLLATE NOCASE; PostgreSQL: LOWER() on both sides); " +
            $"median of {SqlRuns} after one warm-up. Re-runs: median of {RecalculationMeasurement.ReRuns}.");
        return same;
    }

    /// <summary>The hand-written equivalent of each segment, and what it does at the edges.</summary>
    private static SqlBaseline Sql(string id, long now, bool postgres)
    {
        long DaysAgo(long days) => new EvaluationClock(now).DaysAgo(days);
        var text = new IgnoreCase(postgres);

        // An order's cost in RUB as CurrencyRates.Convert computes it: unchanged in RUB, otherwise amount × rate rounded
        // to cents, half away from zero (the base currency's rate is 1). SQLite stores amounts as REAL and ROUND snaps the
        // product back to whole cents; PostgreSQL stores NUMERIC, whose ROUND is exact and rounds half away from zero.
        var costRub = $"(CASE WHEN {text.Is("o.currency", "RUB")} THEN o.amount ELSE ROUND(o.amount * r.rate, 2) END)";
        var rates = $"LEFT JOIN market_currency_rates r ON {text.Same("r.currency", "o.currency")}";
        switch (id)
        {
            case Examples.RecentBuyers:
                return new SqlBaseline(
                    $"""
                    SELECT COUNT(DISTINCT profile_id) FROM market_orders
                    WHERE {text.In("status", "paid", "delivered")} AND created_at BETWEEN @from AND @now
                    """,
                    new() { ["@from"] = DaysAgo(14), ["@now"] = now },
                    "created_at in [now - 14 days, now] inclusive, like EvaluationClock.InLastDays; statuses compared ignoring case like the plugin's ignore-case set");
            case Examples.WebsiteBigSpenders:
                return new SqlBaseline(
                    $"""
                    SELECT COUNT(*) FROM (
                      SELECT o.profile_id FROM market_orders o
                      {rates}
                      WHERE {text.Is("o.status", "paid")} AND {text.Is("o.channel", "website")}
                        AND o.created_at BETWEEN @from AND @now AND {costRub} > 5000
                      GROUP BY o.profile_id HAVING COUNT(*) >= 2) AS spenders
                    """,
                    new() { ["@from"] = DaysAgo(14), ["@now"] = now },
                    "at least 2 paid website orders (any contact point) in [now - 14 days, now], each costing over 5,000 RUB after conversion at market_currency_rates rounded to cents");
            case Examples.ElectronicsLovers:
                // The items table is indexed on (profile_id, created_at) and repeats the order's created_at, so the
                // item lookup of an order goes through that index.
                return new SqlBaseline(
                    $"""
                    WITH RECURSIVE tree(id) AS (
                      SELECT id FROM market_categories WHERE {text.Is("id", "electronics")}
                      UNION SELECT c.id FROM market_categories c JOIN tree t ON {text.Same("c.parent_id", "t.id")}),
                    spent AS (
                      SELECT o.profile_id, ROUND(SUM({costRub}), 2) AS total
                      FROM market_orders o
                      {rates}
                      WHERE {text.In("o.status", "paid", "delivered")} AND o.created_at BETWEEN @from AND @now
                        AND EXISTS (SELECT 1 FROM market_order_items i
                                    WHERE i.profile_id = o.profile_id AND i.created_at = o.created_at AND i.order_id = o.id
                                      AND {text.InColumn("i.category_id", "id", "tree")})
                      GROUP BY o.profile_id)
                    SELECT COUNT(*) FROM spent s
                    WHERE s.total >= 50000
                      AND NOT EXISTS (SELECT 1 FROM market_orders c
                                      WHERE c.profile_id = s.profile_id AND {text.Is("c.status", "canceled")} AND c.created_at BETWEEN @from AND @now)
                    """,
                    new() { ["@from"] = DaysAgo(365), ["@now"] = now },
                    "total RUB cost (each order converted and rounded to cents) of paid/delivered orders in [now - 365 days, now] with an item in 'electronics' or a category below it " +
                    ">= 50,000, and no canceled order in the same window");
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "No hand-written SQL for this segment.");
        }
    }
}
