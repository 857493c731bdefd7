using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using RulePlugins.Service.Client.Generated;
using RulePlugins.Service.Client.Generated.Models;
using RulePlugins.Testing;

namespace RulePlugins.Service.Client.Tests;

/// <summary>
/// The README's curl session through a client Kiota generated from the checked-in OpenAPI document, against the
/// real service: what a platform team's code does with the contract alone.
/// </summary>
public sealed class ClientSessionTests(ClientServiceFixture fixture) : IClassFixture<ClientServiceFixture>
{
    private const string YoungMoscow =
        """{"schemaVersion":1,"id":"kiota-young-moscow","name":"Young Moscow","rules":{"op":"and","items":[{"type":"profile.city","params":{"operator":"equals","value":"Moscow"}},{"type":"profile.age","params":{"operator":"in_range","min":18,"max":30}}]}}""";

    private const string WebsiteCart =
        """{"schemaVersion":1,"id":"kiota-website-cart","name":"Website cart","subject":"order","rules":{"op":"and","items":[{"type":"order.sales_channels","params":{"operator":"in_list","values":["website/cart"]}}]}}""";

    private readonly ServiceInstance _service = fixture.Service;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The keyed client sends the key in the X-Api-Key header, as the security scheme says.
    private static RuleHostClient ClientOver(HttpClient http) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });

    private static UntypedNode Node(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new UntypedObject(e.EnumerateObject().ToDictionary(p => p.Name, p => Node(p.Value))),
        JsonValueKind.Array => new UntypedArray([.. e.EnumerateArray().Select(Node)]),
        JsonValueKind.String => new UntypedString(e.GetString()),
        JsonValueKind.Number when e.TryGetInt64(out var whole) => new UntypedLong(whole),
        JsonValueKind.Number => new UntypedDecimal(e.GetDecimal()),
        JsonValueKind.True => new UntypedBoolean(true),
        JsonValueKind.False => new UntypedBoolean(false),
        _ => new UntypedNull(),
    };

    private static UntypedNode Body(string json) => Node(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task Contract_CheckedInDocument_IsTheLiveOne()
    {
        var live = JsonNode.Parse(await _service.Client.GetStringAsync("/openapi/v1.json", Ct))!.AsObject();
        live.Remove("servers");
        var checkedIn = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.json")))!;

        Assert.True(JsonNode.DeepEquals(live, checkedIn),
            "tests/RulePlugins.Service.Client.Tests/openapi.json is not the live document: save /openapi/v1.json there (without servers) and rebuild, so the generated client follows the contract.");
    }

    [Fact]
    public async Task Session_SaveReadSourceRecalculateAndReadMembers_ThroughTheGeneratedClient()
    {
        var client = ClientOver(_service.Client);

        var saved = await client.Segments["kiota-young-moscow"].PutAsync(Body(YoungMoscow), cancellationToken: Ct);
        var source = await client.Segments["kiota-young-moscow"].Source.GetAsync(cancellationToken: Ct);
        var queued = await client.Segments["kiota-young-moscow"].Recalculate.PostAsync(cancellationToken: Ct);
        RunModel? run = null;
        for (var i = 0; i < 200 && run?.Status is not ("succeeded" or "failed" or "cancelled"); i++)
        {
            run = await client.Runs[queued!.RunId!.Value].GetAsync(cancellationToken: Ct);
            await Task.Delay(50, Ct);
        }

        var members = await client.Segments["kiota-young-moscow"].Members.GetAsync(c => c.QueryParameters.Limit = 1000, Ct);

        Assert.Equal((1, true), (saved!.Version, saved.Created));
        Assert.Contains("public sealed class KiotaYoungMoscowSegment : CompiledPredicate", source, StringComparison.Ordinal);
        Assert.Contains("//   rules.items[1]: age is", source, StringComparison.Ordinal);
        Assert.Equal("succeeded", run!.Status);
        Assert.Equal(run.Members, members!.Total);
        Assert.Equal(members.Total, members.Items!.Count);
        Assert.True(members.Total > 0, "the demo data has young people in Moscow");
    }

    [Fact]
    public async Task EvaluateOrder_WithExplanation_ThroughTheGeneratedClient()
    {
        var client = ClientOver(_service.Client);
        await client.Segments["kiota-website-cart"].PutAsync(Body(WebsiteCart), cancellationToken: Ct);

        var answer = await client.OrderSegments["kiota-website-cart"].Evaluate.PostAsync(
            Body("""{"currency":"RUB","channel":"website","contact_point":"cart","items":[{"product_id":"P-1","quantity":2,"price":450}]}"""),
            c => c.QueryParameters.Explain = true, Ct);

        Assert.True(answer!.Matched);
        Assert.Equal("rules", answer.Explanation!.Path);
        var condition = Assert.Single(answer.Explanation.Items!);
        Assert.Equal(("rules.items[0]", true), (condition.Path, condition.Held));
    }

    [Fact]
    public async Task Save_RefusedDocument_ATypedProblemWithPaths()
    {
        var client = ClientOver(_service.Client);

        var problem = await Assert.ThrowsAsync<ProblemModel>(() => client.Segments["kiota-broken"].PutAsync(
            Body("""{"schemaVersion":1,"id":"kiota-broken","name":"Broken","rules":{"op":"and","items":[{"type":"profile.age","params":{"operator":"between","value":30}}]}}"""),
            cancellationToken: Ct));

        Assert.Equal(400, problem.ResponseStatusCode);
        Assert.Equal("The segment document is invalid", problem.Title);
        var error = Assert.Single(problem.Errors!);
        Assert.Equal("rules.items[0].params.operator", error.Path);
        Assert.Contains("allowed values: equals", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithoutTheKey_ATyped401()
    {
        var anonymous = ClientOver(_service.Anonymous);

        var problem = await Assert.ThrowsAsync<ProblemModel>(() => anonymous.Plugins.GetAsync(cancellationToken: Ct));

        Assert.Equal(401, problem.ResponseStatusCode);
        Assert.Equal("An API key is required", problem.Title);
    }
}

/// <summary>One real service for the client tests, which use segment ids of their own.</summary>
public sealed class ClientServiceFixture : IAsyncLifetime
{
    /// <summary>The service.</summary>
    public ServiceInstance Service { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => Service = await ServiceInstance.StartAsync(new ServiceSettings { Profiles = 300 });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
