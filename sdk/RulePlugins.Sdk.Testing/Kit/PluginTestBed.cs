using System.Reflection;
using Dapper;
using RulePlugins.Engine;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Testing;

/// <summary>
/// The plugin author's test bed: a throw-away SQLite database with an engine over the plugins under test, a fixed
/// clock, typed row inserts, and checks that recalculate a real segment and compare its members with what the author
/// expects or with hand-written SQL. Every check also evaluates the segment with every column of its tables loaded,
/// so a condition that reads a column it did not declare fails loudly instead of answering wrongly.
/// Test-framework neutral: a failed check throws <see cref="PluginCheckException"/>.
/// </summary>
/// <example>
/// <code>
/// using var bed = new PluginTestBed(new ChannelActivityPlugin());
/// bed.AddProfiles(1, 2, 3);
/// bed.Insert(ChannelActivityPlugin.Events, 1, new EventRow { Channel = "email", Event = "opened", At = bed.DaysAgo(2) });
/// bed.AssertMembers("channel.activity", Params.Operator("at_least").With("times", 1), 1);
/// </code>
/// </example>
public sealed class PluginTestBed : IDisposable
{
    private readonly TestDatabase _db;
    private long _nextRowKey = 1;
    private int _segments;

    /// <summary>A new database and engine over <paramref name="plugins"/> (in process, no plugin folder needed).</summary>
    public PluginTestBed(params IRulePlugin[] plugins)
    {
        ArgumentOutOfRangeException.ThrowIfZero(plugins.Length);
        _db = new TestDatabase(plugins);
    }

    /// <summary>The engine, for anything the checks do not cover.</summary>
    public RuleEngine Engine => _db.Engine;

    /// <summary>The database underneath.</summary>
    public TestDatabase Database => _db;

    /// <summary>The evaluation instant of every recalculation: <see cref="TestDatabase.DefaultNow"/> unless set.</summary>
    public DateTimeOffset Now
    {
        get => _db.Clock.Now;
        set => _db.Clock.Now = value;
    }

    /// <summary><see cref="Now"/> minus <paramref name="days"/> × 24 h plus <paramref name="offset"/>, in Unix milliseconds.</summary>
    public long DaysAgo(double days, TimeSpan offset = default) => (Now - TimeSpan.FromDays(days) + offset).ToUnixTimeMilliseconds();

    /// <summary>Adds profiles with these ids (no rows of any plugin).</summary>
    public PluginTestBed AddProfiles(params long[] ids)
    {
        _db.AddProfiles(ids);
        return this;
    }

    /// <summary>
    /// Inserts one row of <paramref name="table"/> for profile <paramref name="profileId"/> (ignored for a reference
    /// table): each column takes the value of the row's property of that name; a row key column the row type has no
    /// property for is numbered automatically. Timestamps may be <see cref="DateTimeOffset"/> or Unix milliseconds.
    /// </summary>
    public PluginTestBed Insert<TRow>(TableDefinition table, long profileId, TRow row)
        where TRow : class
    {
        var columns = new List<string>();
        var parameters = new DynamicParameters();
        if (table.SubjectKeyColumn is { } key)
        {
            columns.Add(key);
            parameters.Add("p0", profileId);
        }

        foreach (var column in table.Columns)
        {
            var property = typeof(TRow).GetProperty(column.PropertyName, BindingFlags.Public | BindingFlags.Instance);
            object? value = property?.GetValue(row);
            if (property is null)
            {
                if (column.Name != table.RowKeyColumn)
                {
                    continue;
                }

                value = _nextRowKey++;
            }

            columns.Add(column.Name);
            parameters.Add("p" + (columns.Count - 1), value switch
            {
                DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
                _ => value,
            });
        }

        var sql = $"INSERT INTO {table.Name} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        using var connection = _db.Database.Open();
        connection.Execute(sql, parameters);
        return this;
    }

