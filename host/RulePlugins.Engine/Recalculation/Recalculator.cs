using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Runs;
using RulePlugins.Engine.Store;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Recalculation;

/// <summary>How a recalculation runs.</summary>
public sealed record RecalculationOptions
{
    /// <summary>Profiles per batch; memory is bounded by a few batches whatever the number of profiles.</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>Threads that evaluate a batch; by default every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether the run selects its candidates with the segment's SQL prefilter (<see cref="Pushdown.Prefilter"/>) when it
    /// has one; true by default. False forces the predicate path: every profile is loaded and judged. The members are the
    /// same either way.
    /// </summary>
    public bool Pushdown { get; init; } = true;

    /// <summary>Called with the run id once the run is recorded as running, before the first batch.</summary>
    public Action<long>? Started { get; init; }

    /// <summary>Called after each batch is evaluated and staged. An exception thrown here fails the run.</summary>
    public Action<RecalculationProgress>? Progress { get; init; }
}

/// <summary>Where a running recalculation is.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Scanned">Profiles covered so far (judged by the predicate, or left out by the SQL prefilter).</param>
/// <param name="Total">Profiles in the database when the run started.</param>
/// <param name="Members">Members found so far.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record RecalculationProgress(long RunId, long Scanned, long Total, long Members, TimeSpan Elapsed);

/// <summary>
/// The statistics of a finished run: <paramref name="Scanned"/> is every profile its batches covered (those the SQL
/// prefilter left out included), and <paramref name="Phases"/> says where its time went.
/// </summary>
public sealed record RecalculationResult(
    long RunId, string SegmentId, int Version, long Scanned, long Members, long Entered, long Left, TimeSpan Duration, long At, RecalculationPhases? Phases = null)
{
    /// <summary>
    /// How many of the <see cref="Scanned"/> profiles the compiled predicate judged: the candidates of the SQL prefilter, or
    /// every profile scanned without one.
    /// </summary>
    public long Judged { get; init; } = Scanned;

    /// <summary>Profiles evaluated per second.</summary>
    public double ProfilesPerSecond => Duration.TotalSeconds > 0 ? Scanned / Duration.TotalSeconds : 0;
}

/// <summary>
/// Recalculates a profile segment: streams profile ids in keyset batches, loads the planned rows of each table
/// with one query per table per batch, evaluates the batch on all cores while the next one loads, stages members,
/// and at the end replaces the membership in one transaction with an entered/left log. A failure or cancellation
/// at any point leaves the previous membership exactly as it was, and so does a run that lost its lease to another
/// host: the replace fences on the lease in its own transaction.
/// </summary>
internal sealed class Recalculator(Database database, TimeProvider time, RunStore runs)
{
    private const int FramesInFlight = 2;

    /// <summary>
    /// Runs the recalculation of <paramref name="segment"/> recorded as run <paramref name="runId"/> with status
    /// <c>queued</c> (see <see cref="RuleEngine.QueueRun"/>). When the run is no longer queued (cancelled meanwhile),
    /// nothing runs and <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    public RecalculationResult Run(CompiledSegment segment, long runId, RecalculationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (segment.Subject != SubjectKinds.Profile)
        {
            throw new InvalidOperationException($"Segment '{segment.SegmentId}' selects {segment.Subject}s; only profile segments are recalculated.");
        }

        options ??= new RecalculationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var clock = EvaluationClock.From(time);
        var stopwatch = Stopwatch.StartNew();
        var timings = new PhaseTimings();
        long total;
        object[] lookups;
        using (var connection = database.Open())
        {
            // Reference data is read once per run, so every profile of the run sees the same snapshot.
            lookups = LookupLoader.LoadAll(connection, database.Dialect, segment.Plan);
            total = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM profiles");
        }

        if (!runs.Start(segment.SegmentId, runId, segment.Version, clock.NowUnixMilliseconds))
        {
            throw new OperationCanceledException($"Run {runId} of segment '{segment.SegmentId}' is no longer queued; it was cancelled before it started.");
        }

        timings.Setup = stopwatch.Elapsed;
        try
        {
            options.Started?.Invoke(runId);
            var (scanned, judged, members) = EvaluateAll(segment, lookups, options, clock, runId, total, stopwatch, timings, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var replaceStarted = Stopwatch.GetTimestamp();
            var (entered, left) = Commit(segment, runId, clock, scanned, members, stopwatch);
            timings.Replace = Stopwatch.GetElapsedTime(replaceStarted);
            return new RecalculationResult(
                runId, segment.SegmentId, segment.Version, scanned, members, entered, left, stopwatch.Elapsed, clock.NowUnixMilliseconds, timings.ToPhases())
            {
                Judged = judged,
            };
        }
        catch (Exception ex)
        {
            runs.Finish(runId, ex is OperationCanceledException ? RunStates.Cancelled : RunStates.Failed, ex.Message, stopwatch.ElapsedMilliseconds);
            throw;
        }
    }

