using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RulePlugins.Engine.Compilation;

/// <summary>
/// The bounded queue saves compile on. <see cref="CompilationSettings.MaxConcurrency"/> dedicated background threads
/// (started on first use, below normal priority) take work in arrival order, so a burst of saves neither takes the
/// thread pool that serves requests nor more cores than allowed. At most
/// <see cref="CompilationSettings.MaxQueueLength"/> items wait; one more is refused at once, and one that waits
/// longer than <see cref="CompilationSettings.QueueTimeout"/> is refused then, both with
/// <see cref="CompilationBusyException"/>. Thread-safe.
/// </summary>
internal sealed class CompilationQueue : IDisposable
{
    private readonly CompilationSettings _settings;
    private readonly string _threadName;
    private readonly string _slot;
    private readonly bool _lowerPriority;
    private readonly object _gate = new();
    private readonly Queue<WorkItem> _queue = new();
    private readonly List<Thread> _threads = [];
    private int _pending;
    private int _running;
    private long _averageTicks = TimeSpan.FromSeconds(1).Ticks;
    private bool _disposed;

    /// <summary>Creates a queue with <paramref name="settings"/>; no thread starts until the first item.</summary>
    public CompilationQueue(CompilationSettings settings)
        : this(settings, "rule-compiler", "compilation slot", settings.LowerPriority)
    {
    }

    /// <summary>
    /// A queue whose threads are named <paramref name="threadName"/>-N, run below normal priority when
    /// <paramref name="lowerPriority"/>, and whose busy messages speak of a <paramref name="slot"/>.
    /// </summary>
    internal CompilationQueue(CompilationSettings settings, string threadName, string slot, bool lowerPriority)
    {
        settings.Check();
        _settings = settings;
        _threadName = threadName;
        _slot = slot;
        _lowerPriority = lowerPriority;
    }

    /// <summary>Whether the threads run below normal priority.</summary>
    public bool LowerPriority => _lowerPriority;

    /// <summary>The settings in force.</summary>
    public CompilationSettings Settings => _settings;

    /// <summary>Items compiling now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Items compiling or waiting.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Runs <paramref name="work"/> on a compile thread and returns its result; throws
    /// <see cref="CompilationBusyException"/> when the queue is full or the wait for a slot exceeds the timeout, and
    /// whatever <paramref name="work"/> throws. Cancelling <paramref name="cancellationToken"/> withdraws an item that
    /// has not started; one that has started runs to its end.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WorkItem<T>(this, work);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var capacity = _settings.MaxConcurrency + _settings.MaxQueueLength;
            if (_pending >= capacity)
            {
                throw new CompilationBusyException(
                    $"The compiler is busy: {_pending} saves are compiling or waiting, and the queue holds at most {capacity} " +
                    $"({_settings.MaxConcurrency} compiling, {_settings.MaxQueueLength} waiting). Nothing was stored; retry later.",
                    RetryAfter(_pending));
            }

            _pending++;
            _queue.Enqueue(item);

