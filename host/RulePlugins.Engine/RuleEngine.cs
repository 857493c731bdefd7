using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.DemoData;
using RulePlugins.Engine.Evaluation;
using RulePlugins.Engine.Insight.Lint;
using RulePlugins.Engine.Insight.Preview;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Engine.References;
using RulePlugins.Engine.Runs;
using RulePlugins.Engine.Store;
using RulePlugins.Engine.Validation;

namespace RulePlugins.Engine;

/// <summary>
/// The engine in one object, and the only way in for its callers (the CLI, the service, an embedding host): validates,
/// generates, compiles and stores segments, keeps their compiled predicates in memory, recalculates profile segments,
/// evaluates document subjects, and answers for members, runs, versions and the catalogue. It orchestrates; the work is
/// done by internal owners (the validator, the emitter and compiler, <see cref="SegmentStore"/>,
/// <see cref="MembershipStore"/>, <see cref="RunStore"/>, <see cref="SegmentGraph"/>, the recalculator). Thread-safe.
/// </summary>
public sealed class RuleEngine : IDisposable
{
    private readonly ConcurrentDictionary<string, CompiledSegment> _compiled = new(StringComparer.Ordinal);
    private readonly SegmentGraph _graph = new();
    private readonly ConcurrentDictionary<string, long> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _compileFailures = new(StringComparer.Ordinal);
    private readonly Lock _saveLock = new();
    private readonly SegmentValidator _validator;
    private readonly SegmentEmitter _emitter;
    private readonly Pushdown.PushdownPlanner _planner;
    private readonly SegmentCompiler _compiler;
    private readonly TimeProvider _time;
    private readonly ReferenceDataCache _referenceData;
    private readonly DocumentEvaluator _documents;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<CompiledSegment, BoundSegment> _bound = new();
    private readonly RunStore _runs;
    private readonly MembershipStore _members;
    private readonly SegmentLinter _linter;
    private ITimer? _heartbeat;
    private readonly CompilationQueue _compilation;
    private readonly CompilationQueue _preparation;

    /// <summary>Creates an engine over a catalog and a database; call <see cref="Initialize"/> before use.</summary>
    public RuleEngine(PluginCatalog catalog, Database database, EngineOptions? options = null, TimeProvider? time = null)
    {
        Catalog = catalog;
        Database = database;
        Options = options ?? new EngineOptions();
        _time = time ?? TimeProvider.System;
        _referenceData = new ReferenceDataCache(database);
        _validator = new SegmentValidator(catalog, Options.Limits, _referenceData);
        _emitter = new SegmentEmitter(catalog);
        _planner = new Pushdown.PushdownPlanner(catalog, Database.Dialect);
        Store = new SegmentStore(database);
        _documents = new DocumentEvaluator(catalog, _referenceData);
        _runs = new RunStore(database, _time, Options.Leases);
        _members = new MembershipStore(database);
        _linter = new SegmentLinter(id => Store.Find(id) is null ? null : _members.Count(id), Options.LargeSegmentMembers, HasRows);
        // A thread that allocates also runs the garbage collections its allocations trigger, while every other thread
        // of the process is suspended: below normal priority that collection waits for the CPU like a background job
        // (measured: gen 0 pauses of 100-300 ms under load). So only threads that run Roslyn here are lowered; in
        // process isolation the worker processes are, and the compile threads, which only wait for them, are not;
        // the preparation threads, which parse and bind, never are (there are as many as compile slots).
        var isolated = Options.Compilation.Isolation == CompilationIsolation.Process;
        _compilation = new CompilationQueue(Options.Compilation, "rule-compiler", "compilation slot", Options.Compilation.LowerPriority && !isolated);
        _preparation = new CompilationQueue(Options.Compilation, "rule-preparer", "validation slot", lowerPriority: false);
        _compiler = new SegmentCompiler(Options.Compilation);
    }

    /// <summary>
    /// Loads plugins and opens the database named by <paramref name="options"/>, then initializes. A database that cannot
    /// be opened throws <see cref="DatabaseUnavailableException"/> naming it.
    /// </summary>
    public static RuleEngine Open(EngineOptions options, TimeProvider? time = null)
    {
        var catalog = PluginDirectoryLoader.Load(options.PluginDirectories);
        var database = options.ConnectionString is { } connectionString
            ? Database.Create(options.Provider, connectionString)
            : Database.Sqlite(options.DatabasePath);
        database.EnsureReachable();
        var engine = new RuleEngine(catalog, database, options, time);
        engine.Initialize();
        return engine;
    }

    /// <summary>
    /// The loaded plugins, read-only: what the catalogue shows (plugins, condition types with their parameters, tables,
    /// subject kinds, load failures). It changes nothing and runs nothing, so callers read it directly.
    /// </summary>
    public PluginCatalog Catalog { get; }

    /// <summary>The database (its dialect and connections are the engine's own).</summary>
    internal Database Database { get; }

    /// <summary>The database provider: <c>sqlite</c>, <c>postgresql</c> or <c>sqlserver</c>.</summary>
    public string DatabaseProvider => Database.Provider;

    /// <summary>The settings.</summary>
    public EngineOptions Options { get; }

    /// <summary>The segment store.</summary>
    internal SegmentStore Store { get; }

    /// <summary>The validator, for checking documents without saving them.</summary>
    internal SegmentValidator Validator => _validator;

    /// <summary>This engine's owner id on the runs it records and the leases it holds.</summary>
    public string HostId => _runs.Owner;

