using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RulePlugins.Compiler;

/// <summary>
/// Compiles generated predicates with Roslyn: one syntax tree, the references given as file paths, release
/// optimization, nullable enabled, every warning an error, deterministic output (the same request gives the same
/// bytes, in any process). After a successful emit it checks that the code reads no row property whose column the
/// segment does not load. The engine calls it on its compile threads; the compile worker process calls it for each
/// request it reads. Thread-safe.
/// </summary>
public static class PredicateCompiler
{
    /// <summary>The error id for a read of a row property whose column the data plan does not load.</summary>
    public const string UndeclaredColumnId = "RP0001";

    private static readonly ConcurrentDictionary<string, MetadataReference> References = new(StringComparer.Ordinal);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        generalDiagnosticOption: ReportDiagnostic.Error,
        deterministic: true,
        concurrentBuild: false);

    /// <summary>
    /// Compiles <paramref name="request"/>. Compile errors and undeclared-column reads are returned, not thrown; a
    /// reference that cannot be read throws (<see cref="IOException"/>, <see cref="BadImageFormatException"/>).
    /// </summary>
    public static CompileResult Compile(CompileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tree = CSharpSyntaxTree.ParseText(request.Text, ParseOptions, path: request.SourcePath);

        // One metadata reference per file for the life of the process, as the host's assemblies do not change under it.
        var references = request.References.Select(path => References.GetOrAdd(path, static p => MetadataReference.CreateFromFile(p)));
        var compilation = CSharpCompilation.Create(request.AssemblyName, [tree], references, CompilationOptions);

        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            return CompileResult.Failed([.. result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => new CompileDiagnostic(d.Id, d.GetMessage(CultureInfo.InvariantCulture), d.Location.GetLineSpan().StartLinePosition.Line))]);
        }

        var undeclared = UndeclaredColumnReads(compilation, tree, request.Tables).ToImmutableArray();
        return undeclared.IsEmpty ? CompileResult.Compiled(stream.ToArray()) : CompileResult.Failed(undeclared);
    }

    /// <summary>
    /// Finds reads of row properties, in the generated source, whose columns no condition declared: the host would
    /// not load them and the predicate would see an empty value. Reads inside a plugin's own helper methods are
    /// compiled with the plugin and are not visible here. With no tables it still binds every member access, which
    /// is what warms the semantic model up.
    /// </summary>
    private static IEnumerable<CompileDiagnostic> UndeclaredColumnReads(CSharpCompilation compilation, SyntaxTree tree, ImmutableArray<TableCheck> tables)
    {
        var byRowType = tables.ToDictionary(t => t.RowType, StringComparer.Ordinal);
        var model = compilation.GetSemanticModel(tree);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (node is not (MemberAccessExpressionSyntax or MemberBindingExpressionSyntax)
                || model.GetSymbolInfo(node).Symbol is not IPropertySymbol property
                || !byRowType.TryGetValue(property.ContainingType.ToDisplayString(), out var table))
            {
                continue;
            }

            var column = table.Columns.FirstOrDefault(c => c.Property == property.Name);
            if (column is null || table.Loaded.Contains(column.Name, StringComparer.Ordinal))
            {
                continue;
            }

            yield return new CompileDiagnostic(
                UndeclaredColumnId,
                $"reads {table.Table}.{column.Name} ({property.Name}), which no condition of the segment declares in GetDataRequirements; the host does not load it, so it would always be empty",
                node.GetLocation().GetLineSpan().StartLinePosition.Line);
        }
    }
}
