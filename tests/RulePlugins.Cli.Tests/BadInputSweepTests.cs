using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace RulePlugins.Cli.Tests;

/// <summary>
/// Every rulehost command with bad input (a missing file, a bad document or order, an unknown id, a currency without a
/// rate, a database that cannot be opened) exits 1 or 2 with a short message whose first line names the problem, and
/// never prints a stack trace. One table, one demo database for all of it.
/// </summary>
public sealed partial class BadInputSweepTests(BadInputSweepTests.DemoDatabase demo) : IClassFixture<BadInputSweepTests.DemoDatabase>
{
    private const string Postgres = "--provider postgresql --connection Host=127.0.0.1;Port=1;Database=x;Username=x;Password=secret-word;Timeout=2";

    // Before the file name in a full path: the messages name a missing file by its full path.
    private static readonly char Sep = Path.DirectorySeparatorChar;

    /// <summary>
    /// The sweep: a command line (split on spaces; relative paths are in the fixture's folder, whose default database
    /// has the demo data without a USD rate), its exit code, a fragment of the first line of stderr, and a fragment
    /// expected anywhere in stderr (the JSON path, the currency), or null.
    /// </summary>
    public static TheoryData<string, int, string, string?> Cases => new()
    {
        // A file that is not there, or is a folder.
        { "segment save missing.json", 1, $"{Sep}missing.json' does not exist", null },
        { "segment preview missing.json --count", 1, $"{Sep}missing.json' does not exist", null },
        { "segment lint missing.json", 1, $"{Sep}missing.json' does not exist", null },
        { "segment source missing.json", 1, $"{Sep}missing.json' does not exist", null },
        { "segment save data", 1, "is a folder", null },
        { "order-segment match cart-three-products missing-order.json", 1, $"{Sep}missing-order.json' does not exist", null },
        { "static-segment import demo-vip missing.csv --replace", 1, $"{Sep}missing.csv' does not exist", null },

        // A document that is not JSON, or JSON that is not a segment document.
        { "segment save broken.json", 1, "broken.json", "(document): is not valid JSON" },
        { "segment save not-a-segment.json", 1, "not-a-segment.json", "schemaVersion: is required" },
        { "segment preview array.json --count", 1, "array.json", "must be a JSON object" },
        { "segment lint broken.json", 1, "broken.json", "is not valid JSON" },
        { "segment source not-a-segment.json", 1, "not-a-segment.json", "rules: is required" },
        { "static-segment import demo-vip broken.json --replace", 1, "'demo-vip' refused", "malformed" },

        // An order document that is not JSON, not an order, or in a currency without a rate.
        { "order-segment match cart-three-products broken.json", 1, "$: is not valid JSON", null },
        { "order-segment match cart-three-products not-a-segment.json", 1, "$.currency", null },
        { "order-segment match cart-three-products usd-order.json", 1, "$.currency: \"USD\" is not a known currency", null },

        // An unknown segment or profile.
        { "segment recalc no-such-segment", 1, "'no-such-segment' does not exist", null },
        { "segment explain no-such-segment 1", 1, "'no-such-segment' does not exist", null },
        { "segment history no-such-segment", 1, "'no-such-segment' does not exist", null },
        { "segment runs no-such-segment", 1, "'no-such-segment' does not exist", null },
        { "segment members no-such-segment", 1, "'no-such-segment' does not exist", null },
        { "segment lint no-such-segment", 1, "'no-such-segment' does not exist", null },
        { "segment source no-such-segment", 1, "'no-such-segment' does not exist", null },
        { "order-segment match no-such-segment order.json", 1, "'no-such-segment' does not exist", null },
        { "static-segment import no-such-segment ids.csv --replace", 1, "'no-such-segment' does not exist", null },
        { "segment explain moscow-adults 999999", 1, "no profile 999999", null },
        { "segment recalc", 2, "needs an ID or --all", null },

        // Segments saved in USD, then the USD rate deleted: unavailable, named with the currency.
        { "order-segment match usd-orders order.json", 1, "'usd-orders' is unavailable", "\"USD\" is not a known currency" },
        { "segment recalc usd-buyers", 1, "'usd-buyers' is unavailable", "\"USD\" is not a known currency" },
        { "segment explain usd-buyers 1", 1, "'usd-buyers' is unavailable", "\"USD\" is not a known currency" },

        // A demo segment in RUB over orders placed in USD: the plugin refuses the data during the run.
        { "segment recalc electronics-lovers", 1, "'electronics-lovers' v1 could not be evaluated: Currency 'USD' has no rate", null },
        { "segment recalc --all", 1, "'electronics-lovers' v1 could not be evaluated: Currency 'USD' has no rate", null },
        { "segment explain electronics-lovers 1", 1, "Currency 'USD' has no rate", null },

        // A database that cannot be opened: a server that does not answer, a SQLite file whose folder is a file.
        { $"segment list {Postgres}", 1, "Cannot open the database (postgresql: Host=127.0.0.1;Port=1", "Failed to connect" },
        { $"order-segment match cart-three-products order.json {Postgres}", 1, "Cannot open the database (postgresql:", null },
        { "segment list --db a-file/x.db", 1, "a-file' is a file, not a folder", null },
        { "demo --profiles 10 --db a-file/x.db", 1, "a-file' is a file, not a folder", null },
        { "serve --urls http://127.0.0.1:0 --db a-file/x.db", 1, "a-file' is a file, not a folder", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_BadInput_ExitsWithAShortMessageNamingTheProblem(string commandLine, int exitCode, string firstLine, string? detail)
    {
        var result = demo.Host.Run(commandLine.Split(' '), new Dictionary<string, string> { ["RuleHost__ApiKey"] = "sweep-key" });

        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.True(result.ExitCode == exitCode, $"exit code {result.ExitCode}, expected {exitCode}\n{result.Error}\n{result.Output}");
        Assert.NotEmpty(lines);
        Assert.StartsWith("rulehost: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(firstLine, lines[0], StringComparison.Ordinal);
        if (detail is not null)
        {
            Assert.Contains(detail, result.Error, StringComparison.Ordinal);
        }

        Assert.True(lines.Count <= 8, $"{lines.Count} lines on stderr:\n{result.Error}");
        foreach (var (stream, text) in new[] { ("stderr", result.Error), ("stdout", result.Output) })
        {
            Assert.False(StackFrame().IsMatch(text), $"{stream} has a stack trace:\n{text}");
            Assert.DoesNotContain("Unhandled exception", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("secret-word", result.Error + result.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+at ", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    /// <summary>
    /// One rulehost folder for the whole sweep: the demo data (200 profiles) in the default database, a profile and an
    /// order segment saved in USD and then the USD rate deleted, and the input files the cases name.
    /// </summary>
    public sealed class DemoDatabase : IDisposable
    {
        private const string UsdBuyers = """
            { "schemaVersion": 1, "id": "usd-buyers", "name": "Spent over 100 USD", "subject": "profile",
              "rules": { "op": "and", "items": [ { "type": "market.orders_total", "params": { "operator": "greater", "value": 100, "currency": "USD" } } ] } }
            """;

        private const string UsdOrders = """
            { "schemaVersion": 1, "id": "usd-orders", "name": "Orders over 100 USD", "subject": "order",
              "rules": { "op": "and", "items": [ { "type": "order.cost", "params": { "operator": "greater", "value": 100, "currency": "USD" } } ] } }
            """;

        private const string Order = """
            { "currency": "RUB", "channel": "website", "contact_point": "cart",
              "items": [ { "product_id": "P-1", "quantity": 1, "price": 10 } ] }
            """;

        /// <summary>Creates the folder, its database and its files.</summary>
        public DemoDatabase()
        {
            var database = Path.Combine("data", "ruleplugins.db");
            Check(Host.Run(["demo", "--profiles", "200", "--db", database]));
            Check(Host.Run(["segment", "save", Host.Write("usd-buyers.json", UsdBuyers)]));
            Check(Host.Run(["segment", "save", Host.Write("usd-orders.json", UsdOrders)]));
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(Host.Folder, database)};Pooling=False"))
            {
                connection.Open();
                using var delete = connection.CreateCommand();
                delete.CommandText = "DELETE FROM market_currency_rates WHERE currency = 'USD'";
                Assert.Equal(1, delete.ExecuteNonQuery());
            }

            Host.Write("broken.json", "{ \"schemaVersion\": 1, \"id\": ");
            Host.Write("not-a-segment.json", "{ \"hello\": \"world\" }");
            Host.Write("array.json", "[1, 2, 3]");
            Host.Write("order.json", Order);
            Host.Write("usd-order.json", Order.Replace("\"RUB\"", "\"USD\"", StringComparison.Ordinal));
            Host.Write("ids.csv", "1\n2\n");
            Host.Write("a-file", "a file where a folder is expected");
        }

        /// <summary>The rulehost process runner and its folder.</summary>
        public RuleHostProcess Host { get; } = new();

        /// <inheritdoc />
        public void Dispose() => Host.Dispose();

        private static void Check(RunResult result) => Assert.True(result.ExitCode == 0, result.Error + result.Output);
    }
}
