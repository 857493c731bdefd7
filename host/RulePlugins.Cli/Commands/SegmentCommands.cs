using System.CommandLine;
using RulePlugins.Engine;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Engine.Store;

namespace RulePlugins.Cli;

internal static partial class Commands
{
    /// <summary><c>segment save|preview|lint|source|recalc|runs|explain|history|members|list</c>.</summary>
    private static Command SegmentCommand() => new("segment", "Profile segments: save, check, recalculate and inspect them")
    {
        SaveCommand(), PreviewCommand(), LintCommand(), SourceCommand(), RecalcCommand(), RunsCommand(), ExplainCommand(),
        HistoryCommand(), MembersCommand(), ListCommand(),
    };

    private static Command SaveCommand()
    {
        var file = Required("FILE", "The segment document (JSON)");
        var command = new Command("save", "Validate, compile and store a segment document; flaws in its logic are printed as warnings (stderr)") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(file);
            using var engine = OpenEngine(parse);
            var result = FromFile(path, () => engine.Save(ReadInput(path, SegmentDocument)));
            Console.WriteLine(result.Created
                ? $"Saved segment '{result.Id}' version {result.Version} (compiled in {result.CompileTime.TotalMilliseconds:0} ms)."
                : $"Segment '{result.Id}' is unchanged; version {result.Version} stays current.");
            ConsoleUi.Warnings(Console.Error, result.Warnings);
            return 0;
        });
        return command;
    }

    private static Command PreviewCommand()
    {
        var file = Required("FILE", "The segment document (JSON)");
        var countOption = Flag("--count", "Count the members and each node's, now, instead of printing the generated C#");
        var sampleOption = WholeNumber("--sample", "Count over a random draw of about N profiles (implies --count)", null);
        var command = new Command(
            "preview",
            "Lint warnings, and the generated C#; with --count the member count and each node's, now. Nothing is stored")
        {
            file, countOption, sampleOption,
        };
        command.SetAction(parse =>
        {
            var sample = parse.GetResult(sampleOption) is { Implicit: false } ? (int?)parse.GetValue(sampleOption) : null;
            var count = parse.GetValue(countOption) || sample is not null;
            var path = parse.GetRequiredValue(file);
            using var engine = OpenEngine(parse);
            var json = ReadInput(path, SegmentDocument);
            ConsoleUi.Warnings(Console.Error, FromFile(path, () => engine.Lint(json)));
            if (!count)
            {
                Console.Write(engine.Generate(json).Text);
                return 0;
            }

            ConsoleUi.Audience(Console.Out, engine.CountAudienceAsync(json, new Engine.Insight.Preview.AudienceCountOptions { SampleSize = sample }).GetAwaiter().GetResult());
            return 0;
        });
        return command;
    }

    private static Command LintCommand()
    {
        var target = Required("ID|FILE", "A stored segment's id, or a document file");
        var command = new Command(
            "lint",
            "The flaws in a document's logic: OR of negations, always or never true, repeats, one-item groups, large \"not in\"")
        {
            target,
        };
        command.SetAction(parse =>
        {
            var idOrFile = parse.GetRequiredValue(target);
            using var engine = OpenEngine(parse);
            var fromFile = IsFileArgument(idOrFile);
            var json = fromFile
                ? ReadInput(idOrFile, SegmentDocument)
                : (engine.GetVersion(idOrFile) ?? throw new SegmentNotFoundException(idOrFile)).Document;
            var warnings = fromFile ? FromFile(idOrFile, () => engine.Lint(json)) : engine.Lint(json);
            if (warnings.Count == 0)
            {
                Console.WriteLine("No flaws found in the logic.");
            }

            ConsoleUi.Warnings(Console.Out, warnings);
            return 0;
        });
        return command;
    }

    private static Command SourceCommand()
    {
        var target = Required("ID|FILE", "A stored segment's id, or a document file");
        var sqlOption = Flag("--sql", "Also print the SQL prefilter a recalculation selects its candidates with on this database");
        var command = new Command("source", "Print the generated C# of a stored segment or a document") { target, sqlOption };
        command.SetAction(parse =>
        {
            var idOrFile = parse.GetRequiredValue(target);
            using var engine = OpenEngine(parse);
            Engine.Pushdown.Prefilter? prefilter;
            if (IsFileArgument(idOrFile))
            {
                var generated = FromFile(idOrFile, () => engine.Generate(ReadInput(idOrFile, SegmentDocument)));
                Console.Write(generated.Text);
                prefilter = generated.Prefilter;
            }
            else
            {
                Console.Write(engine.GetSource(idOrFile));
                prefilter = parse.GetValue(sqlOption) ? engine.GetPrefilter(idOrFile) : null;
            }

            if (parse.GetValue(sqlOption))
            {
                Console.WriteLine();
                Console.WriteLine($"-- SQL prefilter on {engine.DatabaseProvider}: the candidates a recalculation loads; the predicate above judges each of them.");
                Console.Write(prefilter?.Describe() ?? "-- none: no condition of the tree translates to SQL, so every profile is judged.\n");
            }

            return 0;
        });
        return command;
    }

    private static Command RecalcCommand()
    {
        var target = new Argument<string>("ID") { Description = "The segment to recalculate (or --all)", Arity = ArgumentArity.ZeroOrOne };
        var allOption = Flag("--all", "Recalculate every ready profile segment");
        var batchOption = WholeNumber("--batch-size", "Profiles per batch", 10_000, max: int.MaxValue);
        var noPushdownOption = Flag("--no-pushdown", "Judge every profile with the predicate instead of the candidates the SQL prefilter selects (the same members)");
        var command = new Command("recalc", "Recalculate one or every profile segment; prints each run with its evaluation instant")
        {
            target, allOption, batchOption, noPushdownOption,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(target) is null && !result.GetValue(allOption))
            {
                result.AddError("'segment recalc' needs an ID or --all.");
            }
        });
        command.SetAction(parse =>
        {
            var batch = (int)parse.GetValue(batchOption);
            using var engine = OpenEngine(parse);
            var ids = parse.GetValue(allOption)
                ? engine.Segments().Where(s => s.Subject == Sdk.SubjectKinds.Profile && s.Status == SegmentStatus.Ready).Select(s => s.Id).ToList()
                : [parse.GetRequiredValue(target)];
            // With --all a segment that fails is reported and the others still run; the exit code says one failed.
            var results = new List<RecalculationResult>();
            var failures = new List<string>();
            foreach (var id in ids)
            {
                try
                {
                    results.Add(Recalculate(engine, id, batch, !parse.GetValue(noPushdownOption)));
                }
                catch (Exception ex) when (ids.Count > 1 && ex is SegmentEvaluationException or SegmentUnavailableException or SegmentInUseException
                    or Engine.Runs.RunLeaseLostException)
                {
                    failures.Add(ex.Message);
                }
            }

            ConsoleUi.Table(
                Console.Out,
                ["segment", "run", "evaluated at (UTC)", "members", "entered", "left", "scanned", "judged", "recalc ms", "profiles/s"],
                results.Select(r => (IReadOnlyList<string>)
                [
                    r.SegmentId, r.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), Instant(r.At),
                    ConsoleUi.Number(r.Members), ConsoleUi.Number(r.Entered), ConsoleUi.Number(r.Left),
                    ConsoleUi.Number(r.Scanned), ConsoleUi.Number(r.Judged), ConsoleUi.Number(r.Duration.TotalMilliseconds), ConsoleUi.Number(r.ProfilesPerSecond),
                ]));
            foreach (var failure in failures)
            {
                Console.Error.WriteLine($"rulehost: {failure}");
            }

            return failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command RunsCommand()
    {
        var target = Required("ID", "The segment");
        var limitOption = WholeNumber("--limit", "How many runs", 20, max: int.MaxValue);
        var command = new Command("runs", "A segment's runs, newest first: status, evaluation instant, members, entered, left, owner")
        {
            target, limitOption,
        };
        command.SetAction(parse =>
        {
            var id = parse.GetRequiredValue(target);
            using var engine = OpenEngine(parse);
            _ = engine.Find(id) ?? throw new SegmentNotFoundException(id);
            ConsoleUi.Table(
                Console.Out,
                ["run", "version", "status", "evaluated at (UTC)", "members", "entered", "left", "ms", "by", "owner", "error"],
                engine.Runs(id, before: null, (int)parse.GetValue(limitOption)).Select(r => (IReadOnlyList<string>)
                [
                    r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Status,
                    r.Status == Engine.Runs.RunStates.Queued ? "-" : Instant(r.StartedAt), ConsoleUi.Number(r.Members), ConsoleUi.Number(r.Entered),
                    ConsoleUi.Number(r.Left), ConsoleUi.Number(r.DurationMs), r.StartedBy ?? "cli", r.Owner ?? "-", r.Error?.Split('\n')[0] ?? "",
                ]));
            return 0;
        });
        return command;
    }

    private static Command ExplainCommand()
    {
        var target = Required("ID", "The segment");
        var profileArgument = new Argument<long>("PROFILE")
        {
            Description = "The profile id",
            CustomParser = result =>
            {
                if (long.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var profile))
                {
                    return profile;
                }

                result.AddError(ProfileNeeded);
                return 0;
            },
        };
        var atOption = new Option<DateTimeOffset?>("--at")
        {
            Description = "Evaluate at this instant, e.g. 2026-12-01T10:00:00Z (default: the last run's instant, that of the stored membership)",
            HelpName = "INSTANT",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
                {
                    return at;
                }

                result.AddError($"Option --at must be an instant such as 2026-12-01T10:00:00Z, got '{text}'.");
                return null;
            },
        };
        var command = new Command(
            "explain",
            "Why a profile is or is not a member: each node's answer and the rows each condition read, at the last run's instant unless --at is given")
        {
            target, profileArgument, atOption,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(profileArgument) is not { Tokens.Count: > 0 })
            {
                result.AddError(ProfileNeeded);
            }
        });
        command.SetAction(parse =>
        {
            using var engine = OpenEngine(parse);
            try
            {
                ConsoleUi.Explanation(Console.Out, engine.Explain(parse.GetRequiredValue(target), parse.GetValue(profileArgument), parse.GetValue(atOption)));
                return 0;
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
            {
                // No such profile, or an order segment.
                Console.Error.WriteLine($"rulehost: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private const string SegmentDocument = "Segment document";

    private const string ProfileNeeded = "'segment explain' needs a PROFILE id (a whole number) after the segment ID.";

    private static Command HistoryCommand()
    {
        var target = Required("ID", "The segment");
        var limitOption = WholeNumber("--limit", "How many of the last runs", 30, max: int.MaxValue);
        var command = new Command("history", "Members, entered and left after each successful run, as a chart, oldest first")
        {
            target, limitOption,
        };
        command.SetAction(parse =>
        {
            var id = parse.GetRequiredValue(target);
            using var engine = OpenEngine(parse);
            ConsoleUi.SizeChart(Console.Out, engine.SizeHistory(id, (int)parse.GetValue(limitOption)));
            return 0;
        });
        return command;
    }

    private static Command MembersCommand()
    {
        var target = Required("ID", "The segment");
        var afterOption = WholeNumber("--after", "Only profile ids greater than N (to page on)", 0, min: 0);
        var limitOption = WholeNumber("--limit", "How many ids", 100, max: int.MaxValue);
        var command = new Command("members", "Print member profile ids, in ascending order") { target, afterOption, limitOption };
        command.SetAction(parse =>
        {
            var id = parse.GetRequiredValue(target);
            using var engine = OpenEngine(parse);
            _ = engine.Find(id) ?? throw new SegmentNotFoundException(id);
            foreach (var member in engine.Members(id, parse.GetValue(afterOption), (int)parse.GetValue(limitOption)))
            {
                Console.WriteLine(member);
            }

            return 0;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var command = new Command("list", "List stored segments");
        command.SetAction(parse =>
        {
            using var engine = OpenEngine(parse);
            ConsoleUi.Table(
                Console.Out,
                ["segment", "name", "subject", "version", "status", "members"],
                engine.Segments().Select(s => (IReadOnlyList<string>)
                    [s.Id, s.Name, s.Subject, s.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Status + (s.StatusReason is null ? "" : ": " + s.StatusReason.Split('\n')[0]), ConsoleUi.Number(engine.MemberCount(s.Id))]));
            return 0;
        });
        return command;
    }

    /// <summary>A run's evaluation instant: every "now" of the run (last X days, ages) is this one.</summary>
    private static string Instant(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Recalculates one segment. A predicate that fails on the data (a plugin refusing it: a currency with no rate, say)
    /// fails the run, which is recorded as failed, and throws <see cref="SegmentEvaluationException"/> with the plugin's
    /// message; the engine's own refusals (unknown, unavailable, in use, cancelled, database) pass as they are.
    /// </summary>
    private static RecalculationResult Recalculate(RuleEngine engine, string id, int batchSize, bool pushdown)
    {
        try
        {
            return ConsoleUi.WithCount(id, progress => engine.Recalculate(id, engine.Options.Recalculation with
            {
                BatchSize = batchSize,
                Pushdown = pushdown,
                Progress = p => progress(p.Scanned, p.Total),
            }));
        }
        catch (Exception ex) when (ex is not (SegmentNotFoundException or SegmentUnavailableException or SegmentInUseException
            or Engine.Runs.RunLeaseLostException or OperationCanceledException or System.Data.Common.DbException or Engine.Data.DatabaseUnavailableException))
        {
            var cause = ex is AggregateException { InnerExceptions: [var first, ..] } ? first : ex;
            throw new SegmentEvaluationException(id, (int)(engine.Find(id)?.CurrentVersion ?? 0), cause);
        }
    }
}
