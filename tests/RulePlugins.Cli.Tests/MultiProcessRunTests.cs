using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using RulePlugins.Engine.Data;
using RulePlugins.Testing;

namespace RulePlugins.Cli.Tests;

/// <summary>
/// Several real rulehost processes on one database, as operators run them: a recalculation on the command line while
/// the service starts and stops on the same database, a recalculating process killed with SIGKILL, and (in
/// <see cref="SharedSchedulerTests"/>) two services scheduling one database. Membership is checked against SQL that
/// computes the same set independently, and the entered/left log against the membership.
/// </summary>
public sealed class MultiProcessRunTests : IDisposable
{
    /// <summary>
    /// Profiles of the test database: with a pause of a few milliseconds per profile a run takes seconds. The pause lasts
    /// while the test's gate file exists: once the run has been interrupted, the test deletes it and the rest runs at full speed.
    /// </summary>
    private const int Profiles = 3000;
    private const int PauseMs = 3;

    /// <summary>Small batches, so staged members appear early in a run, long before its commit.</summary>
    private const string BatchSize = "200";
    private const string ApiKey = "multi-process-test-key";

    private readonly RuleHostProcess _host = new();

    public static TheoryData<string> Providers => ["sqlite", "postgresql"];

    /// <summary>
    /// The reliability report's first defect: a service starting on a database where a command-line run was in the
    /// middle of its recalculation deleted that run's staged members, and the run then committed a membership missing
    /// most of its members. Now the service leaves the live run alone.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public void Recalc_ServiceStartsAndStopsOnTheDatabaseMidRun_LosesNoMember(string provider)
    {
        using var database = TestDatabaseOf(provider);
        var args = database.Arguments;
        PrepareSlowSegment(args, pauseMs: 20);

        using var recalc = _host.Start(["segment", "recalc", "slow-cities", "--batch-size", BatchSize, .. args]);
        var runId = WaitForStagedMembers(database.Database, "slow-cities", recalc);

        // Start the service on the same database, wait until it is ready, stop it; twice, as the report did.
        for (var restart = 0; restart < 2; restart++)
        {
            using var service = StartService(args, scheduling: true);
            Assert.False(recalc.HasExited, "the recalculation finished before the service was ready; the test proves nothing");
            service.Kill();
        }

        File.Delete(Gate);

        var result = recalc.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);

