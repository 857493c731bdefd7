using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Runs;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Store;

/// <summary>How an import changes a static segment's members.</summary>
public enum ImportMode
{
    /// <summary>The members become exactly the imported profiles.</summary>
    Replace,

    /// <summary>The imported profiles join the members.</summary>
    Add,

    /// <summary>The imported profiles leave the members.</summary>
    Remove,
}

/// <summary>How an import's profile ids are written.</summary>
public enum ImportFormat
{
    /// <summary>One profile id per line (the first field of a CSV line); an optional header <c>profile_id</c> or <c>id</c>; blank lines ignored.</summary>
    Csv,

    /// <summary>A JSON array of profile ids: <c>[1, 2, 3]</c>.</summary>
    Json,
}

/// <summary>What an import did.</summary>
/// <param name="SegmentId">The static segment.</param>
/// <param name="RunId">The run that recorded it (started by <c>import</c>).</param>
/// <param name="Mode">How it changed the members.</param>
/// <param name="Rows">The profile ids read (repeats included).</param>
/// <param name="Members">The members after it.</param>
/// <param name="Entered">Profiles that became members.</param>
/// <param name="Left">Profiles that stopped being members.</param>
/// <param name="Duration">How long it took.</param>
public sealed record ImportResult(string SegmentId, long RunId, ImportMode Mode, long Rows, long Members, long Entered, long Left, TimeSpan Duration);

/// <summary>
/// An import was refused and changed nothing: a malformed line, or profile ids that do not exist. Says how many and where
/// (the first few line numbers, or item indexes for JSON).
/// </summary>
public sealed class ImportRefusedException(string segmentId, string problem, long count, IReadOnlyList<string> where)
    : Exception($"Import into static segment '{segmentId}' refused, nothing was applied: {count} {problem} ({(count > where.Count ? "first at " : "at ")}{string.Join(", ", where)}).")
{
    /// <summary>The static segment.</summary>
    public string SegmentId { get; } = segmentId;

    /// <summary>What is wrong: <c>malformed lines</c>, <c>unknown profile ids</c>.</summary>
    public string Problem { get; } = problem;

    /// <summary>How many lines or ids are wrong.</summary>
    public long Count { get; } = count;

    /// <summary>Where the first few are: <c>line 3</c>, <c>line 9: "12x"</c>, <c>[4]</c>.</summary>
    public IReadOnlyList<string> Where { get; } = where;

    /// <summary>Always false: a refused import applies nothing.</summary>
    public bool Applied => false;
}

/// <summary>
/// Sets a static segment's members from a file of profile ids: streamed into <c>segment_import_rows</c> in batches
/// (memory bounded by the batch, not the file), checked (every line well formed, every id a known profile), turned into
/// the new member set by the mode, and applied by <see cref="MembershipReplace"/> in one transaction with the
/// entered/left log and the spells, like a recalculation. Recorded as a run holding the segment's lease, so an import
/// and another import (here or on another host) never overlap. Any failure applies nothing.
/// </summary>
internal sealed class StaticImporter(Database database, RunStore runs, TimeProvider time)
{
    private const int BatchSize = 10_000;
    private const int Shown = 5;
    private static readonly BulkColumn[] Columns =
        [new("run_id", ColumnType.Integer), new("line", ColumnType.Integer), new("profile_id", ColumnType.Integer)];

    public ImportResult Import(string segmentId, long runId, Stream source, ImportFormat format, ImportMode mode, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!runs.Start(segmentId, runId, 0, now))
        {
            throw new OperationCanceledException($"Run {runId} of static segment '{segmentId}' is no longer queued; it was cancelled before it started.");
        }

        try
        {
            var (rows, malformed, malformedAt) = Stage(runId, source, format, cancellationToken);
            if (malformed > 0)
            {
                throw new ImportRefusedException(segmentId, format == ImportFormat.Json ? "malformed items" : "malformed lines", malformed, malformedAt);
            }

            using var connection = database.Open();
            foreach (var statement in database.Dialect.BeforeUnboundedWrite)
            {
                connection.Execute(statement);
            }

            using var transaction = connection.BeginTransaction();
            var args = new { run = runId, segment = segmentId };
            var unknown = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM segment_import_rows r WHERE r.run_id = @run AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = r.profile_id)", args, transaction);
            if (unknown > 0)
            {
                var lines = connection.Query<(long Line, long ProfileId)>(
                    database.Dialect.Limit("SELECT r.line, r.profile_id FROM segment_import_rows r WHERE r.run_id = @run AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = r.profile_id) ORDER BY r.line"),
                    new { run = runId, limit = Shown }, transaction);
                throw new ImportRefusedException(segmentId, "unknown profile ids", unknown, [.. lines.Select(l => $"{Position(format, l.Line)}: {l.ProfileId}")]);
            }

