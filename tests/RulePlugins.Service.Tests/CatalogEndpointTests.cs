using System.Net;
using System.Text.Json;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class CatalogEndpointTests(ServiceFixture fixture)
{
    private readonly ServiceInstance _service = fixture.Service;

    [Fact]
    public async Task GetPlugins_RealPlugins_ListsEachWithVersionAndConditionTypes()
    {
        var body = await JsonAsync(await _service.Client.GetAsync("/plugins", TestContext.Current.CancellationToken));

        var plugins = body.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        // Every plugin folder the service was given is listed: adding a plugin changes this list with it.
        var folders = Directory.GetDirectories(ServiceInstance.PluginDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("RulePlugins.Plugins.ProfileFields", folders);
        Assert.Contains("RulePlugins.Plugins.Market", folders);
        Assert.Equal(folders, plugins.Keys.Order(StringComparer.Ordinal));
        Assert.All(plugins, p => Assert.Equal(Path.Combine(ServiceInstance.PluginDirectory, p.Key), p.Value.GetProperty("loadedFrom").GetString()));
        Assert.Equal("0.1.0", plugins["RulePlugins.Plugins.ProfileFields"].GetProperty("version").GetString());
        Assert.Contains("profile.city", plugins["RulePlugins.Plugins.ProfileFields"].GetProperty("conditionTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("market_orders", plugins["RulePlugins.Plugins.Market"].GetProperty("tables").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(body.GetProperty("failures").EnumerateArray());
    }

    [Fact]
    public async Task GetConditionType_ProfileCity_GivesParameterSchemaEnoughForARuleBuilder()
    {
        var type = await JsonAsync(await _service.Client.GetAsync("/condition-types/profile.city", TestContext.Current.CancellationToken));

        Assert.Equal("profile", type.GetProperty("subject").GetString());
        Assert.Equal("RulePlugins.Plugins.ProfileFields", type.GetProperty("plugin").GetString());
        var parameters = type.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        var op = parameters["operator"];
        Assert.Equal("string", op.GetProperty("kind").GetString());
        Assert.True(op.GetProperty("required").GetBoolean());
        Assert.Contains("equals", op.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("in_list", op.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        var values = parameters["values"];
        Assert.Equal("string_list", values.GetProperty("kind").GetString());
        Assert.Equal("operator", values.GetProperty("requiredWhen").GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task GetConditionType_ParameterRequiredOptionalOrRefusedByOperator_ShowsEachOperatorsRule()
    {
        var type = await JsonAsync(await _service.Client.GetAsync("/condition-types/channel_activity.events", TestContext.Current.CancellationToken));

        var times = type.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "times");
        var dependsOn = times.GetProperty("dependsOn");
        Assert.False(times.GetProperty("required").GetBoolean());
        Assert.Equal(JsonValueKind.Null, times.GetProperty("requiredWhen").ValueKind);
        Assert.Equal("operator", dependsOn.GetProperty("parameter").GetString());
        Assert.Equal(["at_least"], dependsOn.GetProperty("required").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["exists", "not_exists"], dependsOn.GetProperty("optional").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["not_once"], dependsOn.GetProperty("refused").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task GetConditionType_ParameterRequiredForSomeOperators_KeepsRequiredWhenAndListsTheRefusedOnes()
    {
        var type = await JsonAsync(await _service.Client.GetAsync("/condition-types/profile.city", TestContext.Current.CancellationToken));

        var values = type.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "values");
        var dependsOn = values.GetProperty("dependsOn");
        Assert.Equal(["in_list", "not_in_list"], values.GetProperty("requiredWhen").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["in_list", "not_in_list"], dependsOn.GetProperty("required").EnumerateArray().Select(v => v.GetString()));
        Assert.Empty(dependsOn.GetProperty("optional").EnumerateArray());
        Assert.Contains("equals", dependsOn.GetProperty("refused").EnumerateArray().Select(v => v.GetString()));
        Assert.DoesNotContain("in_list", dependsOn.GetProperty("refused").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task GetConditionType_CurrencyParameter_ListsTheKnownCurrenciesFromTheRatesTable()
    {
        var type = await JsonAsync(await _service.Client.GetAsync("/condition-types/order.cost", TestContext.Current.CancellationToken));

        var currency = type.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "currency");
        var choices = currency.GetProperty("choicesFrom");
        Assert.Equal("currency", choices.GetProperty("noun").GetString());
        Assert.Equal("market_currency_rates", choices.GetProperty("table").GetString());
        Assert.Equal(["CNY", "EUR", "KZT", "RUB", "USD"], choices.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        var op = type.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "operator");
        Assert.Equal(JsonValueKind.Null, op.GetProperty("choicesFrom").ValueKind);
    }

    [Fact]
    public async Task GetConditionTypes_NumericParameter_ShowsRange()
    {
        var types = await JsonAsync(await _service.Client.GetAsync("/condition-types?subject=profile", TestContext.Current.CancellationToken));

        var days = types.EnumerateArray()
            .Single(t => t.GetProperty("id").GetString() == "market.orders")
            .GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "created_in_last_days");
        Assert.Equal("integer", days.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Number, days.GetProperty("minimum").ValueKind);
        Assert.False(days.GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task GetConditionTypes_SubjectOrder_ListsOnlyOrderConditions()
    {
        var types = await JsonAsync(await _service.Client.GetAsync("/condition-types?subject=order", TestContext.Current.CancellationToken));

        var ids = types.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        Assert.Contains("order.cost", ids);
        Assert.All(ids, id => Assert.StartsWith("order.", id));
    }

    [Fact]
    public async Task GetConditionType_SegmentReferenceParameter_IsMarked()
    {
        var type = await JsonAsync(await _service.Client.GetAsync("/condition-types/links.linked_to", TestContext.Current.CancellationToken));

        Assert.True(type.GetProperty("parameters")[0].GetProperty("referencesSegment").GetBoolean());
    }

    [Theory]
    [InlineData("/condition-types/profile.nope")]
    [InlineData("/plugins/Nope")]
    public async Task Get_UnknownCatalogueEntry_Returns404Problem(string path)
    {
        var response = await _service.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetOpenApi_Default_DescribesEveryResource()
    {
        var document = await JsonAsync(await _service.Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in (string[])["/plugins", "/condition-types", "/segments", "/segments/{id}/source", "/runs/{id}", "/order-segments/{id}/evaluate", "/health/ready"])
        {
            Assert.Contains(paths, p => p.TrimEnd('/') == expected);
        }
    }

    [Fact]
    public async Task GetParameterValues_CurrencyOfOrderCost_ListsTheKnownValuesWithNamesAndFiltersBySearch()
    {
        var all = await JsonAsync(await _service.Client.GetAsync("/condition-types/order.cost/parameters/currency/values", TestContext.Current.CancellationToken));
        var searched = await JsonAsync(await _service.Client.GetAsync("/condition-types/order.cost/parameters/currency/values?search=u&limit=1", TestContext.Current.CancellationToken));

        Assert.Equal("currency", all.GetProperty("noun").GetString());
        Assert.Equal(["CNY", "EUR", "KZT", "RUB", "USD"], all.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.All(all.GetProperty("values").EnumerateArray(), v => Assert.Equal(v.GetProperty("value").GetString(), v.GetProperty("name").GetString()));
        Assert.Equal(5, all.GetProperty("total").GetInt32());
        Assert.Equal(3, searched.GetProperty("total").GetInt32()); // EUR, RUB and USD
        Assert.Equal(["EUR"], searched.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
    }

    [Fact]
    public async Task GetParameterValues_OperatorOfProfileCity_ListsTheFixedValues()
    {
        var body = await JsonAsync(await _service.Client.GetAsync("/condition-types/profile.city/parameters/operator/values?limit=1000", TestContext.Current.CancellationToken));

        Assert.Contains("in_list", body.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.Equal("value", body.GetProperty("noun").GetString());
    }

    [Theory]
    [InlineData("/condition-types/no.such/parameters/currency/values", 404, "No plugin contributes a condition type 'no.such'.")]
    [InlineData("/condition-types/order.cost/parameters/curency/values", 404, "Condition type 'order.cost' has no parameter 'curency'")]
    [InlineData("/condition-types/order.cost/parameters/value/values", 404, "Parameter 'value' of 'order.cost' takes any number; it has no list of values.")]
    [InlineData("/condition-types/order.cost/parameters/currency/values?limit=0", 400, "limit must be from 1 to 1000, got 0.")]
    public async Task GetParameterValues_UnknownOrWithoutValues_AnswersWithAProblemNamingIt(string url, int status, string detail)
    {
        var response = await _service.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Contains(detail, (await JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
