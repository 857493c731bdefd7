using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RulePlugins.Cli;

/// <summary>
/// Console output: progress bars, tables, trees and charts drawn with Spectre.Console when the stream is a terminal, the
/// same content as plain, stable text when it is redirected (scripts, tests, CI).
/// </summary>
internal static class ConsoleUi
{
    /// <summary>
    /// Runs <paramref name="work"/>, which reports <c>(step, fraction done)</c>; when stderr is a terminal each step is
    /// drawn there as a progress bar with its rate (in profiles per second when <paramref name="profiles"/> is known)
    /// and the time left, cleared at the end. Otherwise nothing is drawn.
    /// </summary>
    public static T WithProgress<T>(long? profiles, Func<Action<string, double>, T> work)
    {
        if (Terminal(Console.Error) is not { } terminal)
        {
            return work(static (_, _) => { });
        }

        var total = profiles ?? 100;
        return Bars(terminal, profiles is null ? null : "profiles").Start(context =>
        {
            // Steps run one after another: each starts when the one before it reported last (the first, now).
            var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
            ProgressTask? current = null;
            var since = Stopwatch.GetTimestamp();
            var result = work((step, fraction) =>
            {
                lock (tasks)
                {
                    if (!tasks.TryGetValue(step, out var task))
                    {
                        current?.Value = current.MaxValue;
                        task = tasks[step] = context.AddTask(Markup.Escape(step), maxValue: total);
                        task.Tag = since;
                    }

                    current = task;
                    task.Value = Math.Clamp(fraction, 0, 1) * total;
                    since = Stopwatch.GetTimestamp();
                }
            });
            current?.Value = current.MaxValue;
            return result;
        });
    }

    /// <inheritdoc cref="WithProgress{T}(long?, Func{Action{string, double}, T})"/>
    public static void WithProgress(long? profiles, Action<Action<string, double>> work) =>
        WithProgress(profiles, progress =>
        {
            work(progress);
            return true;
        });

    /// <summary>
    /// Runs <paramref name="work"/>, which reports <c>(profiles done, profiles in all)</c>; when stderr is a terminal it
    /// is drawn there as one progress bar named <paramref name="step"/>, with profiles per second and the time left.
    /// </summary>
    public static T WithCount<T>(string step, Func<Action<long, long>, T> work)
    {
        if (Terminal(Console.Error) is not { } terminal)
        {
            return work(static (_, _) => { });
        }

        return Bars(terminal, "profiles").Start(context =>
        {
            var task = context.AddTask(Markup.Escape(step), maxValue: 1);
            task.Tag = Stopwatch.GetTimestamp();
            var result = work((done, total) =>
            {
                task.MaxValue = Math.Max(1, total);
                task.Value = total == 0 ? task.MaxValue : done;
            });
            task.Value = task.MaxValue;
            return result;
        });
    }

