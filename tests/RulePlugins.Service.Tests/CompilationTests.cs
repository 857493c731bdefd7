using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Engine;
using RulePlugins.Engine.Compilation;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

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
        // The default budget, but a queue wait no busy test machine reaches: this test is about the budget, not the queue.
        await using var service = await StartAsync(new ServiceSettings { Arguments = ["--RuleHost:Compilation:QueueTimeout=00:10:00"] });

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

    [Fact]
    public void Settings_IsolationUnset_IsProcessForTheService()
    {
        Assert.Equal(CompilationIsolation.Process, new CompilationServiceSettings().Apply(new CompilationSettings()).Isolation);
        Assert.Equal(CompilationIsolation.Thread, new CompilationServiceSettings { Isolation = "Thread" }.Apply(new CompilationSettings()).Isolation);
        Assert.Equal(CompilationIsolation.Thread, new CompilationSettings().Isolation);
    }

    [Fact]
    public void Settings_IdleWorkersUnset_OnForTheServiceOffForTheEngine()
    {
        Assert.True(new CompilationServiceSettings().Apply(new CompilationSettings()).IdleWorkers);
        Assert.False(new CompilationServiceSettings { IdleWorkers = false }.Apply(new CompilationSettings()).IdleWorkers);
        Assert.False(new CompilationSettings().IdleWorkers);
        Assert.Equal(TimeSpan.FromSeconds(30), new CompilationServiceSettings().Apply(new CompilationSettings()).StarvationTimeout);
    }

    [Fact]
    public void Create_UnknownIsolation_RefusedNamingTheSettingAndTheAllowedValues()
    {
        var exception = Assert.Throws<ServiceConfigurationException>(() => ServiceHost.Create(
            ["--urls", "http://127.0.0.1:0", $"--RuleHost:ApiKey={ApiKey}", "--RuleHost:Compilation:Isolation=fork"]));

        Assert.Equal("RuleHost:Compilation:Isolation is 'fork'; allowed values: process, thread.", exception.Message);
    }

    [Fact]
    public async Task Put_ProcessIsolation_CompilesInAWorkerProcessAndReadinessSaysSo()
    {
        await using var service = await StartAsync(new ServiceSettings { Arguments = ["--RuleHost:Compilation:Isolation=process", "--RuleHost:Compilation:MaxConcurrency=1"] });
        var engine = service.App.Services.GetRequiredService<RuleEngine>();
        await engine.WarmUp!.WaitAsync(TimeSpan.FromMinutes(2), _ct);

        Assert.Equal(HttpStatusCode.Created, (await service.Client.PutAsync("/segments/in-worker", Json(SegmentDocuments.City("in-worker")), _ct)).StatusCode);

        var workers = engine.CompileWorkers!;
        Assert.NotEqual(Environment.ProcessId, Assert.Single(workers.ProcessIds));
        Assert.Equal(1, workers.Started);
        var ready = await JsonAsync(await service.Anonymous.GetAsync("/health/ready", _ct));
        Assert.EndsWith("; process isolation, 1 of 1 workers running (1 started in all)", ready.GetProperty("checks").GetProperty("compiler").GetString());
    }

    [Fact]
    public async Task Put_ThreadIsolation_CompilesInTheServiceAndReadinessSaysSo()
    {
        await using var service = await StartAsync(new ServiceSettings { Arguments = ["--RuleHost:Compilation:Isolation=thread"] });
        var engine = service.App.Services.GetRequiredService<RuleEngine>();

        Assert.Equal(HttpStatusCode.Created, (await service.Client.PutAsync("/segments/in-thread", Json(SegmentDocuments.City("in-thread")), _ct)).StatusCode);

        Assert.Null(engine.CompileWorkers);
        var ready = await JsonAsync(await service.Anonymous.GetAsync("/health/ready", _ct));
        Assert.EndsWith("; thread isolation", ready.GetProperty("checks").GetProperty("compiler").GetString());
    }

    [Fact]
    public async Task Put_WorkerKilledWhileCompiling_500NamingTheWorkerServiceStillServesAndTheNextSaveSucceeds()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "stops the worker with SIGSTOP, which only Unix has");
        await using var service = await StartAsync(new ServiceSettings { Arguments = ["--RuleHost:Compilation:Isolation=process", "--RuleHost:Compilation:MaxConcurrency=1"] });
        var engine = service.App.Services.GetRequiredService<RuleEngine>();
        await engine.WarmUp!.WaitAsync(TimeSpan.FromMinutes(2), _ct);
        var workers = engine.CompileWorkers!;
        var pid = Assert.Single(workers.ProcessIds);

        // Stopped, the worker cannot answer: the save is on it for certain when it is killed.
        Assert.Equal(0, Kill(pid, OperatingSystem.IsMacOS() ? 17 : 19));
        var put = service.Client.PutAsync("/segments/crashed", Json(SegmentDocuments.City("crashed")), _ct);
        var waited = Stopwatch.StartNew();
        while (workers.Busy == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, _ct);
        }

        await Task.Delay(100, _ct);
        Assert.Equal(0, Kill(pid, 9));
        var response = await put;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("The compiler failed on this save; nothing was stored", problem.GetProperty("title").GetString());
        Assert.Contains($"Segment 'crashed' was not compiled: the compile worker process {pid} exited (killed by signal 9, SIGKILL) before answering", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous.GetAsync("/health", _ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync("/segments/crashed", _ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await service.Client.PutAsync("/segments/crashed", Json(SegmentDocuments.City("crashed")), _ct)).StatusCode);
        Assert.NotEqual(pid, Assert.Single(workers.ProcessIds));
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; one plain call does not.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
