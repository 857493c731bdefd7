using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Engine;
using static RulePlugins.Service.Tests.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary>
/// Saves through the service compile on the engine's bounded queue within a cost budget: over the budget is 400 at
/// <c>rules</c>, a full queue is 503 with Retry-After, and the compiler is pre-warmed at start. Each test has its own
/// service with the settings it needs.
/// </summary>
public sealed class CompilationTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static string Cities(string id, int conditions) => JsonSerializer.Serialize(new
    {
        schemaVersion = 1,
        id,
        name = id,
        subject = "profile",
        rules = new
        {
            op = "or",
            items = Enumerable.Range(0, conditions).Select(i => new { type = "profile.city", @params = new { @operator = "equals", value = $"City {i}" } }).ToArray(),
        },
    });

    [Fact]
    public async Task Put_MoreConditionsThanTheDefaultBudget_400AtRulesWithCostLimitsAndSettingNothingStored()
    {
        await using var service = await StartAsync();

        var response = await service.Client.PutAsync("/segments/too-wide", Json(Cities("too-wide", 201)), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await JsonAsync(response)).GetProperty("errors").EnumerateArray());
        Assert.Equal("rules", error.GetProperty("path").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("the segment has 201 conditions", message);
        Assert.Contains("so it exceeds the condition limit", message);
        Assert.Contains("at most 200 conditions and 400,000 characters of source", message);
        Assert.Contains("RuleHost:Compilation:MaxConditions", message);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/segments/too-wide", _ct)).StatusCode);

        // At the limit it compiles.
        Assert.Equal(HttpStatusCode.Created, (await service.Client.PutAsync("/segments/wide", Json(Cities("wide", 200)), _ct)).StatusCode);
    }

    [Fact]
    public async Task Put_CompilerSlotTakenAndNoQueue_503WithRetryAfterAndNothingStored()
    {
        await using var service = await StartAsync(new ServiceSettings
        {
            Arguments = ["--RuleHost:Compilation:MaxConcurrency=1", "--RuleHost:Compilation:MaxQueueLength=0", "--RuleHost:Compilation:PreWarm=false"],
        });
        var engine = service.App.Services.GetRequiredService<RuleEngine>();
        using var gate = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var slow = engine.Compilation.RunAsync(() =>
        {
            started.Set();
            return gate.Wait(TimeSpan.FromMinutes(1));
        }, _ct);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30), _ct));

        HttpResponseMessage response;
        try
        {
            response = await service.Client.PutAsync("/segments/busy", Json(SegmentDocuments.City("busy")), _ct);
        }
        finally
        {
            gate.Set();
        }

        Assert.True(await slow);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var problem = await JsonAsync(response);
        Assert.Equal("The compiler is busy; retry later", problem.GetProperty("title").GetString());
        Assert.Contains("Nothing was stored", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/segments/busy", _ct)).StatusCode);

        // Once the slot is free, the same save goes through.
        Assert.Equal(HttpStatusCode.Created, (await service.Client.PutAsync("/segments/busy", Json(SegmentDocuments.City("busy")), _ct)).StatusCode);
    }

    [Fact]
    public async Task Start_Default_PreWarmsTheCompilerInTheBackground()
    {
        await using var service = await StartAsync();
        var engine = service.App.Services.GetRequiredService<RuleEngine>();

        Assert.NotNull(engine.WarmUp);
        var took = await engine.WarmUp.WaitAsync(TimeSpan.FromMinutes(2), _ct);

        Assert.True(took > TimeSpan.Zero);
        var ready = await JsonAsync(await service.Anonymous.GetAsync("/health/ready", _ct));
        Assert.StartsWith("warm (pre-warmed in ", ready.GetProperty("checks").GetProperty("compiler").GetString());
    }

    [Fact]
    public async Task Start_PreWarmOff_LeavesTheCompilerCold()
    {
        await using var service = await StartAsync(new ServiceSettings { Arguments = ["--RuleHost:Compilation:PreWarm=false"] });
        var engine = service.App.Services.GetRequiredService<RuleEngine>();

        Assert.Null(engine.WarmUp);
        var ready = await JsonAsync(await service.Anonymous.GetAsync("/health/ready", _ct));
        Assert.StartsWith("cold", ready.GetProperty("checks").GetProperty("compiler").GetString());
    }
}
