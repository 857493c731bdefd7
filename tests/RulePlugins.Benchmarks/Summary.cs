namespace RulePlugins.Benchmarks;

/// <summary>One line of the summary table: a figure, the baseline measured in the same run, and their ratio.</summary>
internal sealed record SummaryRow(string Section, string Measurement, string Result, string Baseline, string Ratio);

/// <summary>Collects the headline figures of every section and prints them as a markdown block.</summary>
internal sealed class Summary(RunEnvironment environment)
{
    private readonly List<SummaryRow> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string section, string measurement, string result, string baseline, string ratio) =>
        _rows.Add(new SummaryRow(section, measurement, result, baseline, ratio));

    public void Note(string note) => _notes.Add(note);

    public void Print(TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine("================================================================================");
        Console.WriteLine(" Summary (markdown, paste into the README)");
        Console.WriteLine("================================================================================");
        Console.WriteLine();
        Console.WriteLine("### Benchmarks");
        Console.WriteLine();
        Console.WriteLine(
            $"Measured with `dotnet run -c Release --project tests/RulePlugins.Benchmarks -- --profiles {environment.Profiles}{(environment.Section == "all" ? "" : " --section " + environment.Section)}` " +
            $"on {environment.Date}: {environment.Cores} cores (`Environment.ProcessorCount`), {environment.Os} {environment.Architecture}, " +
            $"{environment.Runtime}, {environment.Configuration} build, {environment.Gc} GC. " +
            "Each ratio compares with a baseline measured in the same run; times are medians after warm-up unless marked cold or first.");
        Console.WriteLine();
        Console.WriteLine("| Section | Measurement | Result | Baseline (same run) | Ratio |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in _rows.OrderBy(r => r.Section, StringComparer.Ordinal))
        {
            Console.WriteLine($"| {Escape(row.Section)} | {Escape(row.Measurement)} | {Escape(row.Result)} | {Escape(row.Baseline)} | {Escape(row.Ratio)} |");
        }

        if (_notes.Count > 0)
        {
            Console.WriteLine();
            foreach (var note in _notes)
            {
                Console.WriteLine($"- {note}");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Total benchmark time: {Stats.Time(elapsed)}.");
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