    /// <summary>Inserts several rows of one profile.</summary>
    public PluginTestBed Insert<TRow>(TableDefinition table, long profileId, params TRow[] rows)
        where TRow : class
    {
        foreach (var row in rows)
        {
            Insert(table, profileId, row);
        }

        return this;
    }

    /// <summary>
    /// Saves a profile segment with one condition, recalculates it, checks every column it reads is declared, and
    /// returns its members in ascending order.
    /// </summary>
    public IReadOnlyList<long> Members(string conditionType, Params parameters) =>
        MembersOf(Documents.Json(NextId(), new { op = "and", items = new object[] { new { type = conditionType, @params = parameters.ToObject() } } }));

    /// <summary>Saves any profile segment document (its id is replaced), recalculates it, checks its columns and returns its members.</summary>
    public IReadOnlyList<long> MembersOf(string document)
    {
        var saved = Engine.Save(WithId(document, NextId()));
        Engine.Recalculate(saved.Id);
        AssertColumnsDeclared(saved.Id);
        return Engine.Members(saved.Id, limit: int.MaxValue);
    }

    /// <summary>
    /// Saves a profile segment with one condition, recalculates it, and explains it for each of <paramref name="profiles"/>:
    /// the value the condition compared for each (null when the condition shows none, "unknown" for an unknown value).
    /// Throws when an explanation disagrees with the stored membership.
    /// </summary>
    public IReadOnlyList<string?> ExplainedValues(string conditionType, Params parameters, params long[] profiles) =>
        _db.ExplainedValues(conditionType, parameters.ToObject(), profiles, NextId());

    /// <summary>Checks that the one-condition segment selects exactly <paramref name="expected"/>.</summary>
    public void AssertMembers(string conditionType, Params parameters, params long[] expected) =>
        Compare($"{conditionType} {parameters}", expected.Order().ToList(), Members(conditionType, parameters));

    /// <summary>
    /// Checks that the one-condition segment selects exactly the profile ids <paramref name="sql"/> returns: the
    /// author's independent statement of the condition's meaning over the same database.
    /// </summary>
    public void AssertSameAsSql(string conditionType, Params parameters, string sql, object? sqlParameters = null)
    {
        using var connection = _db.Database.Open();
        var expected = connection.Query<long>(sql, sqlParameters).Distinct().Order().ToList();
        Compare($"{conditionType} {parameters}", expected, Members(conditionType, parameters));
    }

    /// <summary>
    /// Evaluates each condition of a stored segment with its declared columns and with every column of its tables, on
    /// every profile of the database; throws when a condition answers differently, naming it, the table and the column.
    /// </summary>
    public void AssertColumnsDeclared(string segmentId)
    {
        var found = Engine.FindUndeclaredColumns(segmentId, sampleSize: int.MaxValue);
        if (found.Count > 0)
        {
            throw new PluginCheckException(string.Join(Environment.NewLine, found.Select(f => $"{segmentId} {f.Path}: {f.Message}")));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _db.Dispose();

    private static void Compare(string what, IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        if (expected.SequenceEqual(actual))
        {
            return;
        }

        var missing = expected.Except(actual).Take(20).ToList();
        var extra = actual.Except(expected).Take(20).ToList();
        throw new PluginCheckException(
            $"{what}: expected {expected.Count} members [{string.Join(", ", expected.Take(20))}], got {actual.Count} [{string.Join(", ", actual.Take(20))}]"
            + (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : string.Empty)
            + (extra.Count > 0 ? $"; not expected {string.Join(", ", extra)}" : string.Empty));
    }

    private string NextId() => $"kit-{++_segments}";

    private static string WithId(string document, string id)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(document)!.AsObject();
        node["id"] = id;
        node["subject"] ??= SubjectKinds.Profile;
        node["schemaVersion"] ??= 1;
        node["name"] ??= id;
        return node.ToJsonString();
    }
}
