using System.Collections.Immutable;
using RulePlugins.Engine.Plugins;

namespace RulePlugins.Engine.CodeGen;

/// <summary>The lines of generated source that one tree node produced (0-based, inclusive).</summary>
public sealed record SourceSpan(int StartLine, int EndLine, string Path);

/// <summary>The C# source of one segment predicate, with what is needed to compile and run it.</summary>
/// <param name="SegmentId">The segment the source belongs to.</param>
/// <param name="Text">The source text.</param>
/// <param name="TypeName">The full name of the generated predicate class.</param>
/// <param name="Plan">The tables the predicate reads, by slot.</param>
/// <param name="Plugins">The plugins the source references, ordered by name.</param>
/// <param name="Spans">Which lines each tree node produced, for mapping compile errors back to the tree.</param>
public sealed record GeneratedSource(string SegmentId, string Text, string TypeName, DataPlan Plan, ImmutableArray<LoadedPlugin> Plugins, ImmutableArray<SourceSpan> Spans)
{
    /// <summary>The paths of the conditions that show a value when explained (their type's <c>EmitValue</c> gave one).</summary>
    public ImmutableHashSet<string> ValuePaths { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// The SQL filter a recalculation selects its candidates with, on the engine's database; null when nothing in the tree
    /// translates (every profile is judged by the predicate) or the segment selects orders.
    /// </summary>
    public Pushdown.Prefilter? Prefilter { get; init; }

    /// <summary>The path of the innermost node whose lines contain <paramref name="line"/>, or null.</summary>
    public string? PathAt(int line) =>
        Spans.Where(s => s.StartLine <= line && line <= s.EndLine)
            .OrderBy(s => s.EndLine - s.StartLine)
            .Select(s => s.Path)
            .FirstOrDefault();
}
