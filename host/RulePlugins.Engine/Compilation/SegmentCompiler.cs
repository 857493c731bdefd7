using System.Collections.Immutable;
using System.Reflection;
using RulePlugins.Compiler;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Compilation;

/// <summary>One compiler error, mapped back to the tree node whose code caused it.</summary>
/// <param name="Path">The node path, or <c>(generated code)</c> when no node owns the line.</param>
/// <param name="Id">The compiler's diagnostic id, e.g. CS0103.</param>
/// <param name="Message">The compiler's message.</param>
/// <param name="Line">The 1-based line in the generated source.</param>
public sealed record CompileError(string Path, string Id, string Message, int Line)
{
    /// <summary>The <see cref="Id"/> of a read of a row property whose column the data plan does not load.</summary>
    public const string UndeclaredColumnId = PredicateCompiler.UndeclaredColumnId;

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Id} at generated line {Line}: {Message}";
}

/// <summary>
/// The generated source did not compile, or it reads a column no condition loads: a bug in a condition type's
/// emitter. Nothing was saved.
/// </summary>
public sealed class SegmentCompilationException(string segmentId, IReadOnlyList<CompileError> errors)
    : Exception($"Segment '{segmentId}' did not compile:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)))
{
    /// <summary>The segment.</summary>
    public string SegmentId { get; } = segmentId;

    /// <summary>The errors, each with the node path that produced the failing code.</summary>
    public IReadOnlyList<CompileError> Errors { get; } = errors;
}

/// <summary>
/// Compiles generated predicates with Roslyn against the SDK, the plugins the segment uses and the base
/// library only: on the calling thread (<see cref="CompilationIsolation.Thread"/>) or in a compile worker process
/// (<see cref="CompilationIsolation.Process"/>). Both run <see cref="PredicateCompiler"/> on the same request (the
/// source, the reference paths, the tables to check), so both give the same bytes and the same errors; the errors'
/// lines are mapped to tree paths here. Metadata references are created once per assembly file and process.
/// </summary>
internal sealed class SegmentCompiler : IDisposable
{
    private static readonly Lazy<ImmutableArray<string>> BaseReferences = new(CreateBaseReferences);

    /// <summary>A compiler that runs Roslyn on the calling thread.</summary>
    public SegmentCompiler()
        : this(new CompilationSettings())
    {
    }

    /// <summary>A compiler with the isolation of <paramref name="settings"/>; no worker starts before it is needed.</summary>
    public SegmentCompiler(CompilationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Workers = settings.Isolation == CompilationIsolation.Process ? new CompileWorkerPool(settings) : null;
    }

    /// <summary>The compile worker processes, or null when Roslyn runs on the calling thread.</summary>
    public CompileWorkerPool? Workers { get; }

    /// <summary>
    /// Compiles <paramref name="source"/> to assembly bytes; throws <see cref="SegmentCompilationException"/> on errors,
    /// and in a worker <see cref="CompileWorkerException"/> when the worker died or could not compile it.
    /// </summary>
    public byte[] Compile(GeneratedSource source)
    {
        var request = Request(source.Text, source.SegmentId + ".g.cs", AssemblyName(source.SegmentId), source.Plugins.Select(p => p.Assembly), Tables(source.Plan));
        var result = Workers is { } workers ? workers.Compile(request, source.SegmentId) : PredicateCompiler.Compile(request);
        if (result.Assembly is { } assembly)
        {
            return assembly;
        }

        throw new SegmentCompilationException(
            source.SegmentId,
            [.. result.Errors.Select(e => new CompileError(source.PathAt(e.Line) ?? "(generated code)", e.Id, e.Message, e.Line + 1))]);
    }

    /// <summary>
    /// Compiles a tiny predicate of the generated shape against the SDK and <paramref name="plugins"/> and discards it,
    /// so Roslyn's code is JIT-compiled and the references' metadata read before the first save needs them: here, or
    /// in every compile worker (started now if need be), in parallel.
    /// </summary>
    public void WarmUp(IEnumerable<LoadedPlugin> plugins)
    {
        const string text =
            """
            #nullable enable
            using RulePlugins.Sdk.Runtime;

            namespace RulePlugins.Generated;

            public sealed class WarmUpSegment : CompiledPredicate
            {
                public override bool Evaluate(in Subject subject, in EvaluationClock clock) => Rules(subject, clock);

                public override int ConditionCount => 2;

                public override bool EvaluateCondition(int index, in Subject subject, in EvaluationClock clock) => index switch
                {
                    0 => Rules_0(subject, clock),
                    1 => Rules_1(subject, clock),
                    _ => throw new global::System.ArgumentOutOfRangeException(nameof(index)),
                };

                private static bool Rules(in Subject subject, in EvaluationClock clock) => Rules_0(subject, clock) || Rules_1(subject, clock);

                private static bool Rules_0(in Subject subject, in EvaluationClock clock) => "warm-up".Length is >= 1 and < 100;

                private static bool Rules_1(in Subject subject, in EvaluationClock clock) => global::System.Math.Abs(-1.5m) > 1m;
            }
            """;

        // No tables: the undeclared-column pass still binds every member access, which warms the semantic model.
        var request = Request(text, "warm-up.g.cs", AssemblyName("warm-up"), plugins.Select(p => p.Assembly).Where(a => !string.IsNullOrEmpty(a.Location)), []);
        var results = Workers is { } workers ? workers.WarmUp(request) : [PredicateCompiler.Compile(request)];
        foreach (var result in results)
        {
            if (result.Assembly is null)
            {
                throw new InvalidOperationException("The warm-up predicate did not compile: " + string.Join("; ", result.Errors.Select(e => $"{e.Id}: {e.Message}")));
            }
        }
    }

    /// <summary>The assembly name of a segment's compiled predicate.</summary>
    public static string AssemblyName(string segmentId) => "RulePlugins.Generated." + segmentId;

    /// <summary>Stops the compile workers, if any.</summary>
    public void Dispose() => Workers?.Dispose();

    /// <summary>The request for a source: the base library, the SDK and <paramref name="plugins"/>, by file path.</summary>
    private static CompileRequest Request(string text, string path, string assemblyName, IEnumerable<Assembly> plugins, ImmutableArray<TableCheck> tables) =>
        new(text, path, assemblyName, [.. BaseReferences.Value, typeof(CompiledPredicate).Assembly.Location, .. plugins.Select(p => p.Location)], tables);

    /// <summary>The planned tables as the undeclared-column check sees them: row type by display name, columns by property.</summary>
    private static ImmutableArray<TableCheck> Tables(DataPlan plan) =>
        [.. plan.Tables.Select(t => new TableCheck(
            t.Table.RowType.FullName!.Replace('+', '.'),
            t.Table.Name,
            [.. t.Table.Columns.Select(c => new ColumnCheck(c.Name, c.PropertyName))],
            t.Columns))];

    private static ImmutableArray<string> CreateBaseReferences()
    {
        // The base library: the core library and the facades plugins and generated code compile against, from the
        // runtime this process runs on (a worker is given these very paths, whatever runtime it runs on).
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] names = ["System.Private.CoreLib.dll", "System.Runtime.dll", "System.Collections.dll", "System.Linq.dll", "System.Memory.dll"];
        return [.. names.Select(n => Path.Combine(directory, n)).Where(File.Exists)];
    }
}
