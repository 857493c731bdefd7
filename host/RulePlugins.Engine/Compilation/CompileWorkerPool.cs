using RulePlugins.Compiler;

namespace RulePlugins.Engine.Compilation;

/// <summary>
/// A compile worker process died while compiling a save, answered garbage, or could not compile the request at all
/// (an unreadable reference, say). Nothing was stored; the next save gets a new worker.
/// </summary>
public sealed class CompileWorkerException(string segmentId, string message) : Exception(message)
{
    /// <summary>The segment whose compilation failed.</summary>
    public string SegmentId { get; } = segmentId;
}

/// <summary>
/// The compile worker processes of <see cref="CompilationIsolation.Process"/>: at most
/// <see cref="CompilationSettings.MaxConcurrency"/> alive, each compiling one request at a time, started on first use
/// (or by <see cref="WarmUp"/>) and reused. A worker found dead when taken is replaced silently; one that dies while
/// compiling fails that compilation with <see cref="CompileWorkerException"/>, and the next compilation starts a new
/// one. Callers block while they wait for the answer (the compile queue's dedicated threads). Thread-safe.
/// </summary>
public sealed class CompileWorkerPool : IDisposable
{
    private readonly CompilationSettings _settings;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _gate = new();
    private readonly Stack<CompileWorker> _idle = new();
    private readonly List<CompileWorker> _alive = [];
    private int _started;
    private int _starved;
    private bool _disposed;

    /// <summary>A pool for <paramref name="settings"/>; no process starts until the first compilation or warm-up.</summary>
    public CompileWorkerPool(CompilationSettings settings)
    {
        settings.Check();
        _settings = settings;
        _slots = new SemaphoreSlim(settings.MaxConcurrency, settings.MaxConcurrency);
        WorkerPath = settings.WorkerPath ?? typeof(PredicateCompiler).Assembly.Location;
    }

    /// <summary>The worker assembly started (<c>rulehost-compiler.dll</c>).</summary>
    public string WorkerPath { get; }

    /// <summary>The process ids of the workers alive now, idle or compiling.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _alive.Where(w => !w.HasExited).Select(w => w.ProcessId)];
            }
        }
    }

    /// <summary>How many worker processes this pool has started in all (restarts included).</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>
    /// How many compilations were taken from a starved worker under the idle policy (no answer within
    /// <see cref="CompilationSettings.StarvationTimeout"/>) and compiled again at nice 10.
    /// </summary>
    public int Starved => Volatile.Read(ref _starved);

    /// <summary>How many workers are compiling now.</summary>
    public int Busy => _settings.MaxConcurrency - _slots.CurrentCount;

    /// <summary>
    /// Compiles <paramref name="request"/> in a worker and returns its answer; throws <see cref="CompileWorkerException"/>
    /// naming <paramref name="segmentId"/> when the worker dies or fails. Waits for a worker when all are compiling.
    /// </summary>
    public CompileResult Compile(CompileRequest request, string segmentId)
    {
        _slots.Wait();
        try
        {
            var worker = Take();
            try
            {
                if (worker.Scheduling != WorkerScheduling.Idle)
                {
                    var answer = worker.Compile(request);
                    Return(worker);
                    return answer;
                }

                if (worker.Compile(request, _settings.StarvationTimeout) is { } result)
                {
                    Return(worker);
                    return result;
                }

                // Starved: something kept every core busy. Taken from this worker and compiled again at nice 10, in a
                // worker of its own (it is not kept: the next save gets a worker under the idle policy again).
                Discard(worker);
                Interlocked.Increment(ref _starved);
                worker = CompileWorker.Start(WorkerPath, WorkerScheduling.Low);
                Interlocked.Increment(ref _started);
                lock (_gate)
                {
                    _alive.Add(worker);
                }

                var retried = worker.Compile(request);
                Discard(worker);
                return retried;
            }
            catch (CompileWorkerFailedException ex)
            {
                // The worker is fine; this request could not be compiled.
                Return(worker);
                throw new CompileWorkerException(segmentId, $"Segment '{segmentId}' was not compiled: the compile worker could not compile it: {ex.Message}. Nothing was stored.");
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or InvalidDataException or ObjectDisposedException)
            {
                var death = Discard(worker);
                throw new CompileWorkerException(
                    segmentId,
                    $"Segment '{segmentId}' was not compiled: the compile worker process {worker.ProcessId} {death} before answering. " +
                    "Nothing was stored; the next save starts a new worker." + worker.ErrorTail());
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Compiles <paramref name="request"/> once in each of <see cref="CompilationSettings.MaxConcurrency"/> workers, at
    /// the same time (starting them if need be), so each has Roslyn JIT-compiled and the references read before a save
    /// needs it. Returns every worker's answer.
    /// </summary>
    public IReadOnlyList<CompileResult> WarmUp(CompileRequest request)
    {
        var results = new CompileResult?[_settings.MaxConcurrency];
        var failures = new Exception?[_settings.MaxConcurrency];
        void WarmOne(int i)
        {
            try
            {
                results[i] = Compile(request, "(warm-up)");
            }
            catch (Exception ex)
            {
                failures[i] = ex;
            }
        }

        var threads = Enumerable.Range(1, _settings.MaxConcurrency - 1).Select(i =>
        {
            var thread = new Thread(() => WarmOne(i)) { IsBackground = true, Name = $"rule-compiler-warm-up-{i + 1}" };
            thread.Start();
            return thread;
        }).ToList();
        WarmOne(0);
        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw failure;
        }

        return [.. results.OfType<CompileResult>()];
    }

    /// <summary>Closes every worker's input (each exits when it has read to the end) and stops the pool.</summary>
    public void Dispose()
    {
        List<CompileWorker> idle;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
            foreach (var worker in idle)
            {
                _alive.Remove(worker);
            }
        }

        // Workers compiling now are stopped when they are returned.
        foreach (var worker in idle)
        {
            worker.Dispose();
        }
    }

    private CompileWorker Take()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_idle.TryPop(out var idle))
            {
                if (!idle.HasExited)
                {
                    return idle;
                }

                // Died while idle (killed, say): no save was on it, so it is replaced without an error.
                _alive.Remove(idle);
                idle.Dispose();
            }
        }

        var worker = CompileWorker.Start(
            WorkerPath,
            !_settings.LowerPriority ? WorkerScheduling.Normal : _settings.IdleWorkers ? WorkerScheduling.Idle : WorkerScheduling.Low);
        Interlocked.Increment(ref _started);
        lock (_gate)
        {
            _alive.Add(worker);
        }

        return worker;
    }

    private void Return(CompileWorker worker)
    {
        lock (_gate)
        {
            // The worker a starved save was retried on served that save only.
            if (!_disposed && (worker.Scheduling == WorkerScheduling.Idle || !_settings.IdleWorkers))
            {
                _idle.Push(worker);
                return;
            }

            _alive.Remove(worker);
        }

        worker.Dispose();
    }

    /// <summary>Forgets a broken worker, makes sure it is gone and says how it ended.</summary>
    private string Discard(CompileWorker worker)
    {
        lock (_gate)
        {
            _alive.Remove(worker);
        }

        var death = worker.Kill();
        worker.Dispose();
        return death;
    }
}
