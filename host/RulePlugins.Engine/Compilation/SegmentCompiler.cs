using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
/// library only. Metadata references are created once per assembly and reused by every compile.
/// </summary>
internal sealed class SegmentCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> BaseReferences = new(CreateBaseReferences);
    private static readonly ConcurrentDictionary<string, MetadataReference> AssemblyReferences = new(StringComparer.Ordinal);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        generalDiagnosticOption: ReportDiagnostic.Error,
        deterministic: true,
        concurrentBuild: false);

    /// <summary>Compiles <paramref name="source"/> to assembly bytes; throws <see cref="SegmentCompilationException"/> on errors.</summary>
    public byte[] Compile(GeneratedSource source)
    {
        var tree = CSharpSyntaxTree.ParseText(source.Text, ParseOptions, path: source.SegmentId + ".g.cs");
        var references = BaseReferences.Value
            .Add(Reference(typeof(CompiledPredicate).Assembly))
            .AddRange(source.Plugins.Select(p => Reference(p.Assembly)));
        var compilation = CSharpCompilation.Create(
            AssemblyName(source.SegmentId),
            [tree],
            references,
            CompilationOptions);

        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d =>
                {
                    var line = d.Location.GetLineSpan().StartLinePosition.Line;
                    return new CompileError(source.PathAt(line) ?? "(generated code)", d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), line + 1);
                })
                .ToList();
            throw new SegmentCompilationException(source.SegmentId, errors);
        }

        var undeclared = UndeclaredColumnReads(compilation, tree, source).ToList();
        if (undeclared.Count > 0)
        {
            throw new SegmentCompilationException(source.SegmentId, undeclared);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Compiles a tiny predicate of the generated shape against the SDK and <paramref name="plugins"/> and discards it,
    /// so Roslyn's code is JIT-compiled and the references' metadata read before the first save needs them.
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
        var tree = CSharpSyntaxTree.ParseText(text, ParseOptions, path: "warm-up.g.cs");
        var references = BaseReferences.Value
            .Add(Reference(typeof(CompiledPredicate).Assembly))
            .AddRange(plugins.Where(p => !string.IsNullOrEmpty(p.Assembly.Location)).Select(p => Reference(p.Assembly)));
        var compilation = CSharpCompilation.Create(AssemblyName("warm-up"), [tree], references, CompilationOptions);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The warm-up predicate did not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        // The undeclared-column check walks the semantic model: warm that path too.
        var model = compilation.GetSemanticModel(tree);
        foreach (var node in tree.GetRoot().DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            _ = model.GetSymbolInfo(node);
        }
    }

    /// <summary>The error id for a read of a row property whose column the data plan does not load.</summary>
    public const string UndeclaredColumnId = "RP0001";

    /// <summary>
    /// Finds reads of row properties, in the generated source, whose columns no condition declared: the host would
    /// not load them and the predicate would see an empty value. Reads inside a plugin's own helper methods are
    /// compiled with the plugin and are not visible here.
    /// </summary>
    private static IEnumerable<CompileError> UndeclaredColumnReads(CSharpCompilation compilation, SyntaxTree tree, GeneratedSource source)
    {
        var tables = source.Plan.Tables.ToDictionary(t => t.Table.RowType.FullName!.Replace('+', '.'), StringComparer.Ordinal);
        var model = compilation.GetSemanticModel(tree);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is not (MemberAccessExpressionSyntax or MemberBindingExpressionSyntax)
                || model.GetSymbolInfo(node).Symbol is not IPropertySymbol property
                || !tables.TryGetValue(property.ContainingType.ToDisplayString(), out var plan))
            {
                continue;
            }

            var column = plan.Table.Columns.FirstOrDefault(c => c.PropertyName == property.Name);
            if (column is null || plan.Columns.Contains(column.Name))
            {
                continue;
            }

            var line = node.GetLocation().GetLineSpan().StartLinePosition.Line;
            yield return new CompileError(
                source.PathAt(line) ?? "(generated code)",
                UndeclaredColumnId,
                $"reads {plan.Table.Name}.{column.Name} ({property.Name}), which no condition of the segment declares in GetDataRequirements; the host does not load it, so it would always be empty",
                line + 1);
        }
    }

    /// <summary>The assembly name of a segment's compiled predicate.</summary>
    public static string AssemblyName(string segmentId) => "RulePlugins.Generated." + segmentId;

    private static MetadataReference Reference(Assembly assembly) =>
        AssemblyReferences.GetOrAdd(assembly.Location, static path => MetadataReference.CreateFromFile(path));

    private static ImmutableArray<MetadataReference> CreateBaseReferences()
    {
        // The base library: the core library and the facades plugins and generated code compile against.
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] names = ["System.Private.CoreLib.dll", "System.Runtime.dll", "System.Collections.dll", "System.Linq.dll", "System.Memory.dll"];
        return [.. names.Select(n => Path.Combine(directory, n)).Where(File.Exists).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
