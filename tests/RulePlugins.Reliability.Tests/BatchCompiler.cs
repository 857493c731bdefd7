using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Reliability.Tests;

/// <summary>
/// Compiles many generated predicates in one Roslyn compilation, with the options and references the engine's
/// SegmentCompiler uses (release, nullable, every warning an error; the base library, the SDK and the plugins only):
/// one compilation per batch instead of one per segment keeps the corpus fast. Each source's errors are reported
/// with the label it was given.
/// </summary>
public static class BatchCompiler
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        generalDiagnosticOption: ReportDiagnostic.Error,
        deterministic: true);

    private static readonly Lazy<ImmutableArray<MetadataReference>> BaseReferences = new(() =>
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] names = ["System.Private.CoreLib.dll", "System.Runtime.dll", "System.Collections.dll", "System.Linq.dll", "System.Memory.dll"];
        return [.. names.Select(n => Path.Combine(directory, n)).Where(File.Exists).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(CompiledPredicate).Assembly.Location)];
    });

    /// <summary>Compiles every source together; returns one line per error, naming the source's label and tree path.</summary>
    public static IReadOnlyList<string> Compile(string name, IReadOnlyList<(GeneratedSource Source, string Label)> sources)
    {
        if (sources.Count == 0)
        {
            return [];
        }

        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source.Text, ParseOptions, path: s.Source.SegmentId + ".g.cs")).ToList();
        var plugins = sources.SelectMany(s => s.Source.Plugins).Select(p => p.Assembly.Location).Distinct(StringComparer.Ordinal);
        var references = BaseReferences.Value.AddRange(plugins.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
        var compilation = CSharpCompilation.Create(name, trees, references, Options);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (result.Success)
        {
            return [];
        }

        return [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d =>
        {
            var index = trees.IndexOf(d.Location.SourceTree!);
            var (source, label) = index >= 0 ? sources[index] : (sources[0].Source, "(no source)");
            var line = d.Location.GetLineSpan().StartLinePosition.Line;
            return $"{label}: {d.Id} at {source.PathAt(line) ?? "(generated code)"} line {line + 1}: {d.GetMessage(CultureInfo.InvariantCulture)}";
        })];
    }
}