        var expected = ExpectedSlowCitiesMembers(database.Database);
        using var connection = database.Database.Open();
        var run = connection.QuerySingle<(string Status, long Members)>("SELECT status AS Status, members AS Members FROM segment_runs WHERE id = @runId", new { runId });
        Assert.Equal(("succeeded", (long)expected.Count), run);
        Assert.Equal(expected, Members(database.Database, "slow-cities"));
        AssertLogMatchesMembership(database.Database, "slow-cities");
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
    }

    /// <summary>
    /// A recalculating process killed with SIGKILL: the membership stays exactly as it was (checksum), the run stays
    /// owned until its lease expires, and then the next run reclaims it, deletes its staged members and replaces the
    /// membership correctly.
    /// </summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public void Recalc_ProcessKilledMidRun_KeepsTheMembershipAndTheNextRunReclaimsIt(string provider)
    {
        using var database = TestDatabaseOf(provider);
        var args = database.Arguments;
        PrepareSlowSegment(args, PauseMs);
        var before = Checksum(database.Database, "slow-cities");
        Assert.True(before.Count > 0);
        var shortLease = new Dictionary<string, string> { ["RULEHOST_RUN_LEASE_SECONDS"] = "3" };

        using (var recalc = _host.Start(["segment", "recalc", "slow-cities", "--batch-size", BatchSize, .. args], shortLease))
        {
            var killed = WaitForStagedMembers(database.Database, "slow-cities", recalc);
            recalc.Kill();
            File.Delete(Gate);

            Assert.Equal(before, Checksum(database.Database, "slow-cities"));
            using var connection = database.Database.Open();
            Assert.Equal("running", connection.ExecuteScalar<string>("SELECT status FROM segment_runs WHERE id = @killed", new { killed }));

            // Until the lease expires the segment is still owned: a second run is refused, naming the run.
            var refused = _host.Run(["segment", "recalc", "slow-cities", .. args]);
            if (refused.ExitCode != 0)
            {
                Assert.Contains($"run {killed}", refused.Error, StringComparison.Ordinal);
                Assert.Equal(before, Checksum(database.Database, "slow-cities"));
            }

            WaitUntil(() => LeaseExpired(database.Database, "slow-cities"), TimeSpan.FromSeconds(30), "the killed run's lease to expire");
            var rerun = _host.Run(["segment", "recalc", "slow-cities", .. args]);
            Assert.True(rerun.ExitCode == 0, rerun.Output + rerun.Error);
            var killedRun = connection.QuerySingle<(string Status, string Error)>("SELECT status AS Status, error AS Error FROM segment_runs WHERE id = @killed", new { killed });
            Assert.Equal("abandoned", killedRun.Status);
            Assert.Contains("stopped renewing its lease", killedRun.Error, StringComparison.Ordinal);
            Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        }

        Assert.Equal(ExpectedSlowCitiesMembers(database.Database), Members(database.Database, "slow-cities"));
        AssertLogMatchesMembership(database.Database, "slow-cities");
    }

    public void Dispose() => _host.Dispose();

    internal static ProcessDatabase TestDatabaseOf(string provider, RuleHostProcess? host = null) => provider switch
    {
        "sqlite" => ProcessDatabase.Sqlite(Path.Combine(Path.GetTempPath(), "ruleplugins-cli-tests-db-" + Guid.NewGuid().ToString("N"), "test.db")),
        _ => ProcessDatabase.Postgres(),
    };

    /// <summary>
    /// Demo data for <see cref="Profiles"/> profiles, then "slow-cities" saved twice: first as Moscow only (recalculated, so
    /// there is a membership to keep), then as Moscow or Kazan behind a pause per profile, so its next run is slow.
    /// </summary>
    private void PrepareSlowSegment(IReadOnlyList<string> args, int pauseMs)
    {
        Succeed(_host.Run(["demo", "--profiles", Profiles.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]));
        Succeed(_host.Run(["segment", "save", _host.Write("v1.json", SlowCities(0, "\"Moscow\"")), .. args]));
        Succeed(_host.Run(["segment", "recalc", "slow-cities", .. args]));
        Succeed(_host.Run(["segment", "save", _host.Write("v2.json", SlowCities(pauseMs, "\"Moscow\", \"Kazan\"")), .. args]));
        File.WriteAllText(Gate, "paused");
    }

    /// <summary>The file whose existence keeps "slow-cities" v2 pausing.</summary>
    private string Gate => Path.Combine(_host.Folder, "slow.gate");

    private string SlowCities(int pause, string cities) => $$"""
        { "schemaVersion": 1, "id": "slow-cities", "name": "Slow cities", "subject": "profile",
          "rules": { "op": "and", "items": [
            { "type": "links.slow", "params": { "milliseconds": {{pause}}, "while_file_exists": {{System.Text.Json.JsonSerializer.Serialize(Gate)}} } },
            { "type": "profile.city", "params": { "operator": "in_list", "values": [{{cities}}] } } ] } }
        """;

    internal static void Succeed(RunResult result) => Assert.True(result.ExitCode == 0, result.Output + result.Error);

    /// <summary>The members "slow-cities" v2 must have, computed with SQL of its own.</summary>
    private static List<long> ExpectedSlowCitiesMembers(Database database)
    {
        using var connection = database.Open();
        return connection.Query<long>("SELECT profile_id FROM profile_fields WHERE LOWER(city) IN ('moscow', 'kazan') ORDER BY profile_id").AsList();
    }

    internal static List<long> Members(Database database, string segment)
    {
        using var connection = database.Open();
        return connection.Query<long>("SELECT profile_id FROM segment_members WHERE segment_id = @segment ORDER BY profile_id", new { segment }).AsList();
    }

    /// <summary>Count, sum and a polynomial hash of the member ids: changes with any member added, removed or replaced.</summary>
    private static (int Count, long Sum, long Hash) Checksum(Database database, string segment)
    {
        var members = Members(database, segment);
        var hash = members.Aggregate(17L, (h, id) => unchecked((h * 1_000_003) ^ id));
        return (members.Count, members.Sum(), hash);
    }

    /// <summary>Replaying the entered/left log profile by profile gives exactly the membership.</summary>
    internal static void AssertLogMatchesMembership(Database database, string segment)
    {
        using var connection = database.Open();
        var log = connection.Query<(long ProfileId, string Change)>(
            "SELECT profile_id AS ProfileId, change AS Change FROM membership_log WHERE segment_id = @segment ORDER BY id", new { segment });
        var state = new Dictionary<long, bool>();
        foreach (var (profileId, change) in log)
        {
            var wasIn = state.GetValueOrDefault(profileId);
            Assert.True(change == "entered" ? !wasIn : wasIn, $"profile {profileId} {change} while {(wasIn ? "in" : "out")}");
            state[profileId] = change == "entered";
        }

        Assert.Equal(Members(database, segment), [.. state.Where(s => s.Value).Select(s => s.Key).Order()]);
    }

    private static long WaitForStagedMembers(Database database, string segment, BackgroundRuleHost recalc)
    {
        long runId = 0;
        WaitUntil(
            () =>
            {
                Assert.False(recalc.HasExited, "the recalculation finished before it could be interrupted:\n" + recalc.Output + recalc.Error);
                using var connection = database.Open();
                runId = connection.ExecuteScalar<long?>(
                    "SELECT r.id FROM segment_runs r WHERE r.segment_id = @segment AND r.status = 'running' AND EXISTS (SELECT 1 FROM segment_member_staging s WHERE s.run_id = r.id)",
                    new { segment }) ?? 0;
                return runId != 0;
            },
            TimeSpan.FromSeconds(60),
            "the recalculation to stage its first members");
        return runId;
    }

    private static bool LeaseExpired(Database database, string segment)
    {
        using var connection = database.Open();
        var expires = connection.ExecuteScalar<long?>("SELECT expires_at FROM segment_run_leases WHERE segment_id = @segment", new { segment });
        return expires is null || expires < DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    internal static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < timeout, $"Waited {timeout} for {what}.");
            Thread.Sleep(50);
        }
    }

    /// <summary>Starts <c>rulehost serve</c> on a free loopback port and waits until <c>/health/ready</c> answers 200.</summary>
    internal BackgroundRuleHost StartService(IReadOnlyList<string> databaseArgs, bool scheduling, params string[] settings) =>
        StartService(_host, databaseArgs, scheduling, settings);

    internal static BackgroundRuleHost StartService(RuleHostProcess host, IReadOnlyList<string> databaseArgs, bool scheduling, params string[] settings)
    {
        var port = FreePort();
        var service = host.Start(
            ["serve", "--urls", $"http://127.0.0.1:{port}", .. databaseArgs, $"--RuleHost:Scheduling:Enabled={scheduling}", .. settings],
            new Dictionary<string, string> { ["RuleHost__ApiKey"] = ApiKey });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        WaitUntil(
            () =>
            {
                Assert.False(service.HasExited, "the service stopped:\n" + service.Output + service.Error);
                try
                {
                    return client.GetAsync("/health/ready").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "the service to be ready");
        return service;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A database for rulehost processes: its command-line arguments, and a handle to check it from the test.</summary>
internal sealed class ProcessDatabase : IDisposable
{
    private readonly Action _dispose;

    private ProcessDatabase(Database database, IReadOnlyList<string> arguments, Action dispose)
    {
        Database = database;
        Arguments = arguments;
        _dispose = dispose;
    }

    public Database Database { get; }

    /// <summary>The options that point rulehost at it.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public static ProcessDatabase Sqlite(string path) =>
        new(Database.Sqlite(path), ["--db", path], () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        });

    public static ProcessDatabase Postgres()
    {
        var server = new TemporaryPostgresServer();
        var connectionString = server.CreateDatabase("rules");
        return new(Database.Create("postgresql", connectionString), ["--provider", "postgresql", "--connection", connectionString], server.Dispose);
    }

    public void Dispose() => _dispose();
}
