using System.Collections.Concurrent;
using Dapper;
using RulePlugins.Engine;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;
using RulePlugins.Testing;

namespace RulePlugins.Data.Tests;

/// <summary>
/// The integration suite, written once and run against every backend by the derived classes: schema migration,
/// recalculation results equal to SQLite's and to hand-written SQL, the atomic membership replace under failure and
/// under concurrent readers, crash left-overs, a bulk write of a million members, and batches of more than 2,100 ids.
/// </summary>
public abstract class DatabaseSuite(DatabaseBackend backend)
{
    private const string Moscow = "moscow";
    private static readonly string[] HostTables =
        ["schema_versions", "profiles", "segments", "segment_versions", "segment_members", "segment_member_staging", "membership_log", "segment_runs", "segment_run_leases"];

    // The example segments recalculated on SQLite over the same demo data: the reference every backend must match.
    private static readonly Lazy<IReadOnlyDictionary<string, long[]>> SqliteExampleMembers = new(() =>
    {
        using var reference = new SqliteBackend().Open();
        reference.Engine.GenerateDemoData(ExampleProfiles);
        return RecalculateExamples(reference.Engine, batchSize: 1000);
    });

    private const int ExampleProfiles = 3000;

    [Fact]
    public void Initialize_Twice_CreatesEveryHostAndPluginTableWithAllColumnsOnce()
    {
        using var db = backend.Open();
        var versions = db.Scalar<long>("SELECT COUNT(*) FROM schema_versions");
        db.Execute("ALTER TABLE profile_fields DROP COLUMN push_subscribed");

        db.NewEngine();

        var tables = db.Engine.Catalog.Plugins.SelectMany(p => p.Tables).ToList();
        using var connection = db.Database.Open();
        foreach (var table in HostTables)
        {
            Assert.NotEmpty(db.Database.Dialect.ExistingColumns(connection, table));
        }

        foreach (var table in tables)
        {
            var expected = table.Columns.Select(c => c.Name).Concat(table.SubjectKeyColumn is { } key ? [key] : []).Order();
            Assert.Equal(expected, db.Database.Dialect.ExistingColumns(connection, table.Name).Order());
        }

        Assert.Equal(1 + tables.Count, versions);
        Assert.Equal(versions, db.Scalar<long>("SELECT COUNT(*) FROM schema_versions"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Initialize_DatabaseMadeByTheOldHostStatements_MigratesInPlaceToTheDeclaredSchemaAndKeepsWorking(int hostVersion)
    {
        IReadOnlyList<string> declared;
        using (var fresh = backend.Open())
        {
            declared = SchemaSnapshot.Of(fresh.Database, HostTables);
        }

        using var db = backend.Open(database => MakeOldDatabase(database, hostVersion));

        Assert.Equal(declared, SchemaSnapshot.Of(db.Database, HostTables));
        Assert.Equal((long)Engine.Data.SchemaManager.HostSchemaVersion, db.Scalar<long>("SELECT version FROM schema_versions WHERE component = 'host'"));
        // The spells (host schema 4) were filled from the old log: both members have one, open.
        Assert.Equal(2L, db.Scalar<long>("SELECT COUNT(*) FROM segment_member_spells WHERE segment_id = 'old-moscow' AND left_at IS NULL"));
        // Nothing was recreated: the old host's rows are all there, and its segment loads (recompiled, as its hash is old).
        Assert.Equal(20L, db.Scalar<long>("SELECT COUNT(*) FROM profiles"));
        Assert.Equal([1L, 2L], db.Engine.Members("old-moscow"));
        Assert.Equal([1L, 2L], db.Engine.MembershipLog("old-moscow").Select(c => c.ProfileId));
        var oldRun = Assert.Single(db.Engine.Runs("old-moscow"));
        Assert.Equal(("succeeded", 2L, hostVersion >= 3 ? "old-host" : null), (oldRun.Status, oldRun.Members, oldRun.Owner));
        Assert.Equal("ready", db.Engine.Find("old-moscow")!.Status);

        BulkInsert(
            db.Database,
            "profile_fields",
            [new BulkColumn("profile_id", ColumnType.Integer), new BulkColumn("city", ColumnType.Text)],
            Enumerable.Range(1, 20).Select(i => new object?[] { (long)i, i <= 5 ? "Moscow" : "Kazan" }));
        var recalculated = db.Engine.Recalculate("old-moscow");
        db.Engine.Save(Documents.Single("kazan", "profile.city", new { @operator = "equals", value = "Kazan" }));
        var saved = db.Engine.Recalculate("kazan");

        Assert.Equal((5L, 3L, 0L), (recalculated.Members, recalculated.Entered, recalculated.Left));
        Assert.Equal(Range(1, 5), db.Engine.Members("old-moscow"));
        Assert.Equal(Range(6, 20), db.Engine.Members("kazan"));
        // The generated ids carry on after the old rows instead of colliding with them.
        Assert.Equal([oldRun.Id], db.Engine.Runs("old-moscow").Skip(1).Select(r => r.Id));
        Assert.True(db.Engine.Runs("old-moscow")[0].Id > oldRun.Id);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], db.Engine.MembershipLog("old-moscow").Select(c => c.ProfileId));
        Assert.Equal(15, saved.Entered);
    }

    [Fact]
    public void Recalculate_ExampleSegmentsOnDemoData_SameMembersAsSqliteAndHandWrittenSql()
    {
        using var db = backend.Open();
        db.Engine.GenerateDemoData(ExampleProfiles);

        var members = RecalculateExamples(db.Engine, batchSize: 1000);

        var reference = SqliteExampleMembers.Value;
        Assert.Equal(reference.Keys.Order(), members.Keys.Order());
        Assert.All(reference, pair => Assert.Equal(pair.Value, members[pair.Key]));
        Assert.Contains(members.Values, m => m.Length > 0);
        db.Engine.Save(Documents.Json("moscow-subscribers", new
        {
            op = "and",
            items = new object[]
            {
                new { type = "profile.city", @params = new { @operator = "equals", value = "moscow" } },
                new { type = "profile.email_subscribed", @params = new { @operator = "equals", value = true } },
            },
        }));
        var result = db.Engine.Recalculate("moscow-subscribers");
        var sql = db.Scalar<long>(
            "SELECT COUNT(*) FROM profiles p JOIN profile_fields f ON f.profile_id = p.id WHERE LOWER(f.city) = 'moscow' AND f.email_subscribed = @yes",
            new { yes = true });
        Assert.InRange(sql, 1, ExampleProfiles - 1);
        Assert.Equal(sql, result.Members);
    }

    [Fact]
    public void Recalculate_ProgressFailsMidRun_KeepsPreviousMembershipAndClearsStaging()
    {
        using var db = MoscowProfiles(5000, moscow: 1000);
        db.Engine.Recalculate(Moscow, Batches(500));
        var logBefore = db.Scalar<long>("SELECT COUNT(*) FROM membership_log");
        MoveMoscow(db, 2001, 3000);

        var error = Assert.Throws<InvalidOperationException>(() => db.Engine.Recalculate(Moscow, Batches(500, progress =>
        {
            if (progress.Scanned >= 2500)
            {
                throw new InvalidOperationException("disk full");
            }
        })));

        Assert.Equal("disk full", error.Message);
        Assert.Equal(Range(1, 1000), db.Engine.Members(Moscow, limit: 10_000));
        Assert.Equal(logBefore, db.Scalar<long>("SELECT COUNT(*) FROM membership_log"));
        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        Assert.Equal(("failed", "disk full"), (db.Engine.Runs(Moscow)[0].Status, db.Engine.Runs(Moscow)[0].Error));
    }

    [Fact]
    public void Recalculate_PredicateThrowsInALaterBatch_KeepsPreviousMembership()
    {
        using var db = backend.Open();
        db.AddProfiles(Enumerable.Range(1, 5000).Select(i => (long)i));
        db.Execute("INSERT INTO market_currency_rates (currency, rate) VALUES ('RUB', 1), ('GBP', 110)");
        foreach (var (profile, id) in new[] { (100L, 1L), (4000L, 2L) })
        {
            db.Execute(
                """
                INSERT INTO market_orders (profile_id, id, status, created_at, amount, currency, shipping_cost, region, channel, contact_point)
                VALUES (@profile, @id, 'paid', @at, 500, 'GBP', 0, 'Moscow', 'website', 'cart')
                """,
                new { profile, id, at = TestDatabase.DefaultNow.AddDays(-1).ToUnixTimeMilliseconds() });
        }

        db.Engine.Save(Documents.Single("spenders", "market.orders_total", new { @operator = "greater", value = 1000, currency = "RUB" }));
        db.Engine.Recalculate("spenders", Batches(500));
        Assert.Equal([100L, 4000L], db.Engine.Members("spenders"));
        db.Execute("DELETE FROM market_currency_rates WHERE currency = 'GBP'");
        db.Execute("DELETE FROM market_orders WHERE profile_id = 100");
        var scanned = new List<long>();

        var error = Assert.Throws<InvalidOperationException>(() => db.Engine.Recalculate("spenders", Batches(500, p => scanned.Add(p.Scanned))));

        Assert.Contains("GBP", error.Message);
        Assert.Equal(3500L, scanned[^1]);
        Assert.Equal([100L, 4000L], db.Engine.Members("spenders"));
        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        Assert.Equal("failed", db.Engine.Runs("spenders")[0].Status);
    }

    [Fact]
    public async Task Recalculate_ReadersDuringTheReplace_SeeTheOldOrTheNewMembershipNeverAMix()
    {
        using var db = MoscowProfiles(20_000, moscow: 5000);
        db.Engine.Recalculate(Moscow, Batches(2000));
        MoveMoscow(db, 10_001, 16_000);
        var seen = new ConcurrentBag<long[]>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            using var connection = db.Database.Open();
            while (!stop.IsCancellationRequested)
            {
                seen.Add([.. connection.Query<long>("SELECT profile_id FROM segment_members WHERE segment_id = @id ORDER BY profile_id", new { id = Moscow })]);
            }
        });

