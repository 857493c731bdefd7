using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Compilation;

/// <summary>
/// A segment version ready to evaluate: its predicate, loaded in its own collectible context, and the data
/// plan that says which rows to load for it. <see cref="Unload"/> releases the code.
/// </summary>
internal sealed class CompiledSegment
{
    private SegmentLoadContext? _context;

    private CompiledSegment(string segmentId, int version, string subject, CompiledPredicate predicate, DataPlan plan, ImmutableHashSet<string> valuePaths, SegmentLoadContext context)
    {
        ValuePaths = valuePaths;
        SegmentId = segmentId;
        Version = version;
        Subject = subject;
        Predicate = predicate;
        Plan = plan;
        _context = context;
    }

    /// <summary>The segment id.</summary>
    public string SegmentId { get; }

    /// <summary>The segment version this predicate was compiled from.</summary>
    public int Version { get; }

    /// <summary>What the segment selects: profile or order.</summary>
    public string Subject { get; }

    /// <summary>The compiled predicate; thread-safe.</summary>
    public CompiledPredicate Predicate { get; }

    /// <summary>The tables to load for each batch, by slot.</summary>
    public DataPlan Plan { get; }

    /// <summary>The SQL filter that selects the candidates of a recalculation, or null when every profile is judged.</summary>
    public Pushdown.Prefilter? Prefilter { get; private init; }

    /// <summary>The conditions whose <see cref="CompiledPredicate.ConditionValue"/> is a value, by path: a null from one of them is an unknown value.</summary>
    public ImmutableHashSet<string> ValuePaths { get; }

    /// <summary>Loads compiled bytes into a new collectible context and creates the predicate.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CompiledSegment Load(GeneratedSource source, int version, string subject, byte[] assembly)
    {
        var context = new SegmentLoadContext($"{source.SegmentId} v{version}", source.Plugins.Select(p => p.Assembly));
        using var stream = new MemoryStream(assembly, writable: false);
        var loaded = context.LoadFromStream(stream);
        var type = loaded.GetType(source.TypeName, throwOnError: true)!;
        var predicate = (CompiledPredicate)Activator.CreateInstance(type)!;
        return new CompiledSegment(source.SegmentId, version, subject, predicate, source.Plan, source.ValuePaths, context) { Prefilter = source.Prefilter };
    }

    /// <summary>Starts unloading the predicate's code; it is collected once nothing refers to it.</summary>
    public void Unload()
    {
        Interlocked.Exchange(ref _context, null)?.Unload();
    }
}
