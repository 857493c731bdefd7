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
public sealed class SegmentCompiler
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
