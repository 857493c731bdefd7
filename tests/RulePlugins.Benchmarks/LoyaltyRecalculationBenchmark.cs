using System.Data.Common;
using System.Diagnostics;
using Dapper;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Benchmarks;

/// <summary>
/// Section 11: recalculation of the loyalty demo's segments (an active-balance range of participants, and points of a
/// promo action expiring in the next 7 days) over every plugin's demo data, against two baselines on the same database in
/// the same run: hand-written SQL (<see cref="LedgerSql"/>: lots in a temporary table, one set-based pass per spend rank,
/// then an aggregate) and a hand-written C# fold of the same ledger rows read with one ordered query. The SQL's last
/// step alone, the aggregate over lots whose remaining points are known, is what a stored per-lot remaining would cost
/// to read; it is reported too.
/// </summary>
internal static class LoyaltyRecalculationBenchmark
{
    private const int BaselineRuns = 3;
    private const string Program = "bonus-club";
    private const string PromoAction = "double-points";

    /// <returns>False when a recalculation and its baseline disagree.</returns>
    public static bool Run(PluginCatalog catalog, string pluginDirectory, TempFolder temp, BenchmarkOptions options, Summary summary)
    {
        using var database = SectionDatabase.Create(options, temp, "loyalty");
        var section = $"11. Loyalty recalculation ({database.Title})";
        var profiles = options.Profiles;
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine($" Section 11: recalculation of loyalty segments on {database.Title} over {Stats.Count(profiles)} profiles");
        Console.WriteLine("================================================================================");

        var now = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        using var engine = database.CreateEngine(catalog, pluginDirectory, new FrozenTimeProvider(now));
        var generated = database.GenerateDemoData(engine, profiles);
        long transactions;
        using (var connection = engine.Database.Open())
        {
            transactions = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM loyalty_transactions");
        }

        Console.WriteLine($"Generated demo data for {Stats.Count(profiles)} profiles (seed 42) in {Stats.Time(generated)}: {Stats.Count(transactions)} loyalty transactions");
        summary.Add(section, $"demo data: {Stats.Count(profiles)} profiles (seed 42), every plugin; {Stats.Count(transactions)} loyalty transactions", "—", $"generated in {Stats.Time(generated)}", "—");

        var same = true;
        var nowMs = now.ToUnixTimeMilliseconds();
        foreach (var (id, items, baseline, sql) in Segments(nowMs))
        {
            engine.Save($$"""{ "schemaVersion": 1, "id": "{{id}}", "name": "{{id}}", "subject": "profile", "rules": { "op": "and", "items": [ {{items}} ] } }""");
            Console.WriteLine();
            Console.WriteLine($"--- {id}");
            foreach (var table in engine.GetPlan(id).Tables)
            {
                Console.WriteLine($"    {table.Describe()}");
            }

            var first = engine.Recalculate(id);
            var reRun = Stats.Median(Enumerable.Range(0, 2).Select(_ => engine.Recalculate(id).Duration));
            var counts = new List<long>();
            var times = new List<TimeSpan>();
            for (var i = 0; i <= BaselineRuns; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                using var connection = engine.Database.Open();
                counts.Add(baseline(connection));
                if (i > 0)
                {
                    times.Add(stopwatch.Elapsed);
                }
            }

            var baselineTime = Stats.Median(times);
            var sqlCounts = new List<long>();
            var sqlTimes = new List<TimeSpan>();
            var readTimes = new List<TimeSpan>();
            var passes = 0;
            for (var i = 0; i <= BaselineRuns; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                using var connection = engine.Database.Open();
                passes = LedgerSql.Settle(connection, database.Postgres, Program, nowMs);
                var settled = stopwatch.Elapsed;
                sqlCounts.Add(sql(connection));
                if (i > 0)
                {
                    sqlTimes.Add(stopwatch.Elapsed);
                    readTimes.Add(stopwatch.Elapsed - settled);
                }
            }

            var sqlTime = Stats.Median(sqlTimes);
            var readTime = Stats.Median(readTimes);
            Console.WriteLine($"First run:  {Stats.Time(first.Duration)}; re-run median {Stats.Time(reRun)}; members {Stats.Count(first.Members)}");
            Console.WriteLine($"Baseline:   hand-written C# fold over one ordered read, median {Stats.Time(baselineTime)} of {BaselineRuns}: {Stats.Count(counts[0])} profiles");
            Console.WriteLine($"Baseline:   hand-written SQL ({passes} spend passes), median {Stats.Time(sqlTime)} of {BaselineRuns}, of which the final aggregate {Stats.Time(readTime)}: {Stats.Count(sqlCounts[0])} profiles");
            var agree = counts.All(c => c == first.Members) && sqlCounts.All(c => c == first.Members);
            if (!agree)
            {
                Console.Error.WriteLine(
                    $"ERROR: \"{id}\": the recalculation ({first.Members}), the hand-written fold ({string.Join(", ", counts)}) and the hand-written SQL ({string.Join(", ", sqlCounts)}) differ.");
            }

            same &= agree;
            summary.Add(section, $"recalculate \"{id}\", first run", Stats.Time(first.Duration), $"SQL {Stats.Time(sqlTime)}", Stats.Ratio(first.Duration, sqlTime));
            summary.Add(section, $"recalculate \"{id}\", re-run (median of 2)", Stats.Time(reRun), $"SQL {Stats.Time(sqlTime)}", Stats.Ratio(reRun, sqlTime));
            summary.Add(section, $"recalculate \"{id}\", re-run (median of 2)", Stats.Time(reRun), $"C# fold {Stats.Time(baselineTime)}", Stats.Ratio(reRun, baselineTime));
            summary.Add(section, $"recalculate \"{id}\", re-run (median of 2)", Stats.Time(reRun), $"SQL aggregate over stored remaining {Stats.Time(readTime)}", Stats.Ratio(reRun, readTime));
            summary.Add(section, $"\"{id}\" members (recalculation = SQL = fold)", Stats.Count(first.Members), Stats.Count(sqlCounts[0]), agree ? "equal" : "DIFFERENT");
        }

        RecalculationMeasurement.ReportPeakWorkingSet(summary, section, 11, "demo data generation and any earlier section");
        summary.Note(
            "Section 11: the SQL baseline copies the program's lots into a temporary table, charges the spends with one set-based UPDATE per spend rank " +
            "and aggregates; the C# baseline reads the program's ledger rows up to now ordered by profile (and, for participation, the open spells) with one " +
            "query and folds each profile's rows by the README's points model, written again here. \"Stored remaining\" is the SQL's final aggregate alone. " +
            "Medians of " + BaselineRuns + " after one warm-up.");
        return same;
    }

