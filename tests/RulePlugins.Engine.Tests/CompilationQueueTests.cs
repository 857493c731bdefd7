using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// Saves compile on a bounded queue of dedicated threads, within a cost budget checked before Roslyn runs. A compile
/// slot is held deliberately (a work item that waits on a gate) to make the queue full or slow without timing.
/// </summary>
public sealed class CompilationQueueTests : IDisposable
{
    private readonly TestDatabase _db = new();
    private readonly List<RuleEngine> _engines = [];
    private readonly List<ManualResetEventSlim> _gates = [];

    public static TheoryData<CompilationIsolation> Isolations => [CompilationIsolation.Thread, CompilationIsolation.Process];

    private RuleEngine Engine(CompilationSettings settings)
    {
        var engine = new RuleEngine(PluginCatalog.FromInstances(new ProfileFieldsPlugin()), _db.Database, new EngineOptions { Compilation = settings }, _db.Clock);
        engine.Initialize();
        _engines.Add(engine);
        return engine;
    }

    private static string Cities(string id, int conditions) => Documents.Json(id, new
    {
        op = "or",
        items = Enumerable.Range(0, conditions).Select(i => new { type = "profile.city", @params = new { @operator = "equals", value = $"City {i}" } }).ToArray(),
    });

    /// <summary>Takes a compile slot until the returned gate is set; returns once the work item is running.</summary>
    private (ManualResetEventSlim Gate, Task<bool> Work) HoldSlot(RuleEngine engine)
    {
        var gate = new ManualResetEventSlim();
        _gates.Add(gate);
        using var started = new ManualResetEventSlim();
        var work = engine.Compilation.RunAsync(() =>
        {
            started.Set();
            return gate.Wait(TimeSpan.FromMinutes(1));
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the held slot never started");
        return (gate, work);
    }

    [Fact]
    public async Task SaveAsync_MoreConditionsThanBudget_RefusedBeforeBindingSoConditionErrorsAreNotEvenLooked()
    {
        var engine = Engine(new CompilationSettings { MaxConditions = 3 });
        // Four conditions of a type no plugin offers: binding would report each; the budget refuses first.
        var unknown = Cities("wide", 4).Replace("profile.city", "no.such_type", StringComparison.Ordinal);

        var exception = await Assert.ThrowsAsync<SegmentValidationException>(() => engine.SaveAsync(unknown, TestContext.Current.CancellationToken));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("rules", error.Path);
        Assert.Contains("the segment has 4 conditions", error.Message);
        Assert.Null(engine.Find("wide"));
    }

    [Fact]
    public void Save_MoreConditionsThanBudget_RefusedAtRulesNamingCostAndSettingNothingStored()
    {
        var engine = Engine(new CompilationSettings { MaxConditions = 3 });

        var exception = Assert.Throws<SegmentValidationException>(() => engine.Save(Cities("wide", 4)));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("rules", error.Path);
        Assert.Contains("the segment has 4 conditions (its source was not generated: the conditions alone exceed the budget)", error.Message);
        Assert.Contains("at most 3 conditions and 400,000 characters of source, so it exceeds the condition limit", error.Message);
        Assert.Contains("RuleHost:Compilation:MaxConditions", error.Message);
        Assert.Null(engine.Store.Find("wide"));
        Assert.Equal(0, engine.Compilation.Pending);
    }

    [Theory]
    [MemberData(nameof(Isolations))]
    public void Save_SourceLongerThanBudget_RefusedBeforeCompilingEvenWhileTheCompilerIsHeld(CompilationIsolation isolation)
    {
        var engine = Engine(new CompilationSettings { MaxConcurrency = 1, MaxQueueLength = 0, MaxSourceCharacters = 1_000, Isolation = isolation });
        var length = engine.Generate(Cities("long", 2)).Text.Length;
        var (gate, _) = HoldSlot(engine);

        // The only slot is taken and nothing may wait: a refusal that is not "busy" was decided before the queue.
        var exception = Assert.Throws<SegmentValidationException>(() => engine.Save(Cities("long", 2)));
        gate.Set();

        var error = Assert.Single(exception.Errors);
        Assert.Equal("rules", error.Path);
        Assert.Contains($"its generated source is {length:N0} characters", error.Message);
        Assert.Contains("at most 200 conditions and 1,000 characters of source, so it exceeds the source size limit", error.Message);
        Assert.Contains("RuleHost:Compilation:MaxSourceCharacters", error.Message);
        Assert.Null(engine.Store.Find("long"));
    }

    [Theory]
    [MemberData(nameof(Isolations))]
    public async Task SaveAsync_QueueFull_RefusedBusyAtOnceAndNothingStored(CompilationIsolation isolation)
    {
        var engine = Engine(new CompilationSettings { MaxConcurrency = 1, MaxQueueLength = 1, QueueTimeout = TimeSpan.FromMinutes(1), Isolation = isolation });
        var (gate, held) = HoldSlot(engine);
        var queued = engine.SaveAsync(Documents.Single("queued", "profile.city", new { @operator = "equals", value = "Kazan" }), TestContext.Current.CancellationToken);

        // Validated and generated on the preparation threads first: wait until it waits for the compile slot.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (engine.Compilation.Pending < 2 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, engine.Compilation.Pending);

        var busy = await Assert.ThrowsAsync<CompilationBusyException>(
            () => engine.SaveAsync(Documents.Single("beyond", "profile.city", new { @operator = "equals", value = "Omsk" }), TestContext.Current.CancellationToken));

        Assert.Contains("the queue holds at most 2 (1 compiling, 1 waiting)", busy.Message);
        Assert.Contains("Nothing was stored", busy.Message);
        Assert.True(busy.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.Null(engine.Store.Find("beyond"));

        // The save that was queued goes through once the slot is free.
        gate.Set();
        Assert.True(await held);
        var saved = await queued;
        Assert.Equal(1, saved.Version);
        Assert.True(saved.QueueTime > TimeSpan.Zero);
        Assert.NotNull(engine.Store.Find("queued"));
        Assert.Null(engine.Store.Find("beyond"));
        Assert.Equal(isolation == CompilationIsolation.Process ? 1 : 0, engine.CompileWorkers?.Started ?? 0);
    }

    [Theory]
    [MemberData(nameof(Isolations))]
    public async Task SaveAsync_NoSlotWithinTimeout_RefusedBusyAndNothingStored(CompilationIsolation isolation)
    {
        var engine = Engine(new CompilationSettings { MaxConcurrency = 1, MaxQueueLength = 4, QueueTimeout = TimeSpan.FromMilliseconds(200), Isolation = isolation });
        var (gate, _) = HoldSlot(engine);

        var busy = await Assert.ThrowsAsync<CompilationBusyException>(
            () => engine.SaveAsync(Documents.Single("waited", "profile.city", new { @operator = "equals", value = "Perm" }), TestContext.Current.CancellationToken));

        // Only the held item is still counted: the refused save left the queue.
        Assert.Equal(1, engine.Compilation.Pending);
        gate.Set();
        Assert.Contains("waited 0.2 s for a compilation slot", busy.Message);
        Assert.Null(engine.Store.Find("waited"));

        // The refused save never reached a worker; the next one compiles.
        Assert.Equal(0, engine.CompileWorkers?.Started ?? 0);
        Assert.True((await engine.SaveAsync(Documents.Single("waited", "profile.city", new { @operator = "equals", value = "Perm" }), TestContext.Current.CancellationToken)).Created);
    }

    [Fact]
    public async Task RunAsync_Work_RunsOnADedicatedBackgroundThreadNotThePool()
    {
        var engine = Engine(new CompilationSettings { MaxConcurrency = 2 });

        var thread = await engine.Compilation.RunAsync(() => Thread.CurrentThread, TestContext.Current.CancellationToken);

        Assert.False(thread.IsThreadPoolThread);
        Assert.True(thread.IsBackground);
        Assert.StartsWith("rule-compiler-", thread.Name);
        Assert.Equal(ThreadPriority.BelowNormal, thread.Priority);
    }

    [Theory]
    [MemberData(nameof(Isolations))]
    public async Task PreWarmAsync_CalledTwice_CompilesOnceAndTheFirstSaveStillCompiles(CompilationIsolation isolation)
    {
        var engine = Engine(new CompilationSettings { Isolation = isolation });
        Assert.Null(engine.WarmUp);

        var first = engine.PreWarmAsync();
        var second = engine.PreWarmAsync();
        var took = await first;

        Assert.Same(first, second);
        Assert.Same(first, engine.WarmUp);
        Assert.True(took > TimeSpan.Zero);
        var saved = engine.Save(Documents.Single("after-warm-up", "profile.city", new { @operator = "equals", value = "Moscow" }));
        Assert.True(saved.Created);
        Assert.True(saved.CompileTime > TimeSpan.Zero);
        Assert.Equal(isolation == CompilationIsolation.Process ? CompilationSettings.DefaultConcurrency : 0, engine.CompileWorkers?.Started ?? 0);
    }

    [Fact]
    public void Settings_OutOfRange_NameTheSetting()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new CompilationQueue(new CompilationSettings { MaxConcurrency = 0 }));

        Assert.Equal(nameof(CompilationSettings.MaxConcurrency), exception.ParamName);
        var isolation = Assert.Throws<ArgumentOutOfRangeException>(() => new CompilationQueue(new CompilationSettings { Isolation = (CompilationIsolation)7 }));
        Assert.Equal(nameof(CompilationSettings.Isolation), isolation.ParamName);
        Assert.Contains("allowed values: Thread, Process", isolation.Message);
    }

    public void Dispose()
    {
        foreach (var gate in _gates)
        {
            gate.Set();
        }

        foreach (var engine in _engines)
        {
            engine.Dispose();
        }

        _db.Dispose();
    }
}
