namespace RulePlugins.Engine.Compilation;

/// <summary>
/// How saves compile: on a bounded queue served by dedicated lower-priority threads (never the thread pool that
/// serves requests), within a cost budget checked before Roslyn runs; Roslyn itself runs on those threads or, with
/// <see cref="CompilationIsolation.Process"/>, in compile worker processes the threads hand the work to.
/// </summary>
public sealed record CompilationSettings
{
    /// <summary>The default <see cref="MaxConcurrency"/>: half the cores, at least one.</summary>
    public static int DefaultConcurrency => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How many Roslyn compilations run at once, each on its own dedicated thread.</summary>
    public int MaxConcurrency { get; init; } = DefaultConcurrency;

    /// <summary>
    /// How many saves may wait for a compilation slot beyond those compiling; a save beyond that is refused at once
    /// with <see cref="CompilationBusyException"/>.
    /// </summary>
    public int MaxQueueLength { get; init; } = 16;

    /// <summary>How long a queued save waits for a slot before it is refused with <see cref="CompilationBusyException"/>.</summary>
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most conditions a saved segment may have for its predicate to be compiled. Checked before Roslyn runs;
    /// a segment over it is refused with an error at <c>rules</c>.
    /// </summary>
    public int MaxConditions { get; init; } = 200;

    /// <summary>
    /// The longest generated source, in characters, that is compiled. Checked before Roslyn runs; a segment over it
    /// is refused with an error at <c>rules</c>.
    /// </summary>
    public int MaxSourceCharacters { get; init; } = 400_000;

    /// <summary>
    /// Whether Roslyn runs below normal priority, so request threads win the cores while a save compiles: the compile
    /// threads (on Linux a nice value of 10 for those threads, elsewhere <see cref="ThreadPriority.BelowNormal"/>) with
    /// <see cref="CompilationIsolation.Thread"/>; the worker processes with <see cref="CompilationIsolation.Process"/>
    /// (nice 10, below normal priority class; or the idle policy, see <see cref="IdleWorkers"/>), whose compile threads
    /// then only wait at normal priority.
    /// </summary>
    public bool LowerPriority { get; init; } = true;

    /// <summary>
    /// With <see cref="LowerPriority"/> and <see cref="CompilationIsolation.Process"/>: the workers run under the idle
    /// scheduling policy instead of nice 10 (Linux SCHED_IDLE, nice 19 where it is refused; the idle priority class on
    /// Windows), so a worker compiles only on cores nothing else wants and never delays a request. A save then waits
    /// for spare cores, at most <see cref="StarvationTimeout"/>. The service's default; off for the embedded engine, whose
    /// machine may be kept busy by other work.
    /// </summary>
    public bool IdleWorkers { get; init; }

    /// <summary>
    /// With <see cref="IdleWorkers"/>: how long a worker under the idle policy may go without answering before the save
    /// is taken from it (it is starved: something has kept every core busy) and compiled again in a fresh worker at nice
    /// 10, which gets a share of the cores however busy they are. A save therefore never waits for idle cores longer than
    /// this.
    /// </summary>
    public TimeSpan StarvationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where Roslyn runs: on the compile threads (<see cref="CompilationIsolation.Thread"/>, the default here) or in
    /// <see cref="MaxConcurrency"/> compile worker processes (<see cref="CompilationIsolation.Process"/>, the service's
    /// default), started on first use or by the pre-warm and started again when one dies. The queue, the timeout and the
    /// budget are the same either way, and so are the compiled bytes.
    /// </summary>
    public CompilationIsolation Isolation { get; init; } = CompilationIsolation.Thread;

    /// <summary>
    /// The compile worker (<c>rulehost-compiler.dll</c>) started with <see cref="CompilationIsolation.Process"/>; by
    /// default the one beside the engine, which every host that references the engine gets.
    /// </summary>
    public string? WorkerPath { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Check()
    {
        if (!Enum.IsDefined(Isolation))
        {
            throw new ArgumentOutOfRangeException(nameof(Isolation), Isolation, "allowed values: Thread, Process");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxQueueLength, nameof(MaxQueueLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueTimeout, TimeSpan.Zero, nameof(QueueTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(StarvationTimeout, TimeSpan.Zero, nameof(StarvationTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConditions, 1, nameof(MaxConditions));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSourceCharacters, 1, nameof(MaxSourceCharacters));
    }
}

/// <summary>
/// Every compilation slot is taken and the queue is full, or a queued save waited longer than
/// <see cref="CompilationSettings.QueueTimeout"/>. Nothing was stored; retry after <see cref="RetryAfter"/>.
/// </summary>
public sealed class CompilationBusyException(string message, TimeSpan retryAfter) : Exception(message)
{
    /// <summary>A reasonable time to wait before retrying.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