        db.Engine.Recalculate(Moscow, Batches(2000));
        seen.Add([.. db.Engine.Members(Moscow, limit: 100_000)]);
        stop.Cancel();
        await reader;

        long[] before = Range(1, 5000), after = Range(10_001, 16_000);
        Assert.All(seen, members => Assert.True(members.SequenceEqual(before) || members.SequenceEqual(after), $"a reader saw {members.Length} members, a mix of the old and new membership"));
        Assert.Contains(seen, members => members.SequenceEqual(before));
        Assert.Equal(after, db.Engine.Members(Moscow, limit: 100_000));
    }

    [Fact]
    public void Initialize_AfterACrashMidRun_DropsStagedMembersAndMarksTheRunAbandoned()
    {
        using var db = MoscowProfiles(100, moscow: 10);
        db.Engine.Recalculate(Moscow);
        var crashed = CrashedRun(db, Moscow, [50, 60, 70]);

        var restarted = db.NewEngine();

        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        Assert.Equal("abandoned", restarted.Runs(Moscow).Single(r => r.Id == crashed).Status);
        Assert.Equal(Range(1, 10), restarted.Members(Moscow));
        Assert.Equal(Range(1, 10), restarted.Members(Moscow, limit: 100));
    }

    [Fact]
    public void Recalculate_OneMillionMembers_BulkWritesAndReplacesThemAll()
    {
        const int profiles = 1_000_000;
        using var db = backend.Open();
        BulkInsert(db.Database, "profiles", [new BulkColumn("id", ColumnType.Integer)], Enumerable.Range(1, profiles).Select(i => new object?[] { (long)i }));
        db.Engine.Save(Documents.Single("everyone", "profile.city", new { @operator = "not_equals", value = "Atlantis" }));

        var result = db.Engine.Recalculate("everyone", Batches(50_000));

        Assert.Equal((profiles, profiles, profiles, 0L), (result.Scanned, result.Members, result.Entered, result.Left));
        Assert.Equal(profiles, db.Engine.MemberCount("everyone"));
        Assert.Equal((long)profiles, db.Scalar<long>("SELECT COUNT(*) FROM membership_log WHERE change = 'entered'"));
        Assert.Equal(0L, db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        Assert.Equal([999_999L, 1_000_000L], db.Engine.Members("everyone", after: 999_998));
    }

    [Fact]
    public void Recalculate_BatchOf5000Ids_SameMembersAsBatchOf100AndOnlyProfilesOfTheBatch()
    {
        const int profiles = 12_000;
        using var db = backend.Open();
        db.Engine.GenerateDemoData(profiles);
        // Rows of ids that are not profiles (every 7th) sit inside every batch's id range and must not be attributed.
        db.Execute("DELETE FROM profiles WHERE id % 7 = 0");

        var large = RecalculateExamples(db.Engine, batchSize: 5000);
        var small = RecalculateExamples(db.Engine, batchSize: 100);

        Assert.Equal(large.Keys.Order(), small.Keys.Order());
        Assert.All(large, pair => Assert.Equal(pair.Value, small[pair.Key]));
        Assert.All(large.Values.SelectMany(m => m), id => Assert.NotEqual(0, id % 7));
        var buyers = db.Scalar<long>(
            "SELECT COUNT(DISTINCT o.profile_id) FROM market_orders o JOIN profiles p ON p.id = o.profile_id WHERE o.status IN ('paid', 'delivered') AND o.created_at >= @from",
            new { from = TestDatabase.DefaultNow.AddDays(-14).ToUnixTimeMilliseconds() });
        Assert.InRange(buyers, 1, profiles);
        Assert.Equal(buyers, large["recent-buyers"].Length);
    }

    [Fact]
    public void MembersAndLog_PagedWithAfterAndLimit_ReturnConsecutiveAscendingPages()
    {
        using var db = MoscowProfiles(50, moscow: 25);
        db.Engine.Recalculate(Moscow);

        var first = db.Engine.Members(Moscow, limit: 10);
        var second = db.Engine.Members(Moscow, after: first[^1], limit: 10);
        var log = db.Engine.MembershipLog(Moscow, limit: 10);
        var nextLog = db.Engine.MembershipLog(Moscow, after: log[^1].Id, limit: 20);

        Assert.Equal(Range(1, 10), first);
        Assert.Equal(Range(11, 20), second);
        Assert.Equal(Range(1, 25), log.Concat(nextLog).Select(c => c.ProfileId));
        Assert.Equal(15, nextLog.Count);
    }

    // A database as the host left it before its tables were declared once: the old statements (OldHostSchema) of host
    // schema version 1 (no leases table, no started_by or owner) or 3 (all of them), and the rows a save, a run and its
    // membership wrote; no plugin table yet.
    private static void MakeOldDatabase(Database database, int hostVersion)
    {
        var dialect = database.Provider;
        var statements = hostVersion >= 3
            ? [.. OldHostSchema.Statements(dialect), .. OldHostSchema.AddedColumns(dialect)]
            : OldHostSchema.Statements(dialect).Where(s => !s.Contains("segment_run_leases", StringComparison.Ordinal)).ToList();
        using var connection = database.Open();
        foreach (var statement in statements)
        {
            connection.Execute(statement);
        }

        connection.Execute("INSERT INTO schema_versions (component, version, updated_at) VALUES ('host', @hostVersion, 0)", new { hostVersion });
        connection.Execute("INSERT INTO profiles (id) VALUES (@id)", Enumerable.Range(1, 20).Select(id => new { id = (long)id }));
        var document = Documents.Single("old-moscow", "profile.city", new { @operator = "equals", value = "Moscow" });
        connection.Execute(
            """
            INSERT INTO segments (id, name, subject, current_version, status, status_reason, created_at, updated_at)
            VALUES ('old-moscow', 'old-moscow', 'profile', 1, 'ready', NULL, 0, 0)
            """);
        connection.Execute(
            "INSERT INTO segment_versions (segment_id, version, document, source, assembly, hash, created_at) VALUES ('old-moscow', 1, @document, '// old', @assembly, 'old-hash', 0)",
            new { document, assembly = new byte[] { 1, 2, 3 } });
        var run = connection.ExecuteScalar<long>(database.Dialect.ReturningId(
            hostVersion >= 3
                ? "INSERT INTO segment_runs (segment_id, version, status, started_at, finished_at, scanned, members, entered, started_by, owner) VALUES ('old-moscow', 1, 'succeeded', 0, 1, 20, 2, 2, 'api', 'old-host')"
                : "INSERT INTO segment_runs (segment_id, version, status, started_at, finished_at, scanned, members, entered) VALUES ('old-moscow', 1, 'succeeded', 0, 1, 20, 2, 2)"));
        foreach (var profile in new[] { 1L, 2L })
        {
            connection.Execute("INSERT INTO segment_members (segment_id, profile_id) VALUES ('old-moscow', @profile)", new { profile });
            connection.Execute("INSERT INTO membership_log (segment_id, profile_id, change, run_id, at) VALUES ('old-moscow', @profile, 'entered', @run, 1)", new { profile, run });
        }
    }

    private static RecalculationOptions Batches(int size, Action<RecalculationProgress>? progress = null) =>
        new() { BatchSize = size, Progress = progress };

    private static long[] Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];

    private static Dictionary<string, long[]> RecalculateExamples(RuleEngine engine, int batchSize)
    {
        var members = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var document in engine.ExampleSegments())
        {
            var saved = engine.Save(document);
            if (engine.Store.Find(saved.Id)!.Subject == SubjectKinds.Profile)
            {
                engine.Recalculate(saved.Id, Batches(batchSize));
                members[saved.Id] = [.. engine.Members(saved.Id, limit: int.MaxValue)];
            }
        }

        return members;
    }

    private TestDatabase MoscowProfiles(int count, int moscow)
    {
        var db = backend.Open();
        BulkInsert(db.Database, "profiles", [new BulkColumn("id", ColumnType.Integer)], Enumerable.Range(1, count).Select(i => new object?[] { (long)i }));
        BulkInsert(
            db.Database,
            "profile_fields",
            [new BulkColumn("profile_id", ColumnType.Integer), new BulkColumn("city", ColumnType.Text)],
            Enumerable.Range(1, count).Select(i => new object?[] { (long)i, i <= moscow ? "Moscow" : "Kazan" }));
        db.Engine.Save(Documents.Single(Moscow, "profile.city", new { @operator = "equals", value = "Moscow" }));
        return db;
    }

    private static void MoveMoscow(TestDatabase db, int from, int to) =>
        db.Execute("UPDATE profile_fields SET city = CASE WHEN profile_id BETWEEN @from AND @to THEN 'Moscow' ELSE 'Kazan' END", new { from, to });

    // What a process that stopped mid-run leaves: a run still 'running' and some of its members staged.
    private static long CrashedRun(TestDatabase db, string segment, long[] staged)
    {
        using var connection = db.Database.Open();
        var run = connection.ExecuteScalar<long>(
            db.Database.Dialect.ReturningId("INSERT INTO segment_runs (segment_id, version, status, started_at) VALUES (@segment, 1, 'running', 0)"),
            new { segment });
        BulkInsert(
            db.Database,
            "segment_member_staging",
            [new BulkColumn("run_id", ColumnType.Integer), new BulkColumn("profile_id", ColumnType.Integer)],
            staged.Select(id => new object?[] { run, id }));
        Assert.Equal(staged.Length, db.Scalar<long>("SELECT COUNT(*) FROM segment_member_staging"));
        return run;
    }

    private static void BulkInsert(Database database, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<object?[]> rows)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var writer = database.Dialect.OpenBulkWriter(connection, transaction, table, columns))
        {
            foreach (var row in rows)
            {
                writer.Add(row);
            }

            writer.Complete();
        }

        transaction.Commit();
    }
}

/// <summary>The suite on SQLite, the embedded default.</summary>
public sealed class SqliteDatabaseTests() : DatabaseSuite(new SqliteBackend());

/// <summary>The PostgreSQL server shared by the PostgreSQL tests.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "postgresql";
}

/// <summary>The suite on PostgreSQL, against a server started for the tests.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatabaseTests(PostgresServer server) : DatabaseSuite(server);

/// <summary>The SQL Server container shared by the SQL Server tests.</summary>
[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerContainer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "sqlserver";
}

/// <summary>The suite on SQL Server in a container; skipped with the reason where no Docker engine runs.</summary>
[Collection(SqlServerCollection.Name)]
public sealed class SqlServerDatabaseTests(SqlServerContainer server) : DatabaseSuite(server);
