using System.Diagnostics;
using System.Runtime.InteropServices;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Plugins;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// Compilation in worker processes (<see cref="CompilationIsolation.Process"/>): the same bytes and the same errors as
/// on the compile threads, workers reused, started again when one dies (the save that was on it fails, the next one
/// succeeds), warmed by the pre-warm, below normal priority, gone when the engine is disposed.
/// </summary>
public sealed class CompileWorkerTests : IDisposable
{
    private readonly TestDatabase _threadDb = new(new ProfileFieldsPlugin(), new TestConditionsPlugin());
    private readonly TestDatabase _processDb = new(new ProfileFieldsPlugin(), new TestConditionsPlugin());
    private readonly List<RuleEngine> _engines = [];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private RuleEngine Engine(TestDatabase db, CompilationIsolation isolation, CompilationSettings? settings = null)
    {
        var options = new EngineOptions { Compilation = (settings ?? new CompilationSettings()) with { Isolation = isolation } };
        var engine = new RuleEngine(PluginCatalog.FromInstances(db.Plugins), db.Database, options, db.Clock);
        engine.Initialize();
        _engines.Add(engine);
        return engine;
    }

    private static string City(string id, string city) => Documents.Single(id, "profile.city", new { @operator = "equals", value = city });

    private IEnumerable<string> Documents_()
    {
        var engine = _threadDb.Engine;
        return engine.ExampleSegments().Append(Documents.Json("mixed", new
        {
            op = "or",
            items = new object[]
            {
                new { type = "test.always" },
                new { op = "and", items = new object[] { new { type = "profile.age", @params = new { @operator = "in_range", min = 18, max = 30 } }, new { type = "test.never" } } },
                new { type = "profile.email", @params = new { @operator = "contains", value = "\"quoted\" \\ \u2028 text" } },
            },
        }));
    }

    [Fact]
    public void Save_ProcessIsolation_StoresTheSameAssemblyBytesAsThreadIsolation()
    {
        var inThread = Engine(_threadDb, CompilationIsolation.Thread);
        var inWorker = Engine(_processDb, CompilationIsolation.Process);
        var documents = Documents_().ToList();

        foreach (var document in documents)
        {
            var id = inThread.Save(document).Id;
            Assert.Equal(id, inWorker.Save(document).Id);

            var expected = inThread.Store.GetVersion(id)!.Assembly;
            var actual = inWorker.Store.GetVersion(id)!.Assembly;
            Assert.NotEmpty(expected);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"segment {id}: the worker's assembly ({actual.Length} bytes) differs from the thread's ({expected.Length} bytes)");
        }