    /// <summary>The queue saves compile on (dedicated threads, bounded; see <see cref="EngineOptions.Compilation"/>).</summary>
    internal CompilationQueue Compilation => _compilation;

    /// <summary>How many saves are compiling or waiting for a compile slot now.</summary>
    public int PendingCompilations => _compilation.Pending;

    /// <summary>The database's provider and connection string with its password replaced: safe to print or log.</summary>
    public string DescribeDatabase() => Database.Describe();

    /// <summary>
    /// The queue saves are validated and generated on before they compile (as many dedicated threads as compile slots,
    /// at normal priority, bounded alike), so parsing and binding a large document takes no request thread.
    /// </summary>
    internal CompilationQueue Preparation => _preparation;

    /// <summary>
    /// The compile worker processes with <see cref="CompilationIsolation.Process"/>, or null when Roslyn runs on the
    /// compile threads (<see cref="CompilationIsolation.Thread"/>).
    /// </summary>
    public CompileWorkerPool? CompileWorkers => _compiler.Workers;

    /// <summary>The pre-warm started by <see cref="PreWarmAsync"/>, or null when none was started; its result is how long it took.</summary>
    public Task<TimeSpan>? WarmUp { get; private set; }

    /// <summary>
    /// Compiles a tiny predicate on the compile queue, once, so the first save does not pay for Roslyn's start-up
    /// (JIT-compiling the compiler, reading the references); with <see cref="CompilationIsolation.Process"/> every
    /// compile worker is started and warmed, in parallel. Later calls return the same task.
    /// </summary>
    public Task<TimeSpan> PreWarmAsync()
    {
        lock (_saveLock)
        {
            return WarmUp ??= _compilation.RunAsync(() =>
            {
                var stopwatch = Stopwatch.StartNew();
                _compiler.WarmUp(Catalog.Plugins);
                return stopwatch.Elapsed;
            });
        }
    }

    /// <summary>
    /// Migrates the schema and loads every stored segment: a stored assembly whose hash still matches is loaded as
    /// it is, others are recompiled; a segment whose plugins are missing is marked unavailable with the reason. Runs
    /// whose lease has expired (their process died) are reclaimed; live runs of other processes are left alone. From
    /// here on the engine renews the leases of its own runs in the background.
    /// </summary>
    public void Initialize()
    {
        SchemaManager.Migrate(Database, Catalog, _time);
        _runs.ReclaimExpired();
        _heartbeat ??= _time.CreateTimer(_ => Heartbeat(), null, _runs.RenewInterval, _runs.RenewInterval);

        foreach (var info in Store.List())
        {
            LoadStored(info);
        }
    }

    /// <summary>Validates and generates the source for a document without compiling or saving it.</summary>
    public GeneratedSource Generate(string json) => Emit(_validator.Validate(json));

    /// <summary>
    /// The flaws in a valid document's logic (<see cref="LintRules"/>), each with its node path; bad input throws
    /// <see cref="SegmentValidationException"/>. Nothing is saved.
    /// </summary>
    public IReadOnlyList<LintWarning> Lint(string json) => _linter.Lint(_validator.Validate(json));

    /// <summary>
    /// Validates a document and returns the source it would compile to with its lint warnings, on
    /// <see cref="Preparation"/>; nothing is compiled or stored.
    /// </summary>
    public Task<SegmentPreview> PreviewAsync(string json, CancellationToken cancellationToken = default) =>
        _preparation.RunAsync(
            () =>
            {
                var segment = _validator.Validate(json);
                return new SegmentPreview(Emit(segment), _linter.Lint(segment));
            },
            cancellationToken);