            // Armed before a worker can take it (they need the lock), so a started item is never armed afterwards.
            item.Arm(_settings.QueueTimeout, cancellationToken);
            StartThreads();
            Monitor.Pulse(_gate);
        }

        return item.Task;
    }

    /// <summary>Runs <paramref name="work"/> on a compile thread and waits for it (see <see cref="RunAsync{T}"/>).</summary>
    public T Run<T>(Func<T> work) => RunAsync(work).GetAwaiter().GetResult();

    /// <summary>Stops the threads once the work already started is done; items still waiting fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        List<WorkItem> abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _queue];
            _queue.Clear();
            Monitor.PulseAll(_gate);
        }

        foreach (var item in abandoned)
        {
            item.Abandon(new ObjectDisposedException(nameof(CompilationQueue), "The engine was disposed before this save compiled; nothing was stored."));
        }
    }

    /// <summary>A time after which a slot is likely free: the average compile time for each item ahead, at least one second.</summary>
    private TimeSpan RetryAfter(int ahead)
    {
        var perSlot = TimeSpan.FromTicks(Interlocked.Read(ref _averageTicks)) * Math.Max(1, ahead) / _settings.MaxConcurrency;
        return TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(perSlot.TotalSeconds), 1, 120));
    }

    private void StartThreads()
    {
        while (_threads.Count < _settings.MaxConcurrency)
        {
            var thread = new Thread(Work)
            {
                IsBackground = true,
                Name = $"{_threadName}-{_threads.Count + 1}",
            };
            if (_lowerPriority)
            {
                thread.Priority = ThreadPriority.BelowNormal;
            }

            _threads.Add(thread);
            thread.Start();
        }
    }

    private void Work()
    {
        if (_lowerPriority)
        {
            ThreadNice.Lower();
        }

        while (true)
        {
            WorkItem item;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_disposed)
                {
                    Monitor.Wait(_gate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                item = _queue.Dequeue();
            }

            if (!item.TryStart())
            {
                // Withdrawn (timed out or cancelled) while waiting; it was counted out then.
                continue;
            }

            Interlocked.Increment(ref _running);
            var start = Stopwatch.GetTimestamp();
            var counted = false;
            void CountOut()
            {
                if (!counted)
                {
                    counted = true;
                    var ticks = Stopwatch.GetElapsedTime(start).Ticks;
                    Interlocked.Exchange(ref _averageTicks, (Interlocked.Read(ref _averageTicks) * 3 + ticks) / 4);
                    Interlocked.Decrement(ref _running);
                    Interlocked.Decrement(ref _pending);
                }
            }

            try
            {
                // Counted out before the caller sees the result, so a caller that awaited it finds the slot free.
                item.Execute(CountOut);
            }
            finally
            {
                CountOut();
            }
        }
    }

    private void Withdrawn() => Interlocked.Decrement(ref _pending);

    private abstract class WorkItem
    {
        private const int Queued = 0;
        private const int Started = 1;
        private const int Gone = 2;
        private int _state;

        public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

        /// <summary>Withdraws the item if it has not started; true when this call withdrew it.</summary>
        public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Gone, Queued) == Queued;

        public abstract void Execute(Action finished);

        public abstract void Abandon(Exception exception);
    }

    private sealed class WorkItem<T>(CompilationQueue owner, Func<T> work) : WorkItem
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenSource? _timeout;
        private CancellationTokenRegistration _cancellation;

        public Task<T> Task => _completion.Task;

        public void Arm(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var waited = timeout;
            _timeout = new CancellationTokenSource(timeout);
            _timeout.Token.Register(() =>
            {
                if (TryWithdraw())
                {
                    owner.Withdrawn();
                    _completion.TrySetException(new CompilationBusyException(
                        $"The compiler is busy: this save waited {waited.TotalSeconds:0.#} s for a {owner._slot} " +
                        $"({owner._settings.MaxConcurrency} compiling at a time). Nothing was stored; retry later.",
                        owner.RetryAfter(owner.Pending)));
                }
            });
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.Register(() =>
                {
                    if (TryWithdraw())
                    {
                        owner.Withdrawn();
                        _completion.TrySetCanceled(cancellationToken);
                    }
                });
            }
        }

        public override void Execute(Action finished)
        {
            Disarm();
            T result;
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                finished();
                _completion.TrySetException(ex);
                return;
            }

            finished();
            _completion.TrySetResult(result);
        }

        public override void Abandon(Exception exception)
        {
            if (TryWithdraw())
            {
                Disarm();
                owner.Withdrawn();
                _completion.TrySetException(exception);
            }
        }

        private void Disarm()
        {
            _timeout?.Dispose();
            _cancellation.Dispose();
        }
    }

    /// <summary>Lowers the calling thread's scheduling priority where the OS ignores <see cref="Thread.Priority"/> (Linux).</summary>
    private static class ThreadNice
    {
        private const int PrioProcess = 0;
        private const int Nice = 10;

        public static void Lower()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            try
            {
                // On Linux each thread is a task with its own nice value: this lowers only the compile thread.
                _ = SetPriority(PrioProcess, GetTid(), Nice);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // A libc without gettid: the thread keeps normal priority.
            }
        }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; two plain calls do not.
        [DllImport("libc", EntryPoint = "gettid")]
        private static extern int GetTid();

        [DllImport("libc", EntryPoint = "setpriority")]
        private static extern int SetPriority(int which, int who, int priority);
#pragma warning restore SYSLIB1054
    }
}
