using RulePlugins.Engine;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Engine.Store;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    private static int Segment(CommandLine line, string sub)
    {
        var target = line.Words.Count >= 3 ? line.Words[2] : null;
        switch (sub)
        {
            case "save":
            {
                var file = target ?? throw new UsageException("'segment save' needs a FILE.");
                using var engine = OpenEngine(line);
                var result = engine.Save(File.ReadAllText(file));
                Console.WriteLine(result.Created
                    ? $"Saved segment '{result.Id}' version {result.Version} (compiled in {result.CompileTime.TotalMilliseconds:0} ms)."
                    : $"Segment '{result.Id}' is unchanged; version {result.Version} stays current.");
                ConsoleUi.Warnings(Console.Error, result.Warnings);
                return 0;
            }

            case "preview":
            {
                var file = target ?? throw new UsageException("'segment preview' needs a FILE.");
                var sample = line.Option("sample") is null ? (int?)null : (int)line.Number("sample", 0);
                var count = line.Flag("count") || sample is not null;
                using var engine = OpenEngine(line);
                var json = File.ReadAllText(file);
                ConsoleUi.Warnings(Console.Error, engine.Lint(json));
                if (!count)
                {
                    Console.Write(engine.Generate(json).Text);
                    return 0;
                }

                ConsoleUi.Audience(Console.Out, engine.CountAudienceAsync(json, new Engine.Insight.Preview.AudienceCountOptions { SampleSize = sample }).GetAwaiter().GetResult());
                return 0;
            }

            case "lint":
            {
                var idOrFile = target ?? throw new UsageException("'segment lint' needs an ID or a FILE.");
                using var engine = OpenEngine(line);
                var json = File.Exists(idOrFile)
                    ? File.ReadAllText(idOrFile)
                    : (engine.GetVersion(idOrFile) ?? throw new SegmentNotFoundException(idOrFile)).Document;
                var warnings = engine.Lint(json);
                if (warnings.Count == 0)
                {
                    Console.WriteLine("No flaws found in the logic.");
                }

                ConsoleUi.Warnings(Console.Out, warnings);
                return 0;
            }

            case "source":
            {
                var idOrFile = target ?? throw new UsageException("'segment source' needs an ID or a FILE.");
                using var engine = OpenEngine(line);
                Console.Write(File.Exists(idOrFile) ? engine.Generate(File.ReadAllText(idOrFile)).Text : engine.GetSource(idOrFile));
                return 0;
            }

            case "recalc":
            {
                var all = line.Flag("all");
                var batch = (int)line.Number("batch-size", 10_000);
                if (!all && target is null)
                {
                    throw new UsageException("'segment recalc' needs an ID or --all.");
                }

                using var engine = OpenEngine(line);
                var ids = all
                    ? engine.Segments().Where(s => s.Subject == Sdk.SubjectKinds.Profile && s.Status == SegmentStatus.Ready).Select(s => s.Id).ToList()
                    : [target!];
                var results = ids.Select(id => Recalculate(engine, id, batch)).ToList();
                ConsoleUi.Table(
                    Console.Out,
                    ["segment", "run", "evaluated at (UTC)", "members", "entered", "left", "scanned", "recalc ms", "profiles/s"],
                    results.Select(r => (IReadOnlyList<string>)
                    [
                        r.SegmentId, r.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), Instant(r.At),
                        ConsoleUi.Number(r.Members), ConsoleUi.Number(r.Entered), ConsoleUi.Number(r.Left),
                        ConsoleUi.Number(r.Scanned), ConsoleUi.Number(r.Duration.TotalMilliseconds), ConsoleUi.Number(r.ProfilesPerSecond),
                    ]));
                return 0;
            }

            case "runs":
            {
                var id = target ?? throw new UsageException("'segment runs' needs an ID.");
                var limit = (int)line.Number("limit", 20);
                using var engine = OpenEngine(line);
                _ = engine.Find(id) ?? throw new SegmentNotFoundException(id);
                ConsoleUi.Table(
                    Console.Out,
                    ["run", "version", "status", "evaluated at (UTC)", "members", "entered", "left", "ms", "by", "owner", "error"],
                    engine.Runs(id, before: null, limit).Select(r => (IReadOnlyList<string>)
                    [
                        r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Status,
                        r.Status == Engine.Runs.RunStates.Queued ? "-" : Instant(r.StartedAt), ConsoleUi.Number(r.Members), ConsoleUi.Number(r.Entered),
                        ConsoleUi.Number(r.Left), ConsoleUi.Number(r.DurationMs), r.StartedBy ?? "cli", r.Owner ?? "-", r.Error?.Split('\n')[0] ?? "",
                    ]));
                return 0;
            }

            case "explain":
            {
                var id = target ?? throw new UsageException("'segment explain' needs an ID and a PROFILE id.");
                var profile = line.Words.Count >= 4 && long.TryParse(line.Words[3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)
                    ? p
                    : throw new UsageException("'segment explain' needs a PROFILE id (a whole number) after the segment ID.");
                DateTimeOffset? at = line.Option("at") is { } text
                    ? DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                        ? parsed
                        : throw new UsageException($"Option --at must be an instant such as 2026-12-01T10:00:00Z, got '{text}'.")
                    : null;
                using var engine = OpenEngine(line);
                try
                {
                    ConsoleUi.Explanation(Console.Out, engine.Explain(id, profile, at));
                    return 0;
                }
                catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
                {
                    // No such profile, or an order segment.
                    Console.Error.WriteLine($"rulehost: {ex.Message}");
                    return 1;
                }
            }

            case "history":
            {
                var id = target ?? throw new UsageException("'segment history' needs an ID.");
                var limit = (int)line.Number("limit", 30);
                using var engine = OpenEngine(line);
                ConsoleUi.SizeChart(Console.Out, engine.SizeHistory(id, limit));
                return 0;
            }

            case "members":
            {
                var id = target ?? throw new UsageException("'segment members' needs an ID.");
                var after = line.Number("after", 0, min: 0);
                var limit = (int)line.Number("limit", 100);
                using var engine = OpenEngine(line);
                _ = engine.Find(id) ?? throw new SegmentNotFoundException(id);
                foreach (var member in engine.Members(id, after, limit))
                {
                    Console.WriteLine(member);
                }

                return 0;
            }

            case "list":
            {
                using var engine = OpenEngine(line);
                ConsoleUi.Table(
                    Console.Out,
                    ["segment", "name", "subject", "version", "status", "members"],
                    engine.Segments().Select(s => (IReadOnlyList<string>)
                        [s.Id, s.Name, s.Subject, s.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Status + (s.StatusReason is null ? "" : ": " + s.StatusReason.Split('\n')[0]), ConsoleUi.Number(engine.MemberCount(s.Id))]));
                return 0;
            }

            default:
                throw new UsageException($"Unknown segment sub-command '{sub}'.");
        }
    }

    /// <summary>A run's evaluation instant: every "now" of the run (last X days, ages) is this one.</summary>
    private static string Instant(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    private static RecalculationResult Recalculate(RuleEngine engine, string id, int batchSize)
    {
        try
        {
            return engine.Recalculate(id, engine.Options.Recalculation with
            {
                BatchSize = batchSize,
                Progress = p => ConsoleUi.Progress(id, p.Total == 0 ? 1 : (double)p.Scanned / p.Total),
            });
        }
        finally
        {
            ConsoleUi.EndProgress();
        }
    }
}
