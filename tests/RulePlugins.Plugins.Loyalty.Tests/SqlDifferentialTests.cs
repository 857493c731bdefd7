using RulePlugins.Testing;

namespace RulePlugins.Plugins.Loyalty.Tests;

/// <summary>
/// Members against hand-written SQL over the same random data: participation (EXISTS over the spells), the final and the
/// active balance of ledgers of accruals only (a sum over the rows alive now), and points accrued over ledgers with spends.
/// </summary>
public sealed class SqlDifferentialTests : IDisposable
{
    private const int Profiles = 200;
    private readonly LoyaltyBed _bed = new();

    public SqlDifferentialTests()
    {
        _bed.Kit.AddProfiles([.. Enumerable.Range(1, Profiles).Select(i => (long)i)]);
        RandomLedgers.Insert(_bed, new Random(20261201), Profiles, withSpends: false);
    }

    private object Args(string program) => new { now = _bed.Now, program };

    [Theory]
    [InlineData("participant", "")]
    [InlineData("not_participant", "NOT ")]
    public void Participation_EveryProgram_EqualsHandWrittenSql(string op, string not)
    {
        foreach (var program in new[] { "bonus-club", "premium" })
        {
            var sql = $"""
                SELECT p.id FROM profiles p WHERE {not}EXISTS (
                    SELECT 1 FROM loyalty_participations s WHERE s.profile_id = p.id AND lower(trim(s.program_id)) = @program
                    AND s.joined_at <= @now AND (s.left_at IS NULL OR s.left_at > @now))
                """;
            _bed.Kit.AssertSameAsSql("loyalty.participation", Params.Operator(op).With("program", program), sql, Args(program));
        }
    }

    [Theory]
    [InlineData("final", 1)]
    [InlineData("final", 300)]
    [InlineData("active", 1)]
    [InlineData("active", 300)]
    public void Balance_AccrualsOnly_EqualsASumOverTheRowsAliveNow(string balance, long atLeast)
    {
        var usable = balance == "active" ? "AND max(t.occurred_at, coalesce(t.activates_at, t.occurred_at)) <= @now" : string.Empty;
        var sql = $"""
            SELECT t.profile_id FROM loyalty_transactions t
            WHERE lower(trim(t.program_id)) = @program AND lower(trim(t.kind)) = 'accrual' AND t.occurred_at <= @now
              AND (t.expires_at IS NULL OR t.expires_at > @now) {usable}
            GROUP BY t.profile_id HAVING SUM(t.points) >= @atLeast
            """;
        var expected = _bed.Kit.Database.Scalar<long>($"SELECT COUNT(*) FROM ({sql}) x", new { now = _bed.Now, program = "bonus-club", atLeast });

        _bed.Kit.AssertSameAsSql("loyalty.balance", LoyaltyBed.Balance(balance, "greater_or_equal", atLeast), sql, new { now = _bed.Now, program = "bonus-club", atLeast });
        Assert.InRange(expected, 1, Profiles - 1);
    }

    [Fact]
    public void Accrued_LastThirtyDaysWithSpendsInTheLedger_EqualsASumOfAccruals()
    {
        using var bed = new LoyaltyBed();
        bed.Kit.AddProfiles([.. Enumerable.Range(1, Profiles).Select(i => (long)i)]);
        RandomLedgers.Insert(bed, new Random(7), Profiles, withSpends: true);
        const string sql = """
            SELECT t.profile_id FROM loyalty_transactions t
            WHERE lower(trim(t.program_id)) = 'bonus-club' AND lower(trim(t.kind)) = 'accrual'
              AND t.occurred_at >= @now - 30 * 86400000 AND t.occurred_at <= @now
            GROUP BY t.profile_id HAVING SUM(t.points) BETWEEN 100 AND 400
            """;

        bed.Kit.AssertSameAsSql("loyalty.accrued", Params.Operator("in_range").With("program", "bonus-club").With("last_days", 30).With("min", 100).With("max", 400), sql, new { now = bed.Now });
    }

    public void Dispose() => _bed.Dispose();
}