    // The step being worked on only: a finished one is hidden, and everything is cleared at the end.
    private static Progress Bars(IAnsiConsole terminal, string? unit) =>
        terminal.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(unit is null
                ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingColumn(), new SpinnerColumn()]
                : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(unit), new RemainingColumn(), new SpinnerColumn()]);

    /// <summary>
    /// A step's average rate since it started (its <see cref="ProgressTask.Tag"/>, a <see cref="Stopwatch"/> timestamp), in
    /// units per second; null in its first half second, when there is too little to tell. Steps report coarsely (every
    /// 100,000 profiles, say), so an average is steadier than the rate between two reports.
    /// </summary>
    private static double? Rate(ProgressTask task)
    {
        if (task.Tag is not long start || Stopwatch.GetElapsedTime(start) is not { TotalSeconds: >= 0.5 } elapsed || task.Value <= 0)
        {
            return null;
        }

        return task.Value / elapsed.TotalSeconds;
    }

    /// <summary>
    /// A console that draws on <paramref name="output"/> when it is the process's stdout or stderr and that is a
    /// terminal; null when it is redirected (a file, a pipe, a test), where the plain text is written instead.
    /// </summary>
    private static IAnsiConsole? Terminal(TextWriter output)
    {
        var terminal = (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            || (ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected);
        return terminal ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }) : null;
    }

    /// <summary>
    /// Writes lint warnings, one paragraph each: <c>warning [rule] path: message</c>, then the rewrite indented when
    /// there is one.
    /// </summary>
    public static void Warnings(TextWriter output, IReadOnlyList<Engine.Insight.Lint.LintWarning> warnings)
    {
        foreach (var warning in warnings)
        {
            output.WriteLine($"warning [{warning.Rule}] {warning.Path}: {warning.Message}");
            if (warning.Rewrite is { } rewrite)
            {
                output.WriteLine($"  rewrite: {rewrite}");
            }
        }
    }

    /// <summary>
    /// Writes an audience count: the members (and, for a sample, the estimate), then every node indented by depth with
    /// its count, as a logic diagram shows them beside each box.
    /// </summary>
    public static void Audience(TextWriter output, Engine.Insight.Preview.AudienceCount count)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(count.EvaluatedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine(count.Sampled
            ? $"Members: {Number(count.Members)} of a sample of {Number(count.Counted)} profiles (of {Number(count.Profiles)}): about {Number(count.EstimatedMembers)} in all."
            : $"Members: {Number(count.Members)} of {Number(count.Profiles)} profiles.");
        output.WriteLine($"Evaluated at {at} UTC in {Number(count.Duration.TotalMilliseconds)} ms; nothing was stored.");
        var width = count.Nodes.Max(n => Number(n.Count).Length);
        foreach (var node in count.Nodes)
        {
            var depth = node.Path.Count(c => c == '[');
            output.WriteLine($"  {Number(node.Count).PadLeft(width)}  {new string(' ', depth * 2)}{node.Path}: {node.Description}");
        }
    }

    /// <summary>
    /// Writes a segment's size over its runs as a bar chart, one line per run, oldest first: the evaluation instant, a
    /// bar as long as the member count is against the largest, the count and what entered and left.
    /// </summary>
    public static void SizeChart(TextWriter output, IReadOnlyList<Engine.Insight.SizePoint> points, int width = 40)
    {
        if (points.Count == 0)
        {
            output.WriteLine("No successful run yet; recalculate the segment first.");
            return;
        }

        if (Terminal(output) is { } terminal)
        {
            var chart = new BarChart().Width(Math.Min(100, terminal.Profile.Width)).Label("Members after each successful run, oldest first");
            foreach (var point in points)
            {
                var when = DateTimeOffset.FromUnixTimeMilliseconds(point.At).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                chart.AddItem(Markup.Escape($"{when} +{Number(point.Entered)} -{Number(point.Left)}"), point.Members, Color.SteelBlue1);
            }

            terminal.Write(chart);
            return;
        }

        var largest = Math.Max(1, points.Max(p => p.Members));
        var digits = points.Max(p => Number(p.Members).Length);
        foreach (var point in points)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(point.At).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var length = (int)Math.Round(width * (double)point.Members / largest);
            var bar = new string('#', length).PadRight(width);
            output.WriteLine($"{at}  {bar}  {Number(point.Members).PadLeft(digits)}  +{Number(point.Entered)} -{Number(point.Left)}");
        }
    }

    /// <summary>
    /// Writes why a profile is or is not a member: the answer and the instant, then the tree, each node marked
    /// <c>[held]</c> or <c>[not held]</c> as the order-segment explanation does, and under each condition the rows it read
    /// (columns separated by <c>|</c>).
    /// </summary>
    public static void Explanation(TextWriter output, Engine.Insight.Explain.ProfileExplanation explanation)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(explanation.EvaluatedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        output.WriteLine($"Profile {explanation.ProfileId} is {(explanation.Member ? "a member" : "not a member")} of segment '{explanation.SegmentId}' (version {explanation.Version}).");
        output.WriteLine($"Evaluated at {at} UTC, {explanation.Instant}.");
        output.WriteLine(explanation.StoredMember switch
        {
            null => "There is no stored membership yet.",
            var stored when stored == explanation.Member => $"The stored membership of run {explanation.RunId} agrees.",
            var stored => $"The stored membership of run {explanation.RunId} says {(stored.Value ? "member" : "not a member")}: the data or the instant changed since that run.",
        });
        if (Terminal(output) is { } terminal)
        {
            var tree = new Tree(Held(explanation.Root.Held, explanation.Root.Path, explanation.Root.Description));
            AddExplained(tree, explanation.Root);
            terminal.Write(tree);
            return;
        }

        Node(explanation.Root, 0);

        void Node(Engine.Insight.Explain.ExplainedNode node, int depth)
        {
            var indent = new string(' ', depth * 2);
            output.WriteLine($"{indent}{(node.Held ? "[held]    " : "[not held]")} {node.Path}: {node.Description}");
            if (node.Value is { } value)
            {
                output.WriteLine($"{indent}           value compared: {value}");
            }

            foreach (var rows in node.Data)
            {
                var window = rows.Window is null ? string.Empty : $" ({rows.Window})";
                output.WriteLine($"{indent}           {rows.Table}{window}: {Number(rows.Count)} row{(rows.Count == 1 ? "" : "s")}{(rows.Columns.Count == 0 ? "" : ": " + string.Join(" | ", rows.Columns))}");
                foreach (var row in rows.Rows)
                {
                    output.WriteLine($"{indent}             {string.Join(" | ", row.Select(v => v ?? "(empty)"))}");
                }

                if (rows.Count > rows.Rows.Count)
                {
                    output.WriteLine($"{indent}             ... and {Number(rows.Count - rows.Rows.Count)} more");
                }
            }

            foreach (var item in node.Items)
            {
                Node(item, depth + 1);
            }
        }
    }

    /// <summary>Writes rows as a table with a header and aligned columns (numbers right-aligned).</summary>
    public static void Table(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        if (Terminal(output) is { } terminal)
        {
            var numbers = header.Select((_, i) => all.Count > 0 && all.All(r => IsNumber(r[i]))).ToArray();
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var (name, i) in header.Select((h, i) => (h, i)))
            {
                table.AddColumn(new TableColumn(new Text(name, new Style(decoration: Decoration.Bold))) { Alignment = numbers[i] ? Justify.Right : Justify.Left });
            }

            foreach (var row in all)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
            }

            terminal.Write(table);
            return;
        }

        var widths = header.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        var numeric = header.Select((_, i) => all.Count > 0 && all.All(r => IsNumber(r[i]))).ToArray();
        string Format(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => numeric[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Format(header));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in all)
        {
            output.WriteLine(Format(row));
        }
    }

    /// <summary>
    /// Writes an order segment's answer, then which conditions held: a tree on a terminal, else the engine's indented
    /// lines.
    /// </summary>
    public static void Evaluation(TextWriter output, Engine.Evaluation.SubjectEvaluation evaluation)
    {
        if (Terminal(output) is not { } terminal)
        {
            output.Write(evaluation.Describe());
            return;
        }

        var answer = $"{(evaluation.Matched ? "[green]MATCHED[/]" : "[red]NOT MATCHED[/]")}: segment \"{Markup.Escape(evaluation.SegmentId)}\" v{evaluation.Version}";
        if (evaluation.Explanation is not { } root)
        {
            terminal.MarkupLine(answer);
            return;
        }

        var tree = new Tree(new Markup(answer));
        AddOutcome(tree.AddNode(Held(root.Held, root.Path, root.Description)), root);
        terminal.Write(tree);

        static void AddOutcome(TreeNode parent, Engine.Evaluation.NodeOutcome node)
        {
            foreach (var item in node.Items)
            {
                AddOutcome(parent.AddNode(Held(item.Held, item.Path, item.Description)), item);
            }
        }
    }

    private static void AddExplained(IHasTreeNodes parent, Engine.Insight.Explain.ExplainedNode node)
    {
        if (node.Value is { } value)
        {
            parent.AddNode(new Markup($"value compared: [bold]{Markup.Escape(value)}[/]"));
        }

        foreach (var rows in node.Data)
        {
            var window = rows.Window is null ? string.Empty : $" ({rows.Window})";
            // A title is markup: the table's name and window are escaped like every value drawn.
            var data = new Table().Border(TableBorder.Simple).Title(new TableTitle(
                Markup.Escape($"{rows.Table}{window}: {Number(rows.Count)} row{(rows.Count == 1 ? "" : "s")}"), new Style(Color.Grey)));
            foreach (var column in rows.Columns.Count == 0 ? ["(no columns)"] : rows.Columns)
            {
                data.AddColumn(new TableColumn(new Text(column)));
            }

            foreach (var row in rows.Rows)
            {
                data.AddRow(row.Select(v => (IRenderable)new Text(v ?? "(empty)")));
            }

            if (rows.Count > rows.Rows.Count)
            {
                data.Caption(new TableTitle($"... and {Number(rows.Count - rows.Rows.Count)} more", new Style(Color.Grey)));
            }

            parent.AddNode(data);
        }

        foreach (var item in node.Items)
        {
            AddExplained(parent.AddNode(Held(item.Held, item.Path, item.Description)), item);
        }
    }

    private static Markup Held(bool held, string path, string description) =>
        new($"{(held ? "[green]held[/]" : "[red]not held[/]")} {Markup.Escape(path)}: {Markup.Escape(description)}");

    /// <summary>A number with thousands separators, the same in every culture.</summary>
    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static bool IsNumber(string text) =>
        text.Length > 0 && double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>A progress column with the step's rate in <c>unit</c> per second.</summary>
    private sealed class RateColumn(string unit) : ProgressColumn
    {
        /// <inheritdoc />
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(Rate(task) is { } rate ? $"{Number(rate)} {unit}/s" : string.Empty, new Style(Color.Grey));
    }

    /// <summary>A progress column with the time the step still needs at its rate so far (<c>--:--:--</c> until known).</summary>
    private sealed class RemainingColumn : ProgressColumn
    {
        /// <inheritdoc />
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(
                Rate(task) is { } rate ? TimeSpan.FromSeconds(Math.Ceiling((task.MaxValue - task.Value) / rate)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--",
                new Style(Color.Blue));
    }
}
