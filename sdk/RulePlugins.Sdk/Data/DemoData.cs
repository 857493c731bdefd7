namespace RulePlugins.Sdk.Data;

/// <summary>Fills a plugin's tables with synthetic, deterministic data for demos, tests and benchmarks.</summary>
public interface IDemoDataGenerator
{
    /// <summary>Writes rows for the profiles <c>1..ProfileCount</c>. Must be deterministic for a given <see cref="DemoDataContext.Seed"/>.</summary>
    void Generate(DemoDataContext context);

    /// <summary>Example segment documents (JSON) that show the plugin's conditions; the demo saves and recalculates them.</summary>
    IEnumerable<string> ExampleSegments => [];

    /// <summary>Example subject documents (an order) for segments whose subject is read from documents; the demo evaluates them.</summary>
    IEnumerable<ExampleDocument> ExampleDocuments => [];
}

/// <summary>An example subject document a demo evaluates against the segments of its subject kind.</summary>
/// <param name="Subject">The subject kind, e.g. <c>order</c>.</param>
/// <param name="Name">A short name for the example.</param>
/// <param name="Json">The document.</param>
public sealed record ExampleDocument(string Subject, string Name, string Json);

/// <summary>What a demo data generator receives from the host.</summary>
public abstract class DemoDataContext
{
    /// <summary>How many profiles exist; their ids are 1 to this number.</summary>
    public abstract long ProfileCount { get; }

    /// <summary>The seed for the generator's random numbers.</summary>
    public abstract int Seed { get; }

    /// <summary>"Now" for the generated data, in Unix milliseconds; timestamps are spread before it.</summary>
    public abstract long NowUnixMilliseconds { get; }

    /// <summary>Opens a writer that appends rows to <paramref name="table"/>, in the dialect of the database, in one transaction.</summary>
    /// <param name="table">One of the plugin's tables.</param>
    /// <param name="columns">The columns each row gives values for, in order; include the subject key column.</param>
    public abstract IRowWriter OpenWriter(TableDefinition table, IReadOnlyList<string> columns);

    /// <summary>
    /// Writes the rows of a reference table of ids and names (scenarios, campaigns, popups, programs…), in one writer
    /// on its <c>id</c> and <c>name</c> columns.
    /// </summary>
    public void WriteIdsAndNames(TableDefinition table, IEnumerable<(string Id, string Name)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = OpenWriter(table, ["id", "name"]);
        foreach (var (id, name) in rows)
        {
            writer.Add(id, name);
        }
    }

    /// <summary>Reports progress of a long generation step (0 to 1).</summary>
    public virtual void ReportProgress(string step, double fraction)
    {
    }

    /// <summary>
    /// The profile ids 1 to <see cref="ProfileCount"/> in order, reporting the progress of <paramref name="step"/> every
    /// 50,000 profiles: the loop of a generator that writes each profile's rows in turn.
    /// </summary>
    public IEnumerable<long> Profiles(string step)
    {
        for (var profile = 1L; profile <= ProfileCount; profile++)
        {
            yield return profile;
            if (profile % ProgressEvery == 0)
            {
                ReportProgress(step, (double)profile / ProfileCount);
            }
        }
    }

    private const int ProgressEvery = 50_000;
}

/// <summary>Appends rows to one table. Disposing commits what was written.</summary>
public interface IRowWriter : IDisposable
{
    /// <summary>Appends one row; values are in the order of the columns the writer was opened with.</summary>
    void Add(params ReadOnlySpan<object?> values);
}
