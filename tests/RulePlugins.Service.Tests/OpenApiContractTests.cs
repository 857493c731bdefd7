using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using RulePlugins.Testing;

namespace RulePlugins.Service.Tests;

/// <summary>
/// The OpenAPI document as a client generator reads it: every operation has an id, a summary and a description;
/// every keyed operation names the API key scheme and documents its 401; operations that take an id or a body
/// document their refusals as problem details with paths; the document validates; and its examples are accepted.
/// New endpoints that forget any of this fail here.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class OpenApiContractTests(ServiceFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ServiceInstance _service = fixture.Service;

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));

    private static async Task<JsonElement> DocumentAsync(ServiceInstance service)
    {
        var response = await service.Client.GetAsync("/openapi/v1.json", Ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static bool HasSecurity(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) &&
        security.EnumerateArray().Any(requirement => requirement.TryGetProperty("ApiKey", out _));

    [Fact]
    public async Task Document_EveryOperation_HasAUniqueIdASummaryAndADescription()
    {
        var operations = Operations(await DocumentAsync(_service)).ToList();

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations");
        foreach (var (method, path, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("operationId", out var id) && id.GetString() is { Length: > 0 }, $"{method} {path} has no operationId");
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length is > 0 and <= 60, $"{method} {path}: no short summary");
            Assert.True(operation.TryGetProperty("description", out var description) && description.GetString()!.Length > 0, $"{method} {path} has no description");
        }

        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("SaveSegment", ids);
        Assert.Contains("EvaluateOrder", ids);
    }

    [Fact]
    public async Task Document_KeyedOperations_NameTheApiKeySchemeAndDocument401_HealthDoesNot()
    {
        var document = await DocumentAsync(_service);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        foreach (var (method, path, operation) in Operations(document))
        {
            var keyed = !path.StartsWith("/health", StringComparison.Ordinal);
            Assert.True(keyed == HasSecurity(operation), $"{method} {path}: security {(keyed ? "missing" : "should be absent")}");
            Assert.True(keyed == operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path}: 401 {(keyed ? "undocumented" : "documented on an open probe")}");
        }
    }

    [Fact]
    public async Task Document_OpenReads_ReadsNeedNoKeyWritesStillDo()
    {
        await using var open = await ServiceInstance.StartAsync(new ServiceSettings { OpenReads = true, Profiles = 10 });

        foreach (var (method, path, operation) in Operations(await DocumentAsync(open)))
        {
            var keyed = !path.StartsWith("/health", StringComparison.Ordinal) && method != "GET";
            Assert.True(keyed == HasSecurity(operation), $"{method} {path} with open reads: security {(keyed ? "missing" : "should be absent")}");
        }
    }

    [Fact]
    public async Task Document_OperationsWithAnIdOrABody_DocumentTheirRefusalsAsProblemsWithPaths()
    {
        var document = await DocumentAsync(_service);

        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemModel").GetProperty("properties");
        Assert.True(problem.TryGetProperty("errors", out _), "problem details must document errors[]");
        var error = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemErrorModel").GetProperty("properties");
        Assert.True(error.TryGetProperty("path", out _) && error.TryGetProperty("message", out _));
        foreach (var (method, path, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            var refusals = responses.EnumerateObject().Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')).ToList();
            foreach (var refusal in refusals.Where(r => r.Name != "503"))
            {
                var schema = refusal.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
                Assert.True(schema == "#/components/schemas/ProblemModel", $"{method} {path} {refusal.Name} is not a ProblemModel");
            }

            // PUT /segments/{id} creates the segment when it is missing, so it has no 404.
            if ((path.Contains("{id}", StringComparison.Ordinal) || path.Contains("{name}", StringComparison.Ordinal)) && !(method == "PUT" && path == "/segments/{id}"))
            {
                Assert.True(responses.TryGetProperty("404", out _), $"{method} {path} takes an id but documents no 404");
            }

            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.True(responses.TryGetProperty("400", out _), $"{method} {path} takes a body but documents no 400");
                Assert.True(method == "POST" && path is "/static-segments" or "/runs/{id}/cancel" || responses.TryGetProperty("413", out _), $"{method} {path} takes a body but documents no 413");
            }
        }
    }

    [Fact]
    public async Task Document_ReadByMicrosoftOpenApi_HasNoErrorsAndDescribesTagsLicenseAndServers()
    {
        var text = await _service.Client.GetStringAsync("/openapi/v1.json", Ct);

        var result = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        var document = result.Document!;
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.NotNull(document.Info.License?.Name);
        Assert.NotNull(document.Info.Contact?.Name);
        Assert.All(document.Servers ?? [], s => Assert.False(s.Url!.EndsWith('/'), $"server {s.Url} ends with a slash"));
        var used = document.Paths.Values.SelectMany(p => p.Operations!.Values).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet();
        Assert.All(used, tag => Assert.Contains(document.Tags!, t => t.Name == tag && !string.IsNullOrEmpty(t.Description)));
    }

    [Fact]
    public async Task Examples_SegmentAndOrder_AreAcceptedByTheService()
    {
        var document = await DocumentAsync(_service);
        string Example(string path, string method) =>
            document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();

        var segment = Example("/segments/{id}", "put");
        var saved = await _service.Client.PutAsync($"/segments/{JsonDocument.Parse(segment).RootElement.GetProperty("id").GetString()}", new StringContent(segment, Encoding.UTF8, "application/json"), Ct);
        var preview = await _service.Client.PostAsync("/segments/preview", new StringContent(Example("/segments/preview", "post"), Encoding.UTF8, "application/json"), Ct);
        (await _service.Client.PutAsync("/segments/contract-cart", new StringContent(SegmentDocuments.WebsiteCart("contract-cart"), Encoding.UTF8, "application/json"), Ct)).EnsureSuccessStatusCode();
        var order = await _service.Client.PostAsync("/order-segments/contract-cart/evaluate", new StringContent(Example("/order-segments/{id}/evaluate", "post"), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        Assert.True(JsonDocument.Parse(await order.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("matched").GetBoolean(), "the example order is a website cart order");
    }
}