        // Compiled in one worker process, reused for every save, and not this process.
        Assert.Null(inThread.CompileWorkers);
        var workers = inWorker.CompileWorkers!;
        Assert.Equal(1, workers.Started);
        Assert.NotEqual(Environment.ProcessId, Assert.Single(workers.ProcessIds));
        Assert.True(documents.Count >= 4);
    }

    [Fact]
    public void Save_CompileErrorInWorker_ReportsTheSameTreePathsAsInThreadAndStoresNothing()
    {
        var inThread = Engine(_threadDb, CompilationIsolation.Thread);
        var inWorker = Engine(_processDb, CompilationIsolation.Process);
        var broken = Documents.Json("broken", new
        {
            op = "and",
            items = new object[] { new { type = "test.always" }, new { op = "or", items = new object[] { new { type = "test.never" }, new { type = "test.broken_emitter" } } } },
        });
        var undeclared = Documents.Json("undeclared-column", new
        {
            op = "and",
            items = new object[] { new { type = "profile.city", @params = new { @operator = "is_not_empty" } }, new { type = "test.undeclared_column" } },
        });

        foreach (var (document, path, id) in new[] { (broken, "rules.items[1].items[1]", "CS0103"), (undeclared, "rules.items[1]", CompileError.UndeclaredColumnId) })
        {
            var expected = Assert.Throws<SegmentCompilationException>(() => inThread.Save(document)).Errors;
            var actual = Assert.Throws<SegmentCompilationException>(() => inWorker.Save(document)).Errors;

            var error = Assert.Single(actual);
            Assert.Equal((path, id), (error.Path, error.Id));
            Assert.Equal(expected, actual);
        }

        Assert.Empty(inWorker.Segments());
    }

    [Fact]
    public async Task SaveAsync_WorkerKilledWhileCompiling_FailsThatSaveClearlyAndTheNextSaveGetsANewWorker()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "stops the worker with SIGSTOP, which only Unix has");
        var engine = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1 });
        engine.Save(City("first", "Moscow"));
        var workers = engine.CompileWorkers!;
        var pid = Assert.Single(workers.ProcessIds);

        // Stopped, the worker cannot answer: the save below is on it for certain when it is killed.
        Assert.Equal(0, Signals.Send(pid, Signals.Stop));
        var save = engine.SaveAsync(City("second", "Kazan"), _ct);
        var waited = Stopwatch.StartNew();
        while (workers.Busy == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, _ct);
        }

        Assert.Equal(1, workers.Busy);
        await Task.Delay(100, _ct);
        Assert.Equal(0, Signals.Send(pid, Signals.Kill));

        var failure = await Assert.ThrowsAsync<CompileWorkerException>(() => save);

        Assert.Equal("second", failure.SegmentId);
        Assert.Contains($"Segment 'second' was not compiled: the compile worker process {pid} exited (killed by signal 9, SIGKILL) before answering", failure.Message);
        Assert.Contains("Nothing was stored; the next save starts a new worker", failure.Message);
        Assert.Null(engine.Store.Find("second"));
        Assert.Equal(0, engine.Compilation.Pending);

        var next = await engine.SaveAsync(City("third", "Omsk"), _ct);
        Assert.True(next.Created);
        Assert.Equal(2, workers.Started);
        Assert.NotEqual(pid, Assert.Single(workers.ProcessIds));
        Assert.NotNull(engine.GetCompiled("first"));
        Assert.NotNull(engine.GetCompiled("third"));
    }

    [Fact]
    public async Task SaveAsync_IdleWorkerStarved_CompiledAgainAtNice10AndTheNextSaveGetsAnIdleWorker()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "starves the worker with SIGSTOP, which only Unix has");
        var engine = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1, IdleWorkers = true, StarvationTimeout = TimeSpan.FromSeconds(2) });
        var workers = engine.CompileWorkers!;
        // Until an idle worker is kept: on a busy machine a compile may itself be starved, and then retried at nice 10.
        for (var i = 0; i < 10 && workers.ProcessIds.Count == 0; i++)
        {
            engine.Save(City($"warm-{i}", "Moscow"));
        }

        if (workers.ProcessIds.Count == 0)
        {
            // Every save was starved (the machine is that busy) and each was still saved, compiled again at nice 10.
            Assert.Equal(10, workers.Starved);
            Assert.Equal(10, engine.Segments().Count);
            return;
        }

        var starvedPid = Assert.Single(workers.ProcessIds);
        var starvedBefore = workers.Starved;

        // A stopped worker answers nothing, like one serving never lets run.
        Assert.Equal(0, Signals.Send(starvedPid, Signals.Stop));
        var saved = await engine.SaveAsync(City("second", "Kazan"), _ct);
        var next = await engine.SaveAsync(City("third", "Omsk"), _ct);

        Assert.True(saved.Created);
        Assert.True(next.Created);
        Assert.True(workers.Starved > starvedBefore, "the stopped worker's save was not retried");
        Assert.False(workers.ProcessIds.Contains(starvedPid), "the starved worker is still kept");
        Assert.False(Directory.Exists($"/proc/{starvedPid}"), "the starved worker still runs");
        if (workers.ProcessIds.Count == 1)
        {
            // The next save's worker is under the idle policy again (unless it too was starved and retried).
            Assert.All(Directory.GetDirectories($"/proc/{workers.ProcessIds[0]}/task"), task => Assert.Equal(SchedIdle, Policy(task)));
        }

        Assert.NotNull(engine.GetCompiled("second"));
    }

    [Fact]
    public void Save_WorkerKilledWhileIdle_IsReplacedWithoutAnError()
    {
        var engine = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1 });
        engine.Save(City("first", "Moscow"));
        var pid = Assert.Single(engine.CompileWorkers!.ProcessIds);
        using (var worker = Process.GetProcessById(pid))
        {
            worker.Kill();
            Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)));
        }

        var saved = engine.Save(City("second", "Kazan"));

        Assert.True(saved.Created);
        Assert.Equal(2, engine.CompileWorkers.Started);
        Assert.NotEqual(pid, Assert.Single(engine.CompileWorkers.ProcessIds));
    }

    [Fact]
    public async Task PreWarmAsync_ProcessIsolation_StartsAndWarmsEveryWorkerWhichSavesThenReuse()
    {
        var engine = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 2 });
        Assert.Empty(engine.CompileWorkers!.ProcessIds);

        var took = await engine.PreWarmAsync();

        Assert.True(took > TimeSpan.Zero);
        Assert.Equal(2, engine.CompileWorkers.ProcessIds.Count);
        await Task.WhenAll(engine.SaveAsync(City("a", "Moscow"), _ct), engine.SaveAsync(City("b", "Kazan"), _ct), engine.SaveAsync(City("c", "Omsk"), _ct));
        Assert.Equal(2, engine.CompileWorkers.Started);
    }

    [Fact]
    public void Save_ProcessIsolationLowerPriority_WorkerRunsAtNiceTen()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads the nice value and the scheduling policy from /proc");
        var lowered = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1 });
        var normal = Engine(_threadDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1, LowerPriority = false });
        lowered.Save(City("first", "Moscow"));
        normal.Save(City("first", "Moscow"));

        var loweredPid = Assert.Single(lowered.CompileWorkers!.ProcessIds);
        var normalPid = Assert.Single(normal.CompileWorkers!.ProcessIds);
        Assert.All(Directory.GetDirectories($"/proc/{loweredPid}/task"), task => Assert.Equal((SchedOther, 10), (Policy(task), Nice(task))));
        Assert.All(Directory.GetDirectories($"/proc/{normalPid}/task"), task => Assert.Equal((SchedOther, 0), (Policy(task), Nice(task))));
    }

    [Fact]
    public void Save_IdleWorkers_WorkerThreadsRunUnderTheIdlePolicy()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads the scheduling policy from /proc");
        // A long starvation timeout: a busy machine must not make the worker's save be retried elsewhere.
        var idle = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1, IdleWorkers = true, StarvationTimeout = TimeSpan.FromMinutes(2) });
        var workers = idle.CompileWorkers!;
        // Until an idle worker is kept: on a busy machine a cold first compile may be starved, and then retried at nice 10.
        for (var i = 0; i < 5 && workers.ProcessIds.Count == 0; i++)
        {
            idle.Save(City($"first-{i}", "Moscow"));
        }

        Assert.All(Directory.GetDirectories($"/proc/{Assert.Single(workers.ProcessIds)}/task"), task => Assert.Equal(SchedIdle, Policy(task)));
    }

    [Fact]
    public async Task Queues_ProcessIsolation_CompileAndPreparationThreadsAtNormalPriorityOnlyTheWorkerLowered()
    {
        var inWorker = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1 });
        var inThread = Engine(_threadDb, CompilationIsolation.Thread, new CompilationSettings { MaxConcurrency = 1 });

        var waiting = await inWorker.Compilation.RunAsync(() => Thread.CurrentThread.Priority, _ct);
        var preparing = await inWorker.Preparation.RunAsync(() => Thread.CurrentThread.Priority, _ct);
        var compiling = await inThread.Compilation.RunAsync(() => Thread.CurrentThread.Priority, _ct);

        Assert.Equal((ThreadPriority.Normal, ThreadPriority.Normal, ThreadPriority.BelowNormal), (waiting, preparing, compiling));
        Assert.False(inThread.Preparation.LowerPriority);
    }

    [Fact]
    public void Dispose_ProcessIsolation_WorkersExit()
    {
        var engine = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { MaxConcurrency = 1 });
        engine.Save(City("first", "Moscow"));
        using var worker = Process.GetProcessById(Assert.Single(engine.CompileWorkers!.ProcessIds));

        engine.Dispose();

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)), "the worker still runs after the engine was disposed");
    }

    [Fact]
    public void Save_WorkerMissing_FailsNamingThePathAndStoresNothing()
    {
        var missing = Path.Combine(_processDb.Directory, "no-such-worker.dll");
        var engine = Engine(_processDb, CompilationIsolation.Process, new CompilationSettings { WorkerPath = missing });

        var exception = Assert.Throws<FileNotFoundException>(() => engine.Save(City("first", "Moscow")));

        Assert.Contains(missing, exception.Message);
        Assert.Null(engine.Store.Find("first"));
    }

    private const int SchedOther = 0;
    private const int SchedIdle = 5;

    /// <summary>The nice value of a process or thread: field 19 of its stat file.</summary>
    private static int Nice(string procFolder) => StatField(procFolder, 19);

    /// <summary>The scheduling policy of a thread (0 normal, 5 idle): field 41 of its stat file.</summary>
    private static int Policy(string procFolder) => StatField(procFolder, 41);

    /// <summary>Field <paramref name="number"/> (1-based, as proc(5) counts) of a stat file; the command in parentheses is field 2.</summary>
    private static int StatField(string procFolder, int number)
    {
        var stat = File.ReadAllText(Path.Combine(procFolder, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[number - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var engine in _engines)
        {
            engine.Dispose();
        }

        _threadDb.Dispose();
        _processDb.Dispose();
    }

    private static class Signals
    {
        public const int Kill = 9;
        public static readonly int Stop = OperatingSystem.IsMacOS() ? 17 : 19;

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; one plain call does not.
        [DllImport("libc", EntryPoint = "kill")]
        public static extern int Send(int pid, int signal);
#pragma warning restore SYSLIB1054
    }
}
