using System.Collections.Immutable;

namespace RulePlugins.Compiler;

/// <summary>
/// What one compilation needs, in plain values that cross a process boundary: the generated source, the name of the
/// assembly to emit, the metadata references as file paths, and the row tables whose undeclared columns the
/// generated code must not read.
/// </summary>
/// <param name="Text">The generated C# source.</param>
/// <param name="SourcePath">The syntax tree's path (part of the deterministic output).</param>
/// <param name="AssemblyName">The name of the emitted assembly.</param>
/// <param name="References">Every metadata reference, as the path of an assembly file, in the order they are added.</param>
/// <param name="Tables">The row tables the segment loads, for the undeclared-column check.</param>
public sealed record CompileRequest(string Text, string SourcePath, string AssemblyName, ImmutableArray<string> References, ImmutableArray<TableCheck> Tables);

/// <summary>A row table the generated code may read: which columns exist (by row property) and which are loaded.</summary>
/// <param name="RowType">The row class's full name as C# displays it (nested types joined with a dot).</param>
/// <param name="Table">The table name, for messages.</param>
/// <param name="Columns">Every column of the table with its row property, in the table's order.</param>
/// <param name="Loaded">The columns the segment's conditions declare, so the host loads them.</param>
public sealed record TableCheck(string RowType, string Table, ImmutableArray<ColumnCheck> Columns, ImmutableArray<string> Loaded);

/// <summary>A column and the row property that holds it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Property">The row property name.</param>
public sealed record ColumnCheck(string Name, string Property);

/// <summary>One compile error at a line of the generated source.</summary>
/// <param name="Id">The compiler's diagnostic id (CS0103), or <see cref="PredicateCompiler.UndeclaredColumnId"/>.</param>
/// <param name="Message">The message, in the invariant culture.</param>
/// <param name="Line">The 0-based line in the generated source.</param>
public sealed record CompileDiagnostic(string Id, string Message, int Line);

/// <summary>The outcome of a compilation: the assembly, or the errors (never both).</summary>
/// <param name="Assembly">The emitted assembly, or null when there are errors.</param>
/// <param name="Errors">The errors, in the compiler's order; empty when it compiled.</param>
public sealed record CompileResult(byte[]? Assembly, ImmutableArray<CompileDiagnostic> Errors)
{
    /// <summary>A compiled assembly.</summary>
    public static CompileResult Compiled(byte[] assembly) => new(assembly, []);

    /// <summary>Compile errors.</summary>
    public static CompileResult Failed(ImmutableArray<CompileDiagnostic> errors) => new(null, errors);
}