            // The new member set, staged for the run like a recalculation's members.
            var staged = mode switch
            {
                ImportMode.Replace => "SELECT DISTINCT @run, r.profile_id FROM segment_import_rows r WHERE r.run_id = @run",
                ImportMode.Add =>
                    "SELECT DISTINCT @run, r.profile_id FROM segment_import_rows r WHERE r.run_id = @run " +
                    "UNION SELECT @run, m.profile_id FROM segment_members m WHERE m.segment_id = @segment",
                _ =>
                    "SELECT @run, m.profile_id FROM segment_members m WHERE m.segment_id = @segment " +
                    "AND NOT EXISTS (SELECT 1 FROM segment_import_rows r WHERE r.run_id = @run AND r.profile_id = m.profile_id)",
            };
            connection.Execute($"INSERT INTO segment_member_staging (run_id, profile_id) {staged}", args, transaction);
            var members = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM segment_member_staging WHERE run_id = @run", args, transaction);
            runs.Fence(connection, transaction, segmentId, runId);
            var (entered, left) = MembershipReplace.Replace(connection, transaction, database, segmentId, runId, now);
            connection.Execute("DELETE FROM segment_import_rows WHERE run_id = @run", args, transaction);
            runs.Succeed(connection, transaction, segmentId, runId, new RunCounts(rows, members, entered, left, stopwatch.ElapsedMilliseconds));
            transaction.Commit();
            return new ImportResult(segmentId, runId, mode, rows, members, entered, left, stopwatch.Elapsed);
        }
        catch (Exception ex)
        {
            Clear(runId);
            runs.Finish(runId, ex is OperationCanceledException ? RunStates.Cancelled : RunStates.Failed, ex.Message, stopwatch.ElapsedMilliseconds);
            throw;
        }
    }

    private (long Rows, long Malformed, IReadOnlyList<string> MalformedAt) Stage(long runId, Stream source, ImportFormat format, CancellationToken cancellationToken)
    {
        var ids = new long[BatchSize];
        var lines = new long[BatchSize];
        var count = 0;
        var rows = 0L;
        var malformed = 0L;
        var malformedAt = new List<string>();
        using var connection = database.Open();

        void Flush()
        {
            if (count == 0)
            {
                return;
            }

            using var transaction = connection.BeginTransaction();
            using (var writer = database.Dialect.OpenBulkWriter(connection, transaction, "segment_import_rows", Columns))
            {
                for (var i = 0; i < count; i++)
                {
                    writer.Add(runId, lines[i], ids[i]);
                }

                writer.Complete();
            }

            transaction.Commit();
            count = 0;
        }

        void Bad(string where)
        {
            malformed++;
            if (malformedAt.Count < Shown)
            {
                malformedAt.Add(where);
            }
        }

        foreach (var (line, text) in format == ImportFormat.Json ? JsonItems(source) : CsvLines(source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (text is null || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                Bad($"{Position(format, line)}: {(text is null ? "not a whole number" : JsonQuote(text))}");
                continue;
            }

            rows++;
            if (malformed > 0)
            {
                continue; // nothing will be applied: only count what else is wrong
            }

            ids[count] = id;
            lines[count] = line;
            if (++count == BatchSize)
            {
                Flush();
            }
        }

        if (malformed == 0)
        {
            Flush();
        }

        return (rows, malformed, malformedAt);
    }

    private void Clear(long runId)
    {
        using var connection = database.Open();
        connection.Execute("DELETE FROM segment_import_rows WHERE run_id = @runId", new { runId });
    }

    /// <summary>Each non-blank line's first CSV field, trimmed, with its 1-based line number; a header on the first line is skipped.</summary>
    private static IEnumerable<(long Line, string? Text)> CsvLines(Stream source)
    {
        using var reader = new StreamReader(source, leaveOpen: true);
        var number = 0L;
        var first = true;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var field = line.Split(',', 2)[0].Trim().Trim('"').Trim();
            if (field.Length == 0)
            {
                continue;
            }

            if (first && (field.Equals("profile_id", StringComparison.OrdinalIgnoreCase) || field.Equals("id", StringComparison.OrdinalIgnoreCase)))
            {
                first = false;
                continue;
            }

            first = false;
            yield return (number, field);
        }
    }

    /// <summary>
    /// Each item of a JSON array with its 0-based index; an item that is not a whole number gives null text, and so does
    /// the place where the text stops being a JSON array (after which nothing more is read).
    /// </summary>
    private static IEnumerable<(long Line, string? Text)> JsonItems(Stream source)
    {
        using var enumerator = JsonSerializer.DeserializeAsyncEnumerable<JsonElement?>(source).ToBlockingEnumerable().GetEnumerator();
        for (var index = 0L; ; index++)
        {
            JsonElement? item;
            var broken = false;
            try
            {
                if (!enumerator.MoveNext())
                {
                    yield break;
                }

                item = enumerator.Current;
            }
            catch (JsonException)
            {
                item = null;
                broken = true;
            }

            yield return (index, item is { ValueKind: JsonValueKind.Number } number ? number.GetRawText() : null);
            if (broken)
            {
                yield break;
            }
        }
    }

    private static string Position(ImportFormat format, long line) => format == ImportFormat.Json ? $"[{line}]" : $"line {line}";

    private static string JsonQuote(string text) => JsonSerializer.Serialize(text.Length > 40 ? text[..40] + "…" : text);
}