    /// <summary>
    /// Counts the audience of a draft profile segment without storing anything: the members and how many profiles each
    /// node holds for, over every profile or a sample (<see cref="AudienceCountOptions"/>), at the engine clock's now. The
    /// draft is validated and compiled as a save would (the same errors), then evaluated batch by batch; cancelling
    /// <paramref name="cancellationToken"/> stops it between profiles.
    /// </summary>
    public async Task<AudienceCount> CountAudienceAsync(string json, AudienceCountOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var segment = await ValidateAsync(json, cancellationToken).ConfigureAwait(false);
        if (segment.Document.Subject != Sdk.SubjectKinds.Profile)
        {
            throw new SegmentValidationException(segment.Document.Id, [new ValidationError("subject", $"is {Sdk.Data.JsonText.Quote(segment.Document.Subject)}; an audience is counted for profile segments only")]);
        }

        var source = await _preparation.RunAsync(
            () =>
            {
                CheckReferences(segment);
                var generated = Emit(segment);
                CompileBudget.Check(Options.Compilation, segment, generated);
                return generated;
            },
            cancellationToken).ConfigureAwait(false);
        var assembly = await _compilation.RunAsync(() => _compiler.Compile(source), cancellationToken).ConfigureAwait(false);
        var compiled = CompiledSegment.Load(source, 0, segment.Document.Subject, assembly);
        try
        {
            var clock = EvaluationClock.From(_time);
            return await Task.Run(() => new AudienceCounter(Database).Count(segment, compiled, clock, options ?? new AudienceCountOptions(), stopwatch, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            compiled.Unload();
        }
    }

    /// <summary>Every problem of a document, each with its JSON path; empty when it is valid. Nothing is saved.</summary>
    public IReadOnlyList<ValidationError> Check(string json) => _validator.Check(json);

    /// <summary>
    /// The values <paramref name="parameter"/> accepts now, ordered, when they come from reference data
    /// (<see cref="Sdk.Conditions.ParameterDefinition.ChoicesFrom"/>); null for any other parameter.
    /// </summary>
    public IReadOnlyList<string>? Choices(Sdk.Conditions.ParameterDefinition parameter) => _validator.Choices(parameter);

    /// <summary>
    /// One page of the values parameter <paramref name="parameter"/> of condition type <paramref name="conditionType"/>
    /// accepts, with their names, for a rule builder: those whose id or name contains <paramref name="search"/>, ordered
    /// by name, at most <paramref name="limit"/> (1 to <see cref="ChoiceSearch.MaxLimit"/>). Reference data is read
    /// afresh. Throws <see cref="KeyNotFoundException"/> naming what is unknown: the type, the parameter, or a parameter
    /// that lists no values.
    /// </summary>
    public ChoicePage FindChoices(string conditionType, string parameter, string? search = null, int limit = 50)
    {
        if (!Catalog.TryGetConditionType(conditionType, out var registration))
        {
            throw new KeyNotFoundException($"No plugin contributes a condition type '{conditionType}'.");
        }

        var definition = registration.Type.Parameters.FirstOrDefault(p => p.Name == parameter)
            ?? throw new KeyNotFoundException($"Condition type '{conditionType}' has no parameter '{parameter}'; its parameters are: {string.Join(", ", registration.Type.Parameters.Select(p => p.Name))}.");
        var choices = _validator.NamedChoices(definition)
            ?? throw new KeyNotFoundException($"Parameter '{parameter}' of '{conditionType}' takes any {definition.Kind.ToString().ToLowerInvariant()}; it has no list of values.");
        return ChoiceSearch.Page(definition.ChoicesFrom?.Noun ?? "value", choices, search, limit);
    }

    /// <summary>
    /// <see cref="Generate"/> on <see cref="Preparation"/>, without holding the calling thread; throws
    /// <see cref="CompilationBusyException"/> when no slot is free in time.
    /// </summary>
    public Task<GeneratedSource> GenerateAsync(string json, CancellationToken cancellationToken = default) =>
        _preparation.RunAsync(() => Generate(json), cancellationToken);

    /// <summary>
    /// Validates a document on <see cref="Preparation"/> (parse and bind), without holding the calling thread: bad input
    /// throws <see cref="SegmentValidationException"/>, a full queue <see cref="CompilationBusyException"/>.
    /// </summary>
    internal Task<BoundSegment> ValidateAsync(string json, CancellationToken cancellationToken = default) =>
        _preparation.RunAsync(() => _validator.Validate(json, document => CompileBudget.CheckConditions(Options.Compilation, document)), cancellationToken);

    /// <summary>
    /// Saves a segment document: validates it against the plugins, generates and compiles its predicate, stores
    /// document, source and assembly as a new version, and makes it current. Bad input throws
    /// <see cref="SegmentValidationException"/> or <see cref="SegmentCompilationException"/> and stores nothing.
    /// </summary>
    public SaveResult Save(string json) => Save(_validator.Validate(json));

    /// <summary>
    /// <see cref="Save(string)"/> that waits for its compilation slot without holding the calling thread. Besides the
    /// errors of <see cref="Save(string)"/>, throws <see cref="CompilationBusyException"/> when no slot is free in time.
    /// </summary>
    public async Task<SaveResult> SaveAsync(string json, CancellationToken cancellationToken = default) =>
        await SaveAsync(await ValidateAsync(json, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// <see cref="SaveAsync(string, CancellationToken)"/> with the caller's own check of the valid document, run after
    /// validation and before anything is compiled or stored: <paramref name="beforeSave"/> throws to refuse the save (a
    /// document whose id is not the one a request names, an id that must not exist yet), and then nothing is stored.
    /// </summary>
    public async Task<SaveResult> SaveAsync(string json, Action<SegmentDocument> beforeSave, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(beforeSave);
        // Parsing and binding a large document is CPU work: on the preparation threads, not the caller's.
        var segment = await ValidateAsync(json, cancellationToken).ConfigureAwait(false);
        beforeSave(segment.Document);
        return await SaveAsync(segment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves a document already validated by <see cref="Validator"/> (a caller that needed the bound document first
    /// need not validate twice). References are checked here, against the stored segments.
    /// </summary>
    internal SaveResult Save(BoundSegment segment) => SaveAsync(segment).GetAwaiter().GetResult();

    /// <summary>
    /// Saves a validated document (see <see cref="Save(BoundSegment)"/>). A segment over the compile budget
    /// (<see cref="CompilationSettings.MaxConditions"/>, <see cref="CompilationSettings.MaxSourceCharacters"/>) is refused
    /// at <c>rules</c> before Roslyn runs; the compilation runs on <see cref="Compilation"/>, and a save that gets no slot
    /// in time throws <see cref="CompilationBusyException"/>. Nothing is stored on any error.
    /// </summary>
    internal async Task<SaveResult> SaveAsync(BoundSegment segment, CancellationToken cancellationToken = default)
    {
        // Generating the source of a large tree costs as much as parsing it: on the preparation threads too.
        var (source, hash, unchanged) = await _preparation.RunAsync(() => Prepare(segment), cancellationToken).ConfigureAwait(false);
        var warnings = _linter.Lint(segment);
        if (unchanged is not null)
        {
            return unchanged with { Warnings = warnings };
        }

        var document = segment.Document;
        var queued = Stopwatch.StartNew();
        var (assembly, compileTime, queueTime) = await _compilation.RunAsync(
            () =>
            {
                var waited = queued.Elapsed;
                var stopwatch = Stopwatch.StartNew();
                var bytes = _compiler.Compile(source);
                return (bytes, stopwatch.Elapsed, waited);
            },
            cancellationToken).ConfigureAwait(false);

        // On the preparation lane too: it evaluates the new predicate on a sample of the database.
        await _preparation.RunAsync(() => RefuseUndeclaredColumns(segment, source, assembly), cancellationToken).ConfigureAwait(false);
        lock (_saveLock)
        {
            // Checked again under the lock: a referenced segment may have been deleted since.
            CheckReferences(segment);
            var (version, created) = Store.SaveVersion(document.Id, document.Name, document.Subject, document.Json, source.Text, assembly, hash, _time.GetUtcNow().ToUnixTimeMilliseconds());
            Replace(CompiledSegment.Load(source, version, document.Subject, assembly));
            Link(segment);
            return new SaveResult(document.Id, version, created, source, compileTime, queueTime) { Warnings = warnings };
        }
    }

    /// <summary>
    /// What a segment's current version selects (<c>profile</c>, or a document subject such as <c>order</c>), from its
    /// loaded predicate: no database round trip once it is loaded. Throws <see cref="SegmentNotFoundException"/> or
    /// <see cref="SegmentUnavailableException"/>.
    /// </summary>
    public string GetSubject(string id) => GetCompiled(id).Subject;

    /// <summary>
    /// The tables and columns a segment's current version reads (and, for a profile segment, loads per batch), from its
    /// loaded predicate. Throws <see cref="SegmentNotFoundException"/> or <see cref="SegmentUnavailableException"/>.
    /// </summary>
    public DataPlan GetPlan(string id) => GetCompiled(id).Plan;

    /// <summary>
    /// The SQL prefilter a recalculation of segment <paramref name="id"/> selects its candidates with on this engine's
    /// database, or null when nothing in its tree translates (every profile is judged) or it selects orders.
    /// </summary>
    public Pushdown.Prefilter? GetPrefilter(string id) => GetCompiled(id).Prefilter;

    /// <summary>The compiled predicate of a segment's current version.</summary>
    internal CompiledSegment GetCompiled(string id)
    {
        if (_compiled.TryGetValue(id, out var compiled))
        {
            return compiled;
        }

        var info = Store.Find(id) ?? throw new SegmentNotFoundException(id);
        if (info.Status == SegmentStatus.Static)
        {
            throw new SegmentUnavailableException(id, "it is a static segment: its members are set by import, it has no rules to evaluate");
        }

        if (info.Status == SegmentStatus.Unavailable)
        {
            throw new SegmentUnavailableException(id, info.StatusReason ?? "unknown reason");
        }

        return LoadStored(info) ?? throw new SegmentUnavailableException(
            id, _compileFailures.TryRemove(id, out var failure) ? failure : Store.Find(id)?.StatusReason ?? "unknown reason");
    }

    /// <summary>
    /// Creates a static segment of profiles: no rules, members set only by <see cref="ImportMembers"/>. Its id shares
    /// the segments' names (one with rules cannot take it, nor it theirs); other segments refer to it like to any other.
    /// Throws <see cref="SegmentValidationException"/> at <c>id</c> or <c>name</c> for a bad or taken id or an empty name.
    /// </summary>
    public StaticSegmentInfo CreateStaticSegment(string id, string name)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        var errors = new List<ValidationError>();
        if (!Model.SegmentIds.IsValid(id))
        {
            errors.Add(new("id", $"{Model.SegmentIds.Rule}; got {Sdk.Data.JsonText.Quote(id)}"));
        }

        if (name.Trim().Length == 0)
        {
            errors.Add(new("name", "must not be empty"));
        }

        if (errors.Count > 0)
        {
            throw new SegmentValidationException(id, errors);
        }

        lock (_saveLock)
        {
            if (Store.Find(id) is { } existing)
            {
                throw new SegmentValidationException(id, [new("id", existing.Status == SegmentStatus.Static ? $"static segment {Sdk.Data.JsonText.Quote(id)} exists" : $"segment {Sdk.Data.JsonText.Quote(id)} exists and has rules; a static segment needs another id")]);
            }

            Store.CreateStatic(id, name.Trim(), _time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        return new StaticSegmentInfo(id, name.Trim(), 0);
    }

    /// <summary>
    /// Sets the members of static segment <paramref name="id"/> from <paramref name="source"/>: replaced by, joined by or
    /// stripped of the profile ids it lists (<paramref name="mode"/>). Read in batches, so memory does not grow with the
    /// file; applied in one transaction with the entered/left log and the spells, like a recalculation, and recorded as a
    /// run started by <c>import</c>. A malformed line or item, or an id that is no profile, refuses the whole import
    /// (<see cref="ImportRefusedException"/>, with the count and the first places) and changes nothing. Throws
    /// <see cref="SegmentNotFoundException"/> for an unknown id, <see cref="SegmentInUseException"/> while another import
    /// holds the segment, and <see cref="InvalidOperationException"/> for a segment with rules.
    /// </summary>
    public ImportResult ImportMembers(string id, Stream source, ImportFormat format, ImportMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var info = Store.Find(id) ?? throw new SegmentNotFoundException(id);
        if (info.Status != SegmentStatus.Static)
        {
            throw new InvalidOperationException($"Segment '{id}' has rules: its members come from recalculation, not import.");
        }

        var outcome = _runs.TryQueue(id, 0, "import");
        if (outcome.RunId is not { } runId)
        {
            throw InUse(id, outcome.HeldBy!);
        }

        return new StaticImporter(Database, _runs, _time).Import(id, runId, source, format, mode, cancellationToken);
    }

    /// <summary>
    /// Deletes a segment with its versions, members, membership log and runs, and unloads its predicate. Throws
    /// <see cref="SegmentInUseException"/> while another segment refers to it or it is being recalculated, and
    /// <see cref="SegmentNotFoundException"/> when there is no such segment.
    /// </summary>
    public void Delete(string id)
    {
        lock (_saveLock)
        {
            if (Store.Find(id) is null)
            {
                throw new SegmentNotFoundException(id);
            }

            var referrers = Referrers(id);
            if (referrers.Count > 0)
            {
                throw new SegmentInUseException(id, $"referred to by {string.Join(", ", referrers.Select(r => $"'{r}'"))}; change or delete those first", referrers);
            }

            if (_running.TryGetValue(id, out var runId))
            {
                throw new SegmentInUseException(id, $"run {runId} is recalculating it; cancel the run or wait for it to finish", []);
            }

            if (_runs.Holder(id) is { } lease && !_runs.IsExpired(lease))
            {
                throw new SegmentInUseException(id, $"run {lease.RunId} of {lease.Owner} is queued or running for it; cancel the run or wait for it to finish", []);
            }

            Store.Delete(id);
            _graph.Remove(id);
            if (_compiled.TryRemove(id, out var compiled))
            {
                compiled.Unload();
            }
        }
    }

    /// <summary>The segments whose current version refers to <paramref name="id"/>, ordered by id.</summary>
    public IReadOnlyList<string> Referrers(string id) => _graph.Referrers(id);

    /// <summary>The schedule and references of a loaded segment, or null when it is not loaded (unavailable or unknown).</summary>
    public SegmentLinks? Links(string id) => _graph.Links(id);

    /// <summary>
    /// Orders segment ids so that every segment comes after the segments it refers to (those among
    /// <paramref name="ids"/>); otherwise by id.
    /// </summary>
    public IReadOnlyList<string> InDependencyOrder(IEnumerable<string> ids) => _graph.InDependencyOrder(ids);

    /// <summary>
    /// Evaluates each condition of a stored profile segment on the first <paramref name="sampleSize"/> profiles with the
    /// columns its conditions declare and with every column of their tables, and returns the conditions that answer
    /// differently, each naming the undeclared column it reads. Empty when every read column is declared. For plugin tests.
    /// </summary>
    public IReadOnlyList<UndeclaredColumn> FindUndeclaredColumns(string id, int sampleSize = 10_000)
    {
        var compiled = GetCompiled(id);
        var bound = _validator.Validate(Store.GetVersion(id, compiled.Version)!.Document);
        return new ColumnCheck(Database, _time).Find(compiled, bound, sampleSize);
    }

    /// <summary>A stored segment, or null when there is none with that id.</summary>
    public SegmentInfo? Find(string id) => Store.Find(id);

    /// <summary>Every stored segment.</summary>
    public IReadOnlyList<SegmentInfo> Segments() => Store.List();

    /// <summary>One stored version (the current one by default) with its document, source and assembly; null when there is none.</summary>
    public StoredVersion? GetVersion(string id, int? version = null) => Store.GetVersion(id, version);

    /// <summary>A segment's stored versions, oldest first.</summary>
    public IReadOnlyList<VersionSummary> Versions(string id) => Store.ListVersions(id);

    /// <summary>The generated source of a stored version (the current one by default).</summary>
    public string GetSource(string id, int? version = null) =>
        Store.GetVersion(id, version)?.Source ?? throw new SegmentNotFoundException(id);

    /// <summary>
    /// Recalculates a profile segment's membership. With <paramref name="queuedRunId"/> (from <see cref="QueueRun"/>),
    /// that recorded run is the one that runs. One run per segment at a time: a second one throws
    /// <see cref="SegmentInUseException"/>.
    /// </summary>
    public RecalculationResult Recalculate(string id, RecalculationOptions? options = null, CancellationToken cancellationToken = default, long? queuedRunId = null)
    {
        // Under the save lock, so a delete either sees this run or happens before it (and the run finds no segment).
        lock (_saveLock)
        {
            if (!_running.TryAdd(id, queuedRunId ?? 0))
            {
                throw new SegmentInUseException(id, $"run {_running.GetValueOrDefault(id)} is recalculating it already", []);
            }
        }

        var runId = queuedRunId;
        try
        {
            // Every run is recorded before it starts, so one that fails early (reference data, say) is on record too.
            runId ??= QueueRun(id);
            _running[id] = runId.Value;
            return new Recalculator(Database, _time, _runs).Run(GetCompiled(id), runId.Value, options ?? Options.Recalculation, cancellationToken);
        }
        catch (Exception ex) when (runId is { } queued)
        {
            // A run that failed before it started (reference data, say) must not stay queued.
            _runs.Finish(queued, ex is OperationCanceledException ? RunStates.Cancelled : RunStates.Failed, ex.Message, onlyIfQueued: true);
            throw;
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Records a run of a profile segment as queued, with what asked for it (<paramref name="startedBy"/>, e.g.
    /// <c>api</c> or <c>schedule</c>), and returns its id; <see cref="Recalculate"/> runs it. The run holds the segment's
    /// lease from now on: a segment has one live run across every process on the database, and a second request
    /// throws <see cref="SegmentInUseException"/> naming the run and its owner.
    /// </summary>
    public long QueueRun(string id, string? startedBy = null)
    {
        var outcome = QueueRunCore(id, startedBy, notCompletedSince: null);
        if (outcome.HeldBy is { } lease)
        {
            throw InUse(id, lease);
        }

        return outcome.RunId!.Value;
    }

    /// <summary>
    /// Queues a run unless the segment has a live run anywhere (<see cref="QueueOutcome.HeldBy"/>) or, with
    /// <paramref name="notCompletedSince"/> (Unix milliseconds), a run of it completed after that instant: the scheduler's
    /// way of making sure one interval runs a segment once, however many hosts schedule it.
    /// </summary>
    public QueueOutcome TryQueueRun(string id, string? startedBy, long? notCompletedSince) => QueueRunCore(id, startedBy, notCompletedSince);

    /// <summary>The lease held on a segment by its live run, in any process; null when it has none.</summary>
    public RunLease? RunLease(string id) => _runs.Holder(id);

    /// <summary>Marks a queued run finished without running it; returns false when it is not queued (any more).</summary>
    public bool FinishQueued(long runId, string status, string? error) => _runs.Finish(runId, status, error, onlyIfQueued: true);

    /// <summary>
    /// Extends the leases of this engine's live runs; a background timer does this every third of the lease duration.
    /// Returns how many leases it holds.
    /// </summary>
    public int RenewLeases() => _runs.Renew();

    /// <summary>Reclaims runs whose lease has expired (their process died); returns their ids.</summary>
    public IReadOnlyList<long> ReclaimExpiredRuns() => _runs.ReclaimExpired();

    /// <summary>
    /// Evaluates a segment whose subject arrives as a document (an order segment) against one document, in
    /// process and without a database round trip once the reference data is cached. With
    /// <paramref name="explain"/>, every condition is evaluated and reported. A document the subject's plugin
    /// cannot read throws <see cref="Sdk.Data.SubjectFormatException"/> naming the field; a predicate that fails
    /// on a readable document throws <see cref="SegmentEvaluationException"/>.
    /// </summary>
    public SubjectEvaluation Evaluate(string id, JsonElement document, bool explain = false)
    {
        var compiled = GetCompiled(id);
        if (compiled.Subject == Sdk.SubjectKinds.Profile)
        {
            throw new InvalidOperationException($"Segment '{id}' selects profiles; profiles are recalculated from the database, not evaluated from a document.");
        }

        var bound = explain ? _bound.GetValue(compiled, c => _validator.Validate(Store.GetVersion(c.SegmentId, c.Version)!.Document)) : null;
        try
        {
            return _documents.Evaluate(compiled, document, EvaluationClock.From(_time), bound);
        }
        catch (Exception ex) when (ex is not (Sdk.Data.SubjectFormatException or OperationCanceledException))
        {
            throw new SegmentEvaluationException(id, compiled.Version, ex);
        }
    }

    /// <summary>Evaluates a document given as JSON text; malformed JSON throws <see cref="Sdk.Data.SubjectFormatException"/>.</summary>
    public SubjectEvaluation Evaluate(string id, string json, bool explain = false)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new Sdk.Data.SubjectFormatException("$", $"is not valid JSON: {ex.Message}");
        }
        catch (ArgumentException) when (Sdk.Data.JsonText.IndexOfUnpairedSurrogate(json) is var at and >= 0)
        {
            throw new Sdk.Data.SubjectFormatException("$", $"{Sdk.Data.JsonText.UnpairedSurrogate} at character {at}");
        }

        using (parsed)
        {
            return Evaluate(id, parsed.RootElement, explain);
        }
    }

    /// <summary>Forgets the cached reference data (currency rates, categories); the next evaluation reads it again.</summary>
    public void RefreshReferenceData() => _referenceData.Clear();

    /// <summary>Member profile ids in ascending order, after <paramref name="after"/> (keyset paging).</summary>
    public IReadOnlyList<long> Members(string id, long after = 0, int limit = 1000) => _members.Members(id, after, limit);

    /// <summary>How many members a segment has.</summary>
    public long MemberCount(string id) => _members.Count(id);

    /// <summary>The membership log of a segment, oldest first, after log id <paramref name="after"/>.</summary>
    public IReadOnlyList<MembershipChange> MembershipLog(string id, long after = 0, int limit = 1000) => _members.Log(id, after, limit);

    /// <summary>
    /// How a segment's size moved: members, entered and left after each of its last <paramref name="limit"/> successful
    /// runs, oldest first, from the stored runs. Throws <see cref="SegmentNotFoundException"/> for an unknown id.
    /// </summary>
    public IReadOnlyList<Insight.SizePoint> SizeHistory(string id, int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _ = Store.Find(id) ?? throw new SegmentNotFoundException(id);
        var points = new List<Insight.SizePoint>();
        long? before = null;
        while (points.Count < limit)
        {
            var page = _runs.List(id, before, 500);
            points.AddRange(page.Where(r => r.Status == RunStates.Succeeded).Take(limit - points.Count)
                .Select(r => new Insight.SizePoint(r.Id, r.StartedAt, r.Members, r.Entered, r.Left)));
            if (page.Count < 500)
            {
                break;
            }

            before = page[^1].Id;
        }

        points.Reverse();
        return points;
    }

    /// <summary>
    /// Why profile <paramref name="profileId"/> is, or is not, a member of profile segment <paramref name="id"/>: its
    /// current version evaluated for that profile node by node, with the rows each condition read. The instant is
    /// <paramref name="at"/> when given, else the last successful run's, so that on unchanged data the answer is the
    /// stored membership; before any run, now. Throws <see cref="SegmentNotFoundException"/>, or
    /// <see cref="KeyNotFoundException"/> for an unknown profile.
    /// </summary>
    public Insight.Explain.ProfileExplanation Explain(string id, long profileId, DateTimeOffset? at = null)
    {
        var compiled = GetCompiled(id);
        if (compiled.Subject != Sdk.SubjectKinds.Profile)
        {
            throw new InvalidOperationException($"Segment '{id}' selects {compiled.Subject}s; explain an order with order-segment match.");
        }

        var bound = _bound.GetValue(compiled, c => _validator.Validate(Store.GetVersion(c.SegmentId, c.Version)!.Document));
        var last = _runs.List(id, before: null, limit: 200).FirstOrDefault(r => r.Status == RunStates.Succeeded);
        var (instant, why) = (at, last) switch
        {
            ({ } given, _) => (given.ToUnixTimeMilliseconds(), "the instant asked for"),
            (null, { } run) => (run.StartedAt, $"the instant of run {run.Id}, the last successful one, whose result is the stored membership" +
                (run.Version == compiled.Version ? string.Empty : $" (it ran version {run.Version}; the current version is {compiled.Version})")),
            _ => (_time.GetUtcNow().ToUnixTimeMilliseconds(), "now: the segment has not been recalculated yet"),
        };
        var (member, root) = new Insight.Explain.ProfileExplainer(Database).Explain(bound, compiled, profileId, new EvaluationClock(instant));
        return new Insight.Explain.ProfileExplanation(
            id, compiled.Version, profileId, member, instant, why, last?.Id, last is null ? null : _members.Contains(id, profileId), root);
    }

    /// <summary>The runs of a segment, newest first.</summary>
    public IReadOnlyList<RunInfo> Runs(string id) => Runs(id, before: null, limit: int.MaxValue);

    /// <summary>Runs newest first, of one segment or of all (<paramref name="segmentId"/> null), with ids below <paramref name="before"/> (keyset paging).</summary>
    public IReadOnlyList<RunInfo> Runs(string? segmentId, long? before, int limit) => _runs.List(segmentId, before, limit);

    /// <summary>One run, or null.</summary>
    public RunInfo? Run(long runId) => _runs.Find(runId);

    /// <summary>
    /// Fills an empty database with <paramref name="profiles"/> profiles and every plugin's demo data,
    /// deterministically for a given <paramref name="seed"/>.
    /// </summary>
    public void GenerateDemoData(long profiles, int seed = 42, Action<string, double>? progress = null) =>
        new DemoDataGenerator(Database, Catalog, _time).Generate(profiles, seed, progress);

    /// <summary>
    /// Adds one plugin's demo data to a database that has profiles (ids 1 to N) but none of that plugin's rows: for a
    /// plugin installed after the demo ran. Refused, changing nothing, when the plugin is unknown or its tables have rows;
    /// a generator that fails part-way leaves the plugin's tables empty again. Returns the plugin and the rows per table.
    /// </summary>
    public DemoDataAdded AddDemoData(string pluginName, int seed = 42, Action<string, double>? progress = null) =>
        new DemoDataGenerator(Database, Catalog, _time).AddPlugin(pluginName, seed, progress);

    /// <summary>The example segment documents the plugins ship (of one plugin, or of all in plugin order).</summary>
    public IEnumerable<string> ExampleSegments(string? pluginName = null) =>
        Catalog.Plugins.Where(p => pluginName is null || p.Name == pluginName).SelectMany(p => p.DemoData).SelectMany(g => g.ExampleSegments);

    /// <summary>Every plugin's example subject documents (orders), for demos.</summary>
    public IEnumerable<Sdk.Data.ExampleDocument> ExampleDocuments() =>
        Catalog.Plugins.SelectMany(p => p.DemoData).SelectMany(g => g.ExampleDocuments);

    /// <summary>Stops renewing leases, the compile threads and workers, and unloads every compiled predicate.</summary>
    public void Dispose()
    {
        _heartbeat?.Dispose();
        _preparation.Dispose();
        _compilation.Dispose();
        _compiler.Dispose();
        foreach (var id in _compiled.Keys)
        {
            if (_compiled.TryRemove(id, out var compiled))
            {
                compiled.Unload();
            }
        }
    }

    /// <summary>
    /// A condition reading a column it did not declare answers wrongly with no error, since the column is never loaded.
    /// Before a profile segment is stored, each of its conditions is evaluated on a sample of the database's profiles
    /// with the declared columns and with every column; a difference refuses the save, naming the condition, the table
    /// and the column. An empty database has nothing to show it; the plugin's own tests check it on test data
    /// (<see cref="FindUndeclaredColumns"/>). Returns whether the check ran.
    /// </summary>
    private bool RefuseUndeclaredColumns(BoundSegment segment, GeneratedSource source, byte[] assembly)
    {
        if (Options.ColumnCheckSample <= 0 || segment.Document.Subject != Sdk.SubjectKinds.Profile)
        {
            return false;
        }

        var compiled = CompiledSegment.Load(source, 0, segment.Document.Subject, assembly);
        IReadOnlyList<UndeclaredColumn> found;
        try
        {
            found = new ColumnCheck(Database, _time).Find(compiled, segment, Options.ColumnCheckSample);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // A predicate that fails on the data fails its runs with the plugin's reason; that is not this check's finding.
            return false;
        }
        finally
        {
            compiled.Unload();
        }

        if (found.Count > 0)
        {
            throw new SegmentCompilationException(
                segment.Document.Id, [.. found.Select(f => new CompileError(f.Path, "RP0002", f.Message, 0))]);
        }

        return true;
    }

    private QueueOutcome QueueRunCore(string id, string? startedBy, long? notCompletedSince)
    {
        var compiled = GetCompiled(id);
        if (compiled.Subject != Sdk.SubjectKinds.Profile)
        {
            throw new InvalidOperationException($"Segment '{id}' selects {compiled.Subject}s; only profile segments are recalculated.");
        }

        return _runs.TryQueue(id, compiled.Version, startedBy, notCompletedSince);
    }

    private static SegmentInUseException InUse(string id, RunLease lease) =>
        new(id, $"run {lease.RunId} of {lease.Owner} is already queued or running for it", []);

    private void Heartbeat()
    {
        try
        {
            _runs.Renew();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The database did not answer this time; the next tick tries again, and the replace fences on the lease.
        }
    }

    private CompiledSegment? LoadStored(SegmentInfo info)
    {
        var stored = Store.GetVersion(info.Id);
        if (stored is null)
        {
            return null;
        }

        try
        {
            var bound = _validator.Validate(stored.Document);
            var source = Emit(bound);
            var hash = SegmentHasher.Hash(source);
            var assembly = stored.Assembly;
            if (hash != stored.Hash)
            {
                assembly = _compiler.Compile(source);
                Store.UpdateCompiled(info.Id, (int)stored.Version, source.Text, assembly, hash);
            }

            var compiled = CompiledSegment.Load(source, (int)stored.Version, info.Subject, assembly);
            Link(bound);
            if (info.Status != SegmentStatus.Ready)
            {
                Store.SetStatus(info.Id, SegmentStatus.Ready, null);
            }

            Replace(compiled);
            return compiled;
        }
        catch (Exception ex) when (ex is SegmentValidationException or SegmentCompilationException)
        {
            // A condition type that no loaded plugin provides is named with the plugin (folder, load failure) it came from.
            var reason = ex is SegmentValidationException
                ? MissingPluginDiagnosis.Explain(Catalog, stored.Document, stored.Source) ?? ex.Message
                : ex.Message;
            Store.SetStatus(info.Id, SegmentStatus.Unavailable, reason);
            _graph.Remove(info.Id);
            if (_compiled.TryRemove(info.Id, out var old))
            {
                old.Unload();
            }

            return null;
        }
        catch (CompileWorkerException ex)
        {
            // A worker that died is no fault of the segment: its status stays, and the next use compiles it again.
            _compileFailures[info.Id] = ex.Message;
            return null;
        }
    }

    /// <summary>
    /// What a save does before it compiles: references, the condition budget, the source, its hash, whether the
    /// current version is the same (then the result, and nothing to compile), the source size budget.
    /// </summary>
    private (GeneratedSource Source, string Hash, SaveResult? Unchanged) Prepare(BoundSegment segment)
    {
        if (Store.Find(segment.Document.Id) is { Status: SegmentStatus.Static })
        {
            throw new SegmentValidationException(segment.Document.Id, [new("id", $"names static segment {Sdk.Data.JsonText.Quote(segment.Document.Id)}, whose members are imported; a segment with rules needs another id")]);
        }

        CheckReferences(segment);
        CompileBudget.CheckConditions(Options.Compilation, segment);
        var source = Emit(segment);
        var hash = SegmentHasher.Hash(source);
        var document = segment.Document;

        // An unchanged document whose predicate is already loaded needs no compile and no new load context.
        var current = Store.GetVersion(document.Id);
        if (current is not null && current.Document == document.Json && current.Hash == hash
            && _compiled.TryGetValue(document.Id, out var loaded) && loaded.Version == current.Version)
        {
            return (source, hash, new SaveResult(document.Id, (int)current.Version, Created: false, source, TimeSpan.Zero));
        }

        CompileBudget.Check(Options.Compilation, segment, source);
        return (source, hash, null);
    }

    // A free-text column with this many distinct values is not searched further for lint, and nothing is warned about.
    private const int MaxDistinctValuesLinted = 10_000;

    private void Link(BoundSegment segment) => _graph.Link(segment);

    // Whether a plugin table has a row whose column (both declared by the plugin) holds value; for lint. Ignoring case,
    // the distinct values are compared here, as conditions compare text (SQL's LOWER differs between databases).
    private bool HasRows(string table, string column, string value, bool ignoreCase)
    {
        using var connection = Database.Open();
        if (connection.ExecuteScalar<long?>(Database.Dialect.Limit($"SELECT 1 FROM {table} WHERE {column} = @value ORDER BY {column}"), new { value, limit = 1 }) is not null)
        {
            return true;
        }

        if (!ignoreCase)
        {
            return false;
        }

        var distinct = connection.Query<string?>(Database.Dialect.Limit($"SELECT DISTINCT {column} FROM {table} ORDER BY {column}"), new { limit = MaxDistinctValuesLinted }).AsList();
        return distinct.Count == MaxDistinctValuesLinted || distinct.Any(v => v is not null && Sdk.Runtime.Text.IgnoreCaseComparer.Equals(v, value));
    }

    // The C# of a tree and, for a recalculation, the SQL of its translatable part on this engine's database.
    private GeneratedSource Emit(BoundSegment segment) => _emitter.Emit(segment) with { Prefilter = _planner.Plan(segment) };

    private void CheckReferences(BoundSegment segment) => _graph.CheckReferences(segment, Store.Find);

    private void Replace(CompiledSegment compiled)
    {
        CompiledSegment? previous = null;
        _compiled.AddOrUpdate(compiled.SegmentId, compiled, (_, old) =>
        {
            previous = old;
            return compiled;
        });
        if (previous is not null && !ReferenceEquals(previous, compiled))
        {
            previous.Unload();
        }
    }
}
