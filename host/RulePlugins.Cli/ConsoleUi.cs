using System.Globalization;
using System.Text;

namespace RulePlugins.Cli;

/// <summary>Console output helpers: a progress bar on long steps and aligned tables.</summary>
internal static class ConsoleUi
{
    private static string? _lastLine;

    /// <summary>Draws a progress bar on stderr when it is a terminal; otherwise stays quiet.</summary>
    public static void Progress(string step, double fraction)
    {
        if (Console.IsErrorRedirected)
        {
            return;
        }

        fraction = Math.Clamp(fraction, 0, 1);
        const int width = 30;
        var filled = (int)(fraction * width);
        var line = $"\r  {step,-22} [{new string('#', filled)}{new string('.', width - filled)}] {fraction * 100,5:0.0}%";
        if (line != _lastLine)
        {
            Console.Error.Write(line);
            _lastLine = line;
        }
    }

    /// <summary>Ends a progress bar line.</summary>
    public static void EndProgress()
    {
        if (!Console.IsErrorRedirected && _lastLine is not null)
        {
            Console.Error.Write("\r" + new string(' ', _lastLine.Length) + "\r");
        }

        _lastLine = null;
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
        Node(explanation.Root, 0);

        void Node(Engine.Insight.Explain.ExplainedNode node, int depth)
        {
            var indent = new string(' ', depth * 2);
            output.WriteLine($"{indent}{(node.Held ? "[held]    " : "[not held]")} {node.Path}: {node.Description}");
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

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static bool IsNumber(string text) =>
        text.Length > 0 && double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public static string Indent(string text, string prefix)
    {
        var builder = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            builder.Append(prefix).Append(line).Append('\n');
        }

        return builder.ToString();
    }
}
