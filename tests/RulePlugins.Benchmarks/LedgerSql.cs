using System.Data.Common;
using Dapper;

namespace RulePlugins.Benchmarks;

/// <summary>
/// The points model of the README written as SQL, the way a database developer would compute balances without the
/// engine: one program's accruals copied into a temporary table of lots with a <c>rem</c> (remaining points) column,
/// its spends numbered per profile in time order, then one set-based <c>UPDATE</c> per spend rank <c>k</c> that
/// charges every profile's k-th spend to its lots usable at that instant, earliest-expiring first (a running sum over
/// the lots in consumption order: a lot takes what the spend still wants after the lots before it, at most its
/// remaining points). The passes are as many as the largest number of spends one profile has. Balances are then plain
/// aggregates over <c>bench_lots</c>, which is also what reading a stored per-lot remaining would cost.
/// </summary>
internal static class LedgerSql
{
    /// <summary>Fills <c>bench_lots</c> with each lot's remaining points at <paramref name="now"/>; returns the number of passes.</summary>
    public static int Settle(DbConnection connection, bool postgres, string program, long now)
    {
        var (least, greatest) = postgres ? ("LEAST", "GREATEST") : ("MIN", "MAX");
        var temporary = postgres ? "TEMPORARY" : "TEMP";
        var parameters = new { program, now };
        connection.Execute("DROP TABLE IF EXISTS bench_lots; DROP TABLE IF EXISTS bench_spends;");
        connection.Execute(
            $"""
            CREATE {temporary} TABLE bench_lots AS
            SELECT profile_id, id, occurred_at,
                   CASE WHEN activates_at > occurred_at THEN activates_at ELSE occurred_at END AS usable_from,
                   expires_at, COALESCE(expires_at, 9223372036854775807) AS expiry_order,
                   promo_action_id, point_type, points AS rem
            FROM loyalty_transactions
            WHERE program_id = @program AND kind = 'accrual' AND points > 0 AND occurred_at <= @now
            """,
            parameters, commandTimeout: 0);
        connection.Execute(
            $"""
            CREATE {temporary} TABLE bench_spends AS
            SELECT profile_id, occurred_at AS at, points, ROW_NUMBER() OVER (PARTITION BY profile_id ORDER BY occurred_at, id) AS k
            FROM loyalty_transactions
            WHERE program_id = @program AND kind = 'spend' AND points > 0 AND occurred_at <= @now
            """,
            parameters, commandTimeout: 0);
        connection.Execute("CREATE INDEX bench_lots_profile ON bench_lots (profile_id, id); CREATE INDEX bench_spends_rank ON bench_spends (k, profile_id);", commandTimeout: 0);
        if (postgres)
        {
            // Temporary tables are never analysed by autovacuum.
            connection.Execute("ANALYZE bench_lots; ANALYZE bench_spends;", commandTimeout: 0);
        }

        var passes = connection.ExecuteScalar<long?>("SELECT MAX(k) FROM bench_spends") ?? 0;
        var charge =
            $"""
            UPDATE bench_lots AS l SET rem = l.rem - a.take
            FROM (
                SELECT c.profile_id, c.id,
                       {least}(c.rem, {greatest}(0, s.points - (SUM(c.rem) OVER (
                           PARTITION BY c.profile_id ORDER BY c.expiry_order, c.occurred_at, c.id ROWS UNBOUNDED PRECEDING) - c.rem))) AS take
                FROM bench_lots AS c
                JOIN bench_spends AS s ON s.profile_id = c.profile_id AND s.k = @k
                WHERE c.rem > 0 AND c.usable_from <= s.at AND (c.expires_at IS NULL OR c.expires_at > s.at)
            ) AS a
            WHERE l.profile_id = a.profile_id AND l.id = a.id AND a.take > 0
            """;
        for (var k = 1L; k <= passes; k++)
        {
            connection.Execute(charge, new { k }, commandTimeout: 0);
        }

        return (int)passes;
    }

    /// <summary>Participants of <paramref name="program"/> at now whose active balance is in min..max, both included.</summary>
    public static long ActiveBalanceInRange(DbConnection connection, string program, long now, long min, long max) =>
        connection.ExecuteScalar<long>(
            """
            SELECT COUNT(*)
            FROM (SELECT DISTINCT profile_id FROM loyalty_participations
                  WHERE program_id = @program AND joined_at <= @now AND (left_at IS NULL OR left_at > @now)) AS p
            JOIN (SELECT profile_id, SUM(rem) AS balance FROM bench_lots
                  WHERE rem > 0 AND usable_from <= @now AND (expires_at IS NULL OR expires_at > @now)
                  GROUP BY profile_id) AS b ON b.profile_id = p.profile_id
            WHERE b.balance BETWEEN @min AND @max
            """,
            new { program, now, min, max }, commandTimeout: 0);

    /// <summary>Profiles with at least <paramref name="atLeast"/> unspent points of <paramref name="promoAction"/> expiring in from..to.</summary>
    public static long ExpiringAtLeast(DbConnection connection, string promoAction, long from, long to, long atLeast) =>
        connection.ExecuteScalar<long>(
            """
            SELECT COUNT(*)
            FROM (SELECT profile_id FROM bench_lots
                  WHERE promo_action_id = @promoAction AND expires_at >= @from AND expires_at <= @to
                  GROUP BY profile_id HAVING SUM(rem) >= @atLeast) AS x
            """,
            new { promoAction, from, to, atLeast }, commandTimeout: 0);
}
