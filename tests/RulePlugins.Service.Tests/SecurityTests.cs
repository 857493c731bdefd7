using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Service.Http;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

[Collection(ServiceCollection.Name)]
public sealed class SecurityTests(ServiceFixture fixture)
{
    private readonly ServiceInstance _service = fixture.Service;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>Every mapped route and method, with route values filled in for an existing segment and run.</summary>
    private List<(string Method, string Path)> Routes()
    {
        var sources = _service.App.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<(string, string)>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" } p when p.ParameterPolicies.Any(x => x.Content == "long") => "1",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" } => "sec-target",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "version" } => "1",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.Name,
                _ => string.Empty,
            }))));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add((method, path));
            }
        }

        return routes;
    }

    private async Task ArrangeTargetAsync()
    {
        await _service.Client.PutAsync("/segments/sec-target", Json(SegmentDocuments.City("sec-target")), _ct);
        await _service.Client.PutAsync("/segments/sec-order", Json(SegmentDocuments.WebsiteCart("sec-order")), _ct);
    }

    [Fact]
    public async Task EveryWrite_WithoutOrWithWrongKey_Returns401AndChangesNothing()
    {
        await ArrangeTargetAsync();
        var writes = Routes().Where(r => r.Method is "POST" or "PUT" or "DELETE" or "PATCH").ToList();
        Assert.Contains(writes, w => w == ("POST", "/order-segments/sec-target/evaluate"));
        Assert.Contains(writes, w => w == ("DELETE", "/segments/sec-target"));
        Assert.True(writes.Count >= 7, $"only {writes.Count} write endpoints found");

        foreach (var (method, path) in writes)
        {
            foreach (var key in (string?[])[null, "wrong-key", ApiKey + "x", ""])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(SegmentDocuments.City("sec-target", "Kazan")) };
                if (key is not null)
                {
                    request.Headers.Add("X-Api-Key", key);
                }

                var response = await _service.Anonymous.SendAsync(request, _ct);

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with key '{key}': {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
            }
        }

        var segment = await ServiceInstance.JsonAsync(await _service.Client.GetAsync("/segments/sec-target", _ct));
        Assert.Equal(1, segment.GetProperty("currentVersion").GetInt64());
        var runs = await ServiceInstance.JsonAsync(await _service.Client.GetAsync("/runs?segment=sec-target", _ct));
        Assert.Empty(runs.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task EveryRead_WithoutKeyWhenReadsAreNotOpen_Returns401ExceptHealth()
    {
        await ArrangeTargetAsync();
        var reads = Routes().Where(r => r.Method == "GET").ToList();
        Assert.True(reads.Count >= 15, $"only {reads.Count} read endpoints found");

        foreach (var (_, path) in reads)
        {
            var response = await _service.Anonymous.GetAsync(path, _ct);

            var expected = path.StartsWith("/health", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            Assert.True(response.StatusCode == expected, $"GET {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Reads_OpenedByConfiguration_AnswerWithoutKeyWhileWritesStillNeedIt()
    {
        await using var open = await ServiceInstance.StartAsync(new ServiceSettings { OpenReads = true, Profiles = 10 });

        Assert.Equal(HttpStatusCode.OK, (await open.Anonymous.GetAsync("/condition-types", _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.Anonymous.GetAsync("/segments", _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await open.Anonymous.PutAsync("/segments/x", Json(SegmentDocuments.City("x")), _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await open.Anonymous.PostAsync("/order-segments/x/evaluate", Json(SegmentDocuments.CartOrder), _ct)).StatusCode);
    }

    [Fact]
    public async Task Ready_PluginsLoadedAndDatabaseReachable_Returns200WithChecks()
    {
        var ready = await ServiceInstance.JsonAsync(await _service.Anonymous.GetAsync("/health/ready", _ct));

        Assert.Equal("ready", ready.GetProperty("status").GetString());
        // One per plugin folder the service was given: adding a plugin changes the count with it.
        var folders = Directory.GetDirectories(ServiceInstance.PluginDirectory).Length;
        Assert.StartsWith($"{folders} loaded", ready.GetProperty("checks").GetProperty("plugins").GetString());
        Assert.StartsWith("reachable", ready.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemWithoutDetailsOfTheServer()
    {
        var response = await _service.Client.GetAsync("/no/such/route", _ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public void ToProblem_UnexpectedException_HidesItsMessageAndType()
    {
        var problem = ProblemExceptionHandler.ToProblem(new NullReferenceException("connection string Password=secret"));

        Assert.Equal(500, problem.Status);
        Assert.DoesNotContain("secret", problem.Detail);
        Assert.DoesNotContain("NullReference", problem.Detail + problem.Title);
    }

    [Fact]
    public void Create_WithoutApiKey_RefusesBeforeOpeningTheDatabase()
    {
        var database = Path.Combine(_service.Folder, "nokey.db");

        var error = Assert.Throws<ServiceConfigurationException>(
            () => ServiceHost.Create(["--urls", "http://127.0.0.1:0", "--RuleHost:PluginDirectory=" + PluginDirectory, "--RuleHost:Database:Path=" + database]));

        Assert.Contains("RuleHost__ApiKey", error.Message);
        Assert.False(File.Exists(database));
    }
}
