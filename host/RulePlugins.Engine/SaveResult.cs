using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Insight.Lint;

namespace RulePlugins.Engine;

/// <summary>The outcome of saving a segment document.</summary>
/// <param name="Id">The segment id.</param>
/// <param name="Version">The version now current.</param>
/// <param name="Created">False when the document was unchanged and the existing version was kept.</param>
/// <param name="Source">The generated source.</param>
/// <param name="CompileTime">How long the Roslyn compilation took (on its compile thread; in a worker, with the round trip).</param>
/// <param name="QueueTime">How long the save waited for a compilation slot.</param>
public sealed record SaveResult(string Id, int Version, bool Created, GeneratedSource Source, TimeSpan CompileTime, TimeSpan QueueTime = default)
{
    /// <summary>The flaws lint found in the document's logic; they never refuse a save.</summary>
    public IReadOnlyList<LintWarning> Warnings { get; init; } = [];
}

/// <summary>A document checked without being stored: the source it would compile to, and its lint warnings.</summary>
/// <param name="Source">The generated source and data plan.</param>
/// <param name="Warnings">The flaws lint found in the document's logic.</param>
public sealed record SegmentPreview(GeneratedSource Source, IReadOnlyList<LintWarning> Warnings);