    private (long Scanned, long Judged, long Members) EvaluateAll(
        CompiledSegment segment, object[] lookups, RecalculationOptions options, EvaluationClock clock, long runId, long total, Stopwatch stopwatch,
        PhaseTimings timings, CancellationToken cancellationToken)
    {
        var free = Channel.CreateBounded<Frame>(FramesInFlight);
        var loaded = Channel.CreateBounded<Frame>(FramesInFlight);
        for (var i = 0; i < FramesInFlight; i++)
        {
            free.Writer.TryWrite(new Frame(segment, lookups, database.Dialect, clock, options.BatchSize));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            () => Produce(free.Reader, loaded.Writer, options.Pushdown ? segment.Prefilter : null, options.BatchSize, clock, timings, stop.Token), stop.Token);

        long scanned = 0;
        long judged = 0;
        long members = 0;
        try
        {
            using var staging = new StagingWriter(database, runId);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = stop.Token };
            while (loaded.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (loaded.Reader.TryRead(out var frame))
                {
                    var evaluationStarted = Stopwatch.GetTimestamp();
                    var count = frame.Evaluate(segment.Predicate, clock, parallel);
                    var stagingStarted = Stopwatch.GetTimestamp();
                    timings.Evaluation += Stopwatch.GetElapsedTime(evaluationStarted, stagingStarted);
                    staging.Write(frame.MemberIds, count);
                    timings.Staging += Stopwatch.GetElapsedTime(stagingStarted);
                    scanned += frame.Covered;
                    judged += frame.Batch.Count;
                    members += count;
                    free.Writer.TryWrite(frame);
                    options.Progress?.Invoke(new RecalculationProgress(runId, scanned, total, members, stopwatch.Elapsed));
                }
            }

            producer.GetAwaiter().GetResult();
            return (scanned, judged, members);
        }
        catch
        {
            stop.Cancel();
            try
            {
                producer.Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // The producer's own failure or cancellation; the first exception is the one reported.
            }

            throw;
        }
    }

    private void Produce(
        ChannelReader<Frame> free, ChannelWriter<Frame> loaded, Pushdown.Prefilter? prefilter, int batchSize, EvaluationClock clock, PhaseTimings timings, CancellationToken cancellationToken)
    {
        try
        {
            using var connection = database.Open();
            var after = 0L;
            var (sql, parameters) = IdQuery(prefilter, batchSize, clock);
            var range = Pushdown.Prefilter.SelectBatchRange(database.Dialect);
            while (true)
            {
                var frame = free.ReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
                var idsStarted = Stopwatch.GetTimestamp();
                parameters.Add("after", after);

                // A batch is the next batchSize profiles; with a prefilter, the predicate judges only its candidates among them.
                long covered, last;
                int count;
                if (prefilter is null)
                {
                    count = frame.LoadIds(connection, sql, parameters, cancellationToken);
                    covered = count;
                    last = count == 0 ? after : frame.Batch.Ids[count - 1];
                }
                else
                {
                    var batch = connection.QuerySingle<(long? Upto, long Covered)>(new CommandDefinition(range, new { after, limit = batchSize }, cancellationToken: cancellationToken));
                    (covered, last) = (batch.Covered, batch.Upto ?? after);
                    parameters.Add("upto", last);
                    count = covered == 0 ? 0 : frame.LoadIds(connection, sql, parameters, cancellationToken);
                }

                frame.Covered = covered;
                var rowsStarted = Stopwatch.GetTimestamp();
                timings.Ids += Stopwatch.GetElapsedTime(idsStarted, rowsStarted);
                if (covered == 0)
                {
                    break;
                }

                frame.LoadRows(connection, clock, cancellationToken);
                timings.Rows += Stopwatch.GetElapsedTime(rowsStarted);
                after = last;
                loaded.WriteAsync(frame, cancellationToken).AsTask().GetAwaiter().GetResult();
                if (covered < batchSize)
                {
                    break;
                }
            }

            loaded.Complete();
        }
        catch (Exception ex)
        {
            loaded.Complete(ex);
            throw;
        }
    }

    // The query of one batch of ids: the next batchSize profiles', or the candidates of the prefilter among them, with its
    // parameters bound (@after, and @upto for the candidates, are set per batch).
    private (string Sql, DynamicParameters Parameters) IdQuery(Pushdown.Prefilter? prefilter, int batchSize, EvaluationClock clock)
    {
        var parameters = new DynamicParameters();
        if (prefilter is null)
        {
            parameters.Add("limit", batchSize);
            return (database.Dialect.SelectProfileIdsAfter, parameters);
        }

        foreach (var (name, value) in prefilter.Parameters)
        {
            parameters.Add(name, name == Pushdown.Prefilter.NowParameter ? clock.NowUnixMilliseconds : value);
        }

        return (prefilter.SelectIdsBetween(), parameters);
    }

    private (long Entered, long Left) Commit(CompiledSegment segment, long runId, EvaluationClock clock, long scanned, long members, Stopwatch stopwatch)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();

        // First, so a run whose lease was reclaimed (its host stalled) stops here and the membership stays as it was.
        runs.Fence(connection, transaction, segment.SegmentId, runId);
        var (entered, left) = MembershipReplace.Replace(connection, transaction, database, segment.SegmentId, runId, clock.NowUnixMilliseconds);
        runs.Succeed(connection, transaction, segment.SegmentId, runId, new RunCounts(scanned, members, entered, left, stopwatch.ElapsedMilliseconds));
        transaction.Commit();
        return (entered, left);
    }

    // The phase times of one run. The producer thread adds to Ids and Rows, the evaluating thread to Evaluation and
    // Staging; each field has one writer, and the result is read after both threads are done.
    private sealed class PhaseTimings
    {
        public TimeSpan Setup;
        public TimeSpan Ids;
        public TimeSpan Rows;
        public TimeSpan Evaluation;
        public TimeSpan Staging;
        public TimeSpan Replace;

        public RecalculationPhases ToPhases() => new(Setup, Ids, Rows, Evaluation, Staging, Replace);
    }

    /// <summary>One batch in flight: ids, one row set per planned table, and the evaluation results.</summary>
    private sealed class Frame
    {
        private const int ChunkSize = 512;
        private readonly long[] _ids;
        private readonly bool[] _matches;
        private readonly TableReader[] _readers;
        private readonly RowSet[] _rowSets;
        private readonly object[] _lookups;
        private int _count;

        public Frame(CompiledSegment segment, object[] lookups, ISqlDialect dialect, EvaluationClock clock, int batchSize)
        {
            _lookups = lookups;
            _ids = new long[batchSize];
            _matches = new bool[batchSize];
            MemberIds = new long[batchSize];
            _readers = [.. segment.Plan.Tables.Select(t => TableReader.Create(t, dialect, clock, batchSize))];
            _rowSets = [.. _readers.Select(r => r.Rows)];
        }

        public SubjectBatch Batch { get; private set; } = null!;

        /// <summary>How many profiles the batch covers: its candidates and the profiles the prefilter left out.</summary>
        public long Covered { get; set; }

        public long[] MemberIds { get; }

        public int LoadIds(DbConnection connection, string sql, DynamicParameters parameters, CancellationToken cancellationToken)
        {
            _count = 0;
            using var reader = connection.ExecuteReader(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            while (reader.Read())
            {
                _ids[_count++] = reader.GetInt64(0);
            }

            Batch = new SubjectBatch(_ids, _count, _rowSets, _lookups);
            return _count;
        }

        public void LoadRows(DbConnection connection, EvaluationClock clock, CancellationToken cancellationToken)
        {
            foreach (var reader in _readers)
            {
                reader.Load(connection, _ids, _count, clock, cancellationToken);
            }
        }

        public int Evaluate(CompiledPredicate predicate, EvaluationClock clock, ParallelOptions parallel)
        {
            var batch = Batch;
            var chunks = (_count + ChunkSize - 1) / ChunkSize;
            try
            {
                Parallel.For(0, chunks, parallel, chunk =>
                {
                    var end = Math.Min(_count, (chunk + 1) * ChunkSize);
                    var token = parallel.CancellationToken;
                    for (var i = chunk * ChunkSize; i < end; i++)
                    {
                        // Parallel.For looks at the token between chunks only; a slow predicate must not delay a cancel
                        // by a whole chunk. One field read per profile.
                        token.ThrowIfCancellationRequested();
                        _matches[i] = predicate.Evaluate(new Subject(batch, i), clock);
                    }
                });
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
            {
                // The run fails with what the predicate said (a currency without a rate, say), not a wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                throw;
            }

            var members = 0;
            for (var i = 0; i < _count; i++)
            {
                if (_matches[i])
                {
                    MemberIds[members++] = _ids[i];
                }
            }

            return members;
        }
    }

    /// <summary>
    /// Writes a run's members to the staging table with the dialect's bulk writer (a prepared statement on SQLite,
    /// binary COPY on PostgreSQL, SqlBulkCopy on SQL Server), one transaction per batch.
    /// </summary>
    private sealed class StagingWriter(Database database, long runId) : IDisposable
    {
        private static readonly BulkColumn[] Columns = [new("run_id", Sdk.Data.ColumnType.Integer), new("profile_id", Sdk.Data.ColumnType.Integer)];
        private readonly DbConnection _connection = database.Open();
        private readonly object _run = runId;

        public void Write(long[] ids, int count)
        {
            if (count == 0)
            {
                return;
            }

            using var transaction = _connection.BeginTransaction();
            using (var writer = database.Dialect.OpenBulkWriter(_connection, transaction, "segment_member_staging", Columns))
            {
                for (var i = 0; i < count; i++)
                {
                    writer.Add(_run, ids[i]);
                }

                writer.Complete();
            }

            transaction.Commit();
        }

        public void Dispose() => _connection.Dispose();
    }
}
