namespace RulePlugins.Service;

/// <summary>
/// Settings of the host service, bound from the <c>RuleHost</c> configuration section (environment variables such
/// as <c>RuleHost__ApiKey</c>, or command-line arguments such as <c>--RuleHost:Database:Path=data/x.db</c>).
/// </summary>
public sealed class ServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RuleHost";

    /// <summary>Where segments, profiles and memberships live.</summary>
    public DatabaseSettings Database { get; set; } = new();

    /// <summary>The folder with one sub-folder per plugin; by default <c>plugins</c> beside the executable.</summary>
    public string? PluginDirectory { get; set; }

    /// <summary>
    /// More plugin folders, loaded after <see cref="PluginDirectory"/> (or its default): each holds one sub-folder per
    /// plugin, or is itself one plugin's folder, such as a <c>dotnet publish</c> output. In configuration an array:
    /// <c>--RuleHost:PluginDirectories:0=/opt/acme</c>, or <c>RuleHost__PluginDirectories__0</c>.
    /// </summary>
    public List<string> PluginDirectories { get; } = [];

    /// <summary>
    /// The key every <c>POST</c>, <c>PUT</c> and <c>DELETE</c> must carry in the <c>X-Api-Key</c> header (and every read
    /// unless <see cref="OpenReads"/>). Required: the service does not start without one.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>When true, <c>GET</c> endpoints answer without a key. Health endpoints are always open.</summary>
    public bool OpenReads { get; set; }

    /// <summary>The largest request body accepted on any endpoint, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest order document accepted by the evaluation endpoint, in bytes.</summary>
    public int MaxOrderBytes { get; set; } = 64 * 1024;

    /// <summary>Profiles per batch during recalculation.</summary>
    public int BatchSize { get; set; } = 10_000;

    /// <summary>
    /// How long a run's lease lasts without renewal (renewed every third of it). When a host dies, its runs are
    /// reclaimed by another host, or by this one restarting, once their lease has expired.
    /// </summary>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>When dynamic segments are recalculated on their own.</summary>
    public SchedulingSettings Scheduling { get; set; } = new();

    /// <summary>What readiness reports.</summary>
    public HealthSettings Health { get; set; } = new();

    /// <summary>How saves compile: the queue, the budget, the pre-warm at start.</summary>
    public CompilationServiceSettings Compilation { get; set; } = new();
}

/// <summary>
/// The compilation settings of the service (<c>RuleHost:Compilation:*</c>); unset values keep the engine's defaults
/// (<see cref="Engine.Compilation.CompilationSettings"/>).
/// </summary>
public sealed class CompilationServiceSettings
{
    /// <summary>Roslyn compilations at once, each on a dedicated thread; default half the cores, at least 1.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Saves that may wait for a slot beyond those compiling; default 16. One more answers 503 with Retry-After.</summary>
    public int? MaxQueueLength { get; set; }

    /// <summary>How long a save waits for a slot before it answers 503 with Retry-After; default 30 s.</summary>
    public TimeSpan? QueueTimeout { get; set; }

    /// <summary>The most conditions of a segment that is compiled; default 200. More is refused with 400 at <c>rules</c>.</summary>
    public int? MaxConditions { get; set; }

    /// <summary>The longest generated source compiled, in characters; default 400,000. Longer is refused with 400 at <c>rules</c>.</summary>
    public int? MaxSourceCharacters { get; set; }

    /// <summary>Whether compile threads run below normal priority; default true.</summary>
    public bool? LowerPriority { get; set; }

    /// <summary>
    /// Whether compile workers run under the idle scheduling policy (only on cores serving leaves free) rather than at
    /// nice 10; default true for the service.
    /// </summary>
    public bool? IdleWorkers { get; set; }

    /// <summary>
    /// How long a compile worker under the idle policy may go without answering before its save is compiled again at
    /// nice 10 (something kept every core busy); default 30 s.
    /// </summary>
    public TimeSpan? StarvationTimeout { get; set; }

    /// <summary>Whether a tiny predicate is compiled in the background at start, so the first save is warm; default true.</summary>
    public bool PreWarm { get; set; } = true;

    /// <summary>
    /// Where Roslyn runs: <c>process</c> (the default) in <see cref="MaxConcurrency"/> compile worker processes beside the
    /// service, so its allocations and garbage collections never pause request threads; <c>thread</c> on the compile
    /// threads inside the service.
    /// </summary>
    public string? Isolation { get; set; }

    /// <summary>The engine's settings with these applied.</summary>
    public Engine.Compilation.CompilationSettings Apply(Engine.Compilation.CompilationSettings defaults) => defaults with
    {
        MaxConcurrency = MaxConcurrency ?? defaults.MaxConcurrency,
        MaxQueueLength = MaxQueueLength ?? defaults.MaxQueueLength,
        QueueTimeout = QueueTimeout ?? defaults.QueueTimeout,
        MaxConditions = MaxConditions ?? defaults.MaxConditions,
        MaxSourceCharacters = MaxSourceCharacters ?? defaults.MaxSourceCharacters,
        LowerPriority = LowerPriority ?? defaults.LowerPriority,
        IdleWorkers = IdleWorkers ?? true,
        StarvationTimeout = StarvationTimeout ?? defaults.StarvationTimeout,
        Isolation = ParseIsolation(Isolation),
    };

    /// <summary>The isolation named by <paramref name="text"/> (case ignored); the service's default, process, when unset.</summary>
    private static Engine.Compilation.CompilationIsolation ParseIsolation(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "process" => Engine.Compilation.CompilationIsolation.Process,
        "thread" => Engine.Compilation.CompilationIsolation.Thread,
        _ => throw new ServiceConfigurationException($"{ServiceOptions.Section}:Compilation:Isolation is '{text}'; allowed values: process, thread."),
    };
}

/// <summary>How <c>/health/ready</c> answers.</summary>
public sealed class HealthSettings
{
    /// <summary>
    /// Whether a degraded service (a plugin failed to load, or a stored segment is unavailable) answers readiness with
    /// 200. False (the default): 503 with status <c>degraded</c>, so a rollout whose plugin folder is broken stops before
    /// it replaces working instances; liveness (<c>/health</c>) stays 200 either way, so nothing restarts it in a loop.
    /// True: 200 with status <c>degraded</c>, for deployments that prefer to serve the segments that still work.
    /// </summary>
    public bool DegradedIsReady { get; set; }
}

/// <summary>The database the service works on.</summary>
public sealed class DatabaseSettings
{
    /// <summary>The provider name; <c>sqlite</c> is the embedded default.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The connection string; when empty, a SQLite file at <see cref="Path"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file used when no connection string is given.</summary>
    public string Path { get; set; } = System.IO.Path.Combine("data", "ruleplugins.db");
}

/// <summary>The recalculation schedule of dynamic (profile) segments.</summary>
public sealed class SchedulingSettings
{
    /// <summary>False: segments are recalculated only when asked.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The interval of a segment whose document gives none.</summary>
    public TimeSpan DefaultInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the scheduler looks for segments that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The interval of a segment: its own, or <see cref="DefaultInterval"/> when its document gives none.</summary>
    public TimeSpan IntervalOf(Engine.Model.SegmentSchedule? schedule) =>
        schedule?.EveryMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultInterval;
}
