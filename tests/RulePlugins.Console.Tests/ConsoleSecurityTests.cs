using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RulePlugins.Testing;

namespace RulePlugins.Console.Tests;

/// <summary>What the browser may do without the key, and what the Content-Security-Policy stops.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSecurityTests(ConsoleFixture fixture) : BrowserTest(fixture)
{
    /// <summary>Fetches a path from the page's origin, as the console's script would, and returns the status.</summary>
    private const string FetchStatus = """
        async ([path, method, body, key]) => {
          const headers = { 'Content-Type': 'application/json' };
          if (key) headers['X-Api-Key'] = key;
          const response = await fetch(path, { method, headers, body: body ?? undefined });
          return response.status;
        }
        """;

    [Fact]
    public async Task PageAndScript_WithoutKey_LoadWhileApiReadReturns401()
    {
        var script = await Page.RunAndWaitForResponseAsync(
            () => Page.GotoAsync("/"),
            response => new Uri(response.Url).AbsolutePath == "/console/js/main.js");

        Assert.Equal(200, script.Status);
        Assert.Contains("javascript", await script.HeaderValueAsync("content-type") ?? "", StringComparison.Ordinal);
        Assert.Equal(401, await Page.EvaluateAsync<int>(FetchStatus, new object?[] { "/segments", "GET", null, null }));
        // The same read with the key answers: the 401 is the key's absence, not the path.
        Assert.Equal(200, await Page.EvaluateAsync<int>(FetchStatus, new object?[] { "/segments", "GET", null, ServiceInstance.ApiKey }));
    }

    [Fact]
    public async Task CreateSegment_FromPageWithoutKey_Returns401AndListUnchanged()
    {
        const string Id = "console-refused-write";
        var document = $$"""
            {
              "schemaVersion": 1, "id": "{{Id}}", "name": "Lives in Kazan", "subject": "profile",
              "rules": { "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "equals", "value": "Kazan" } } ] }
            }
            """;
        var before = await SegmentListAsync();
        await Page.GotoAsync("/");

        var status = await Page.EvaluateAsync<int>(FetchStatus, new object?[] { "/segments", "POST", document, null });

        Assert.Equal(401, status);
        Assert.Equal(before, await SegmentListAsync());
        Assert.DoesNotContain(Id, await SegmentIdsAsync());
        // The same document with the key is stored: it was refused for the key alone.
        Assert.Equal(201, await Page.EvaluateAsync<int>(FetchStatus, new object?[] { "/segments", "POST", document, ServiceInstance.ApiKey }));
        Assert.Contains(Id, await SegmentIdsAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await Service.Client.DeleteAsync($"/segments/{Id}", CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task InjectedInlineScript_InPage_IsBlockedByCsp()
    {
        await Page.GotoAsync("/");

        await Page.EvaluateAsync("""
            () => {
              // Set from outside the page's policy (as a test harness may): marks that the image's error event fired.
              window.addEventListener('error', e => { if (e.target instanceof HTMLImageElement) window.__imageFailed = true; }, true);
              document.body.insertAdjacentHTML('beforeend', '<img id="injected" src="x" onerror="window.__x = 1">');
              const script = document.createElement('script');
              script.textContent = 'window.__y = 1';
              document.body.append(script);
            }
            """);
        await Page.WaitForFunctionAsync("() => window.__imageFailed === true");

        Assert.Equal("undefined", await Page.EvaluateAsync<string>("() => typeof window.__x"));
        Assert.Equal("undefined", await Page.EvaluateAsync<string>("() => typeof window.__y"));
        Assert.Contains(PageErrors, error => error.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    /// <summary>The segment list as the API answers it with the key.</summary>
    private async Task<string> SegmentListAsync()
    {
        using var response = await Service.Client.GetAsync("/segments", CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(CancellationToken);
    }

    private async Task<List<string>> SegmentIdsAsync()
    {
        using var list = JsonDocument.Parse(await SegmentListAsync());
        return [.. list.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }
}
