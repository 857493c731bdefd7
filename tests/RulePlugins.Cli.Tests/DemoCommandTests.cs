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
