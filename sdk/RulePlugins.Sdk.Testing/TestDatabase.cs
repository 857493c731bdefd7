using System.Text.Json;
using Dapper;
using RulePlugins.Engine;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk;

namespace RulePlugins.Testing;

/// <summary>
/// A throw-away database with an engine over in-process plugins (the profile fields plugin unless others are given)
/// and a fixed clock: by default SQLite in its own temporary folder, deleted on disposal; or any database handed in
/// with what disposing it takes (a server database is dropped).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    /// <summary>The instant every test engine treats as "now" unless a test moves it.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Where the test engines compile: on the compile threads (the engine's default), or in compile worker processes when
    /// the environment variable <c>RULEPLUGINS_TEST_COMPILATION_ISOLATION</c> is <c>process</c>, so a whole suite can be run
    /// in either mode.
    /// </summary>
    public static CompilationIsolation Isolation { get; } =
        Environment.GetEnvironmentVariable("RULEPLUGINS_TEST_COMPILATION_ISOLATION")?.Trim().ToLowerInvariant() switch
        {
            null or "" or "thread" => CompilationIsolation.Thread,
            "process" => CompilationIsolation.Process,
            var other => throw new InvalidOperationException($"RULEPLUGINS_TEST_COMPILATION_ISOLATION is '{other}'; allowed values: thread, process."),
        };

    private readonly List<RuleEngine> _engines = [];
    private readonly Action? _drop;

    /// <summary>Creates a SQLite database in a new temporary folder and an initialized engine.</summary>
    public TestDatabase(params IRulePlugin[] plugins)
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ruleplugins-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "test.db");
        Plugins = plugins.Length == 0 ? [new ProfileFieldsPlugin()] : plugins;
        Clock = new FixedTimeProvider(DefaultNow);
        Database = Database.Sqlite(Path);
        Engine = NewEngine();
    }

    /// <summary>
    /// An initialized engine over an empty <paramref name="database"/> of any provider; disposing calls
    /// <paramref name="drop"/> (which drops a server database) instead of deleting a folder.
    /// </summary>
    public TestDatabase(Database database, Action drop, params IRulePlugin[] plugins)
    {
        _drop = drop;
        Directory = string.Empty;
        Path = string.Empty;
        Plugins = plugins.Length == 0 ? [new ProfileFieldsPlugin()] : plugins;
        Clock = new FixedTimeProvider(DefaultNow);
        Database = database;
        Engine = NewEngine();
    }

    /// <summary>The folder holding a SQLite database (empty for a database handed in).</summary>
    public string Directory { get; }

    /// <summary>The SQLite database file (empty for a database handed in).</summary>
    public string Path { get; }

    /// <summary>The plugins of the engine.</summary>
    public IRulePlugin[] Plugins { get; }

    /// <summary>The clock of the engine.</summary>
    public FixedTimeProvider Clock { get; }

    /// <summary>The database.</summary>
    public Database Database { get; }

    /// <summary>The engine, initialized.</summary>
    public RuleEngine Engine { get; }

    /// <summary>
    /// A second engine over the same database, as after a restart (plugins registered again in-process), with the test
    /// options changed by <paramref name="configure"/> when given.
    /// </summary>
    public RuleEngine NewEngine(PluginCatalog? catalog = null, Func<EngineOptions, EngineOptions>? configure = null)
    {
        var options = new EngineOptions { Compilation = new() { Isolation = Isolation } };
        var engine = new RuleEngine(catalog ?? PluginCatalog.FromInstances(Plugins), Database, configure is null ? options : configure(options), Clock);
        engine.Initialize();
        _engines.Add(engine);
        return engine;
    }

    /// <summary>Inserts profiles with the given ids (no fields).</summary>
    public void AddProfiles(IEnumerable<long> ids)
    {
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO profiles (id) VALUES (@id)", ids.Select(id => new { id }), transaction);
        transaction.Commit();
    }

    /// <summary>Inserts profiles with their standard fields (a profiles row and a profile_fields row each).</summary>
    public void AddProfiles(params ProfileData[] profiles)
    {
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("INSERT INTO profiles (id) VALUES (@Id)", profiles, transaction);
        connection.Execute(
            """
            INSERT INTO profile_fields (profile_id, email, phone, first_name, last_name, city, country, gender, birth_date, created_at, email_subscribed, sms_subscribed, push_subscribed)
            VALUES (@Id, @Email, @Phone, @FirstName, @LastName, @City, @Country, @Gender, @BirthDate, @CreatedAt, @EmailSubscribed, @SmsSubscribed, @PushSubscribed)
            """,
            profiles.Select(p => new
            {
                p.Id, p.Email, p.Phone, p.FirstName, p.LastName, p.City, p.Country, p.Gender,
                BirthDate = p.BirthDate?.ToUnixTimeMilliseconds(),
                CreatedAt = p.CreatedAt?.ToUnixTimeMilliseconds(),
                p.EmailSubscribed, p.SmsSubscribed, p.PushSubscribed,
            }),
            transaction);
        transaction.Commit();
    }

    /// <summary>Runs a statement against the database (for changing data between runs).</summary>
    public int Execute(string sql, object? parameters = null)
    {
        using var connection = Database.Open();
        return connection.Execute(sql, parameters);
    }

    /// <summary>Runs a scalar query.</summary>
    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Database.Open();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    /// <summary>Runs a query and returns its rows.</summary>
    public IReadOnlyList<T> Query<T>(string sql, object? parameters = null)
    {
        using var connection = Database.Open();
        return connection.Query<T>(sql, parameters).AsList();
    }

    /// <summary>Saves a one-condition profile segment and returns its member ids after a recalculation.</summary>
    public IReadOnlyList<long> MembersOf(string conditionType, object parameters, string id = "test-segment")
    {
        Engine.Save(Documents.Single(id, conditionType, parameters));
        Engine.Recalculate(id);
        return Engine.Members(id, limit: int.MaxValue);
    }

    /// <summary>
    /// Saves a profile segment with one condition, recalculates it, and explains it for each of <paramref name="profiles"/>:
    /// the value the condition compared for each (null when the condition shows none, "unknown" for an unknown value).
    /// Throws when an explanation disagrees with the stored membership.
    /// </summary>
    public IReadOnlyList<string?> ExplainedValues(string conditionType, object parameters, IEnumerable<long> profiles, string id = "explained-segment")
    {
        Engine.Save(Documents.Single(id, conditionType, parameters));
        Engine.Recalculate(id);
        var values = new List<string?>();
        foreach (var profile in profiles)
        {
            var explanation = Engine.Explain(id, profile);
            if (explanation.StoredMember != explanation.Member)
            {
                throw new InvalidOperationException($"{conditionType}, profile {profile}: explained {explanation.Member}, stored {explanation.StoredMember}.");
            }

            values.Add(explanation.Root.Items[0].Value);
        }

        return values;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var engine in _engines)
        {
            engine.Dispose();
        }

        if (_drop is not null)
        {
            _drop();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on this platform; the temporary folder is cleaned by the OS.
        }
    }
}

/// <summary>One profile's standard fields for <see cref="TestDatabase.AddProfiles(ProfileData[])"/>.</summary>
public sealed record ProfileData(long Id)
{
#pragma warning disable CS1591
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }
    public string? Gender { get; init; }
    public DateTimeOffset? BirthDate { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public bool? EmailSubscribed { get; init; }
    public bool? SmsSubscribed { get; init; }
    public bool? PushSubscribed { get; init; }
#pragma warning restore CS1591
}

/// <summary>Builds segment documents for tests.</summary>
public static class Documents
{
    /// <summary>A profile segment with one condition in an AND group.</summary>
    public static string Single(string id, string conditionType, object parameters) =>
        Json(id, new { op = "and", items = new object[] { new { type = conditionType, @params = parameters } } });

    /// <summary>A profile segment document around a root group object.</summary>
    public static string Json(string id, object rules, string subject = SubjectKinds.Profile, string? name = null) =>
        JsonSerializer.Serialize(new { schemaVersion = 1, id, name = name ?? id, subject, rules });
}