    private static IEnumerable<(string Id, string Items, Func<DbConnection, long> Baseline, Func<DbConnection, long> Sql)> Segments(long now)
    {
        yield return ("bonus-club-active-100-500",
            $$"""{ "type": "loyalty.participation", "params": { "program": "{{Program}}", "operator": "participant" } }, """ +
            $$"""{ "type": "loyalty.balance", "params": { "program": "{{Program}}", "balance": "active", "operator": "in_range", "min": 100, "max": 500 } }""",
            connection =>
            {
                var participants = connection.Query<long>(
                    "SELECT DISTINCT profile_id FROM loyalty_participations WHERE program_id = @program AND joined_at <= @now AND (left_at IS NULL OR left_at > @now)",
                    new { program = Program, now }).ToHashSet();
                return Fold(connection, now, lots => ActiveBalance(lots, now) is >= 100 and <= 500, participants.Contains);
            },
            connection => LedgerSql.ActiveBalanceInRange(connection, Program, now, 100, 500));
        var to = new EvaluationClock(now).DaysAhead(7);
        yield return ("burning-double-points",
            $$"""{ "type": "loyalty.expiring", "params": { "program": "{{Program}}", "promo_action": "{{PromoAction}}", "next_days": 7, "operator": "greater_or_equal", "value": 200 } }""",
            connection => Fold(connection, now, lots => lots.Where(l => l.Promo == PromoAction && l.Expires is { } e && e >= now && e <= to).Sum(l => l.Left) >= 200, null),
            connection => LedgerSql.ExpiringAtLeast(connection, PromoAction, now, to, 200));
    }

    private sealed class Lot(long id, long occurred, long? activates, long? expires, string? promo, long points)
    {
        public long Id { get; } = id;
        public long Occurred { get; } = occurred;
        public long UsableFrom { get; } = Math.Max(occurred, activates ?? long.MinValue);
        public long? Expires { get; } = expires;
        public string? Promo { get; } = promo;
        public long Left { get; set; } = points;

        public bool UsableAt(long t) => Left > 0 && UsableFrom <= t && (Expires is null || Expires > t);
    }

    private static long ActiveBalance(List<Lot> lots, long now) => lots.Where(l => l.UsableAt(now)).Sum(l => l.Left);

    /// <summary>Counts the profiles (among <paramref name="among"/>, or all) whose folded lots pass <paramref name="holds"/>.</summary>
    private static long Fold(DbConnection connection, long now, Func<List<Lot>, bool> holds, Func<long, bool>? among)
    {
        using var reader = connection.ExecuteReader(
            "SELECT profile_id, id, kind, points, occurred_at, activates_at, expires_at, promo_action_id FROM loyalty_transactions " +
            "WHERE program_id = @program AND occurred_at <= @now AND points > 0 ORDER BY profile_id, occurred_at, id",
            new { program = Program, now });
        long members = 0;
        long? profile = null;
        var lots = new List<Lot>();
        var spends = new List<(long At, long Points)>();

        void Close()
        {
            if (profile is { } p && (among is null || among(p)))
            {
                foreach (var (at, points) in spends)
                {
                    var wanted = points;
                    foreach (var lot in lots.Where(l => l.UsableAt(at)).OrderBy(l => l.Expires ?? long.MaxValue).ThenBy(l => l.Occurred).ThenBy(l => l.Id))
                    {
                        var take = Math.Min(wanted, lot.Left);
                        lot.Left -= take;
                        wanted -= take;
                        if (wanted == 0)
                        {
                            break;
                        }
                    }
                }

                members += holds(lots) ? 1 : 0;
            }

            lots.Clear();
            spends.Clear();
        }

        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (id != profile)
            {
                Close();
                profile = id;
            }

            var occurred = reader.GetInt64(4);
            if (reader.GetString(2) == "spend")
            {
                spends.Add((occurred, reader.GetInt64(3)));
            }
            else
            {
                lots.Add(new Lot(
                    reader.GetInt64(1), occurred, reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt64(3)));
            }
        }

        Close();
        return members;
    }
}
