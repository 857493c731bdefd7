namespace RulePlugins.Cli.Tests;

/// <summary>
/// <c>rulehost segment save</c> and <c>rulehost order-segment match</c> as a user runs them: answers, explanations,
/// exit codes and messages naming the problem.
/// </summary>
public sealed class OrderSegmentCommandTests : IDisposable
{
    private const string CartSegment = """
        {
          "schemaVersion": 1, "id": "cart", "name": "Over 20 RUB, 3 products", "subject": "order",
          "rules": { "op": "and", "items": [
            { "type": "order.cost", "params": { "operator": "greater", "value": 20 } },
            { "type": "order.goods_count", "params": { "method": "distinct_products", "operator": "greater_or_equal", "value": 3 } }
          ] }
        }
        """;

    private const string CityProfiles = """
        {
          "schemaVersion": 1, "id": "moscow", "name": "Moscow", "subject": "profile",
          "rules": { "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "equals", "value": "Moscow" } } ] }
        }
        """;

    private const string CartOrder = """
        { "currency": "RUB", "channel": "website", "contact_point": "cart",
          "items": [ { "product_id": "P-1", "quantity": 1, "price": 10 }, { "product_id": "P-2", "quantity": 1, "price": 10 }, { "product_id": "P-3", "quantity": 1, "price": 10 } ] }
        """;

    private readonly RuleHostProcess _host = new();

    private void Save(string name, string document)
    {
        var saved = _host.Run(["segment", "save", _host.Write(name, document)]);
        Assert.True(saved.ExitCode == 0, saved.Error);
    }

    [Fact]
    public void Match_MatchingOrder_PrintsMatchedWithEachConditionAndExits0()
    {
        Save("cart.json", CartSegment);

        var result = _host.Run(["order-segment", "match", "cart", _host.Write("order.json", CartOrder)]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("MATCHED", result.Output);
        Assert.Contains("[held]     rules.items[0]", result.Output);
        Assert.Contains("[held]     rules.items[1]", result.Output);
    }

    [Fact]
    public void Match_QuietNotMatching_PrintsTheAnswerOnly()
    {
        Save("cart.json", CartSegment);
        var twoProducts = CartOrder.Replace(", { \"product_id\": \"P-3\", \"quantity\": 1, \"price\": 10 }", string.Empty);

        var result = _host.Run(["order-segment", "match", "cart", _host.Write("order.json", twoProducts), "--quiet"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("NOT MATCHED: segment \"cart\" v1", result.Output.Trim());
    }

    [Fact]
    public void Match_BadOrder_Exits1NamingTheField()
    {
        Save("cart.json", CartSegment);
        var negative = CartOrder.Replace("\"quantity\": 1, \"price\": 10 }, { \"product_id\": \"P-2\"", "\"quantity\": -1, \"price\": 10 }, { \"product_id\": \"P-2\"");

        var result = _host.Run(["order-segment", "match", "cart", _host.Write("order.json", negative)]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("$.items[0].quantity", result.Error);
        Assert.Empty(result.Output.Trim());
    }

    [Fact]
    public void Match_ProfileSegment_Exits2PointingToRecalc()
    {
        Save("moscow.json", CityProfiles);

        var result = _host.Run(["order-segment", "match", "moscow", _host.Write("order.json", CartOrder)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("segment recalc", result.Error);
    }

    [Fact]
    public void Save_InvalidDocument_Exits1WithEveryErrorPath()
    {
        var result = _host.Run(["segment", "save", _host.Write("bad.json", CityProfiles.Replace("\"equals\"", "\"equalz\""))]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rules.items[0].params.operator", result.Error);
        Assert.DoesNotContain("moscow", _host.Run(["segment", "list"]).Output);
    }

    [Fact]
    public void Serve_WithoutApiKey_ExitsNonZeroNamingTheSetting()
    {
        var result = _host.Run(["serve", "--urls", "http://127.0.0.1:0"], new Dictionary<string, string> { ["RuleHost__ApiKey"] = string.Empty });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("rulehost: No API key", result.Error);
        Assert.Contains("RuleHost__ApiKey", result.Error);
        Assert.False(Directory.Exists(Path.Combine(_host.Folder, "data")), "no database is created");
    }

    public void Dispose() => _host.Dispose();
}
