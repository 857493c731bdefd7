using Dapper;
using RulePlugins.Engine.Data;

namespace RulePlugins.Cli.Tests;

/// <summary><c>rulehost demo --only PLUGIN</c>: one plugin's demo data added to an existing database.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly RuleHostProcess _host = new();
    private readonly string _path;
    private readonly Database _database;

    public DemoCommandTests()
    {
        _path = Path.Combine(_host.Folder, "demo.db");
        _database = Database.Sqlite(_path);
        MultiProcessRunTests.Succeed(_host.Run(["demo", "--profiles", "500", "--db", _path]));
    }

    private static readonly string[] MarketTables = ["market_orders", "market_order_items", "market_products", "market_categories", "market_sales_channels", "market_currency_rates"];

    [Fact]
    public void DemoOnly_PluginTablesEmptied_RefillsThemAndKeepsTheProfiles()
    {
        var before = Counts();
        var profiles = Count("profiles");
        using (var connection = _database.Open())
        {
            foreach (var table in MarketTables)
            {
                connection.Execute($"DELETE FROM {table}");
            }
        }

        var result = _host.Run(["demo", "--only", "market", "--db", _path]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(before, Counts());
        Assert.Equal(profiles, Count("profiles"));
        Assert.Contains("RulePlugins.Plugins.Market", result.Output, StringComparison.Ordinal);
        Assert.Contains($"market_orders: {before[0]:N0} rows", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoOnly_PluginTablesHaveRows_IsRefusedAndChangesNothing()
    {
        var before = Counts();

        var result = _host.Run(["demo", "--only", "RulePlugins.Plugins.Market", "--db", _path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already has", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Counts());
    }

    [Fact]
    public void DemoOnly_UnknownPlugin_IsRefusedListingTheLoadedOnes()
    {
        var result = _host.Run(["demo", "--only", "lookalikes", "--db", _path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No plugin is named 'lookalikes'", result.Error, StringComparison.Ordinal);
        Assert.Contains("RulePlugins.Plugins.Market", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentSourceSql_AfterTheDemo_PrintsThePrefilterBesideTheCSharpAsTheDemoWroteIt()
    {
        var result = _host.Run(["segment", "source", "moscow-adults", "--sql", "--db", _path]);

        Assert.True(result.ExitCode == 0, result.Error);
        var sql = result.Output[result.Output.IndexOf("-- SQL prefilter on sqlite", StringComparison.Ordinal)..];
        Assert.Contains("public sealed class", result.Output[..^sql.Length], StringComparison.Ordinal);
        Assert.Contains("LEFT JOIN profile_fields j0 ON j0.profile_id = p.id", sql, StringComparison.Ordinal);
        Assert.Contains("-- @f0 = \"%Moscow%\"", sql, StringComparison.Ordinal);
        Assert.Contains("-- translated: rules.items[0], rules.items[1]", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("'Moscow'", sql, StringComparison.OrdinalIgnoreCase);
        var written = File.ReadAllText(Path.Combine(_host.Folder, "generated", "moscow-adults.prefilter.sql"));
        Assert.EndsWith(written, sql, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentRecalc_WithAndWithoutPushdown_SameMembersAndOnlyTheCandidatesJudged()
    {
        var (withPrefilter, judgedWith) = Recalc("moscow-adults");
        var (withoutPrefilter, judgedWithout) = Recalc("moscow-adults", "--no-pushdown");

        Assert.Equal(withPrefilter, withoutPrefilter);
        Assert.Equal(Count("profiles"), judgedWithout);
        Assert.InRange(judgedWith, withPrefilter.Count, judgedWithout - 1);
    }

    // Recalculates and returns the stored members and the "judged" column of the printed run.
    private (List<long> Members, long Judged) Recalc(params string[] options)
    {
        var result = _host.Run(["segment", "recalc", .. options, "--db", _path]);
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n');
        var header = lines.First(l => l.StartsWith("segment ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var row = lines.First(l => l.StartsWith(options[0] + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // The header's "evaluated at (UTC)" is three words and the instant two: the judged column is one further left in the row.
        var judged = long.Parse(row[Array.IndexOf(header, "judged") - 1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        using var connection = _database.Open();
        return ([.. connection.Query<long>("SELECT profile_id FROM segment_members WHERE segment_id = @id ORDER BY profile_id", new { id = options[0] })], judged);
    }

    [Fact]
    public void SegmentRuns_AfterTheDemo_ListsEachRunWithItsEvaluationInstant()
    {
        var result = _host.Run(["segment", "runs", "moscow-adults", "--db", _path]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var connection = _database.Open();
        var run = connection.QuerySingle<(long Id, long StartedAt, long Members)>(
            "SELECT id AS Id, started_at AS StartedAt, members AS Members FROM segment_runs WHERE segment_id = 'moscow-adults'");
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(run.StartedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        var line = result.Output.Split('\n').Single(l => l.TrimStart().StartsWith(run.Id + " ", StringComparison.Ordinal));
        Assert.Contains("succeeded", line, StringComparison.Ordinal);
        Assert.Contains(instant, line, StringComparison.Ordinal);
        Assert.Contains(run.Members.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _host.Dispose();
    }

    private long[] Counts() => [.. MarketTables.Select(Count)];

    private long Count(string table)
    {
        using var connection = _database.Open();
        return connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
    }
}
