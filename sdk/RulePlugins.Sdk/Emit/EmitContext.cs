using System.Runtime.CompilerServices;
using System.Text;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Sdk.Emit;

/// <summary>
/// What an emitter may use to build the C# expression of one condition. The host implements it; every
/// literal goes through the host's single literal formatter.
/// </summary>
/// <remarks>
/// Build expressions with <see cref="Expression"/>: an interpolated <see cref="string"/>, number, boolean
/// or date becomes a literal, a <see cref="Code"/> is written as it is, and any other type does not compile.
/// <code>context.Expression($"string.Equals({context.Row(table)}?.City, {city}, global::System.StringComparison.OrdinalIgnoreCase)")</code>
/// </remarks>
public abstract class EmitContext
{
    /// <summary>An expression of type <c>ReadOnlySpan&lt;TRow&gt;</c>: the subject's rows of <paramref name="table"/>.</summary>
    public abstract Code Rows(TableDefinition table);

    /// <summary>An expression of type <c>TRow?</c>: the subject's only row of a one-row-per-subject table, or null.</summary>
    public abstract Code Row(TableDefinition table);

    /// <summary>
    /// An expression of the lookup's model type, shared by every subject of the run. The condition must list the
    /// lookup in <see cref="Conditions.ConditionType.GetLookups"/>.
    /// </summary>
    public abstract Code Lookup(LookupDefinition lookup);

    /// <summary>An expression of type <see cref="Runtime.EvaluationClock"/>: the clock of the current evaluation.</summary>
    public abstract Code Clock { get; }

    /// <summary>
    /// The name generated code uses for a type from the SDK, a plugin or the base library: a <c>using</c> alias the
    /// host declares for a plugin type (its simple name when that is free, e.g. <c>ChannelSet</c>), or the fully
    /// qualified name (<c>global::System.Collections.Generic.HashSet&lt;string&gt;</c>).
    /// </summary>
    public abstract Code TypeName(Type type);

    /// <summary>
    /// A C# identifier the plugin names itself, such as a row property. Only letters, digits and underscores
    /// are accepted (starting with a letter or underscore); anything else throws.
    /// </summary>
    public Code Identifier(string name)
    {
        var valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return valid ? new Code(name) : throw new ArgumentException($"'{name}' is not a plain C# identifier.", nameof(name));
    }

    /// <summary>
    /// Declares a <c>private static readonly</c> field of the generated class, initialised once, and returns its name.
    /// Use it for lookup sets built from list parameters.
    /// </summary>
    public abstract Code StaticField(Code type, string nameHint, Code initializer);

    /// <summary>Formats a string as a C# literal (<c>null</c> becomes <c>null</c>).</summary>
    public abstract Code Literal(string? value);

    /// <summary>Formats an integer as a C# <c>long</c> literal.</summary>
    public abstract Code Literal(long value);

    /// <summary>Formats a decimal as a C# <c>decimal</c> literal (invariant culture).</summary>
    public abstract Code Literal(decimal value);

    /// <summary>Formats a double as a C# <c>double</c> literal (invariant culture, round-trippable).</summary>
    public abstract Code Literal(double value);

    /// <summary>Formats a boolean as <c>true</c> or <c>false</c>.</summary>
    public abstract Code Literal(bool value);

    /// <summary>
    /// Formats an instant as a <c>long</c> literal of Unix milliseconds; the host writes its calendar date (UTC,
    /// ISO 8601) in a comment beside it, as <see cref="InstantLiteral"/> does.
    /// </summary>
    public abstract Code Literal(DateTimeOffset value);

    /// <summary>
    /// Formats an instant given in Unix milliseconds as a <c>long</c> literal that reads as a date: the host writes
    /// its calendar date (UTC, ISO 8601) in a comment beside it, <c>1767225600000L /* 2026-01-01 */</c>, or
    /// <c>1775001599999L /* 2026-03-31T23:59:59.999Z */</c> when it is not midnight. Use it for every timestamp a
    /// condition compares with, instead of <see cref="Literal(long)"/>. Any <see cref="long"/> is accepted, also
    /// instants past <see cref="DateTimeOffset.MaxValue"/> such as the end of 9999-12-31. The comment is made by the
    /// host from the number alone, never from document text.
    /// </summary>
    /// <remarks>Implementations that write no comment fall back to <see cref="Literal(long)"/>.</remarks>
    public virtual Code InstantLiteral(long unixMilliseconds) => Literal(unixMilliseconds);

    /// <summary>Builds a fragment from a template; see the class remarks.</summary>
    public Code Expression([InterpolatedStringHandlerArgument("")] ref CodeInterpolationHandler handler) => handler.ToCode();

    /// <summary>Wraps text the plugin wrote itself (never a document value) as code.</summary>
    protected static Code Trusted(string text) => new(text);
}

/// <summary>Builds <see cref="Code"/> from an interpolated string; values become literals through the <see cref="EmitContext"/>.</summary>
[InterpolatedStringHandler]
public ref struct CodeInterpolationHandler
{
    private readonly EmitContext _context;
    private readonly StringBuilder _builder;

    /// <summary>Called by the compiler.</summary>
    public CodeInterpolationHandler(int literalLength, int formattedCount, EmitContext context)
    {
        _context = context;
        _builder = new StringBuilder(literalLength + formattedCount * 16);
    }

    /// <summary>Template text: the plugin's own code.</summary>
    public readonly void AppendLiteral(string value) => _builder.Append(value);

    /// <summary>Trusted code.</summary>
    public readonly void AppendFormatted(Code value) => _builder.Append(value.Text);

    /// <summary>A string literal.</summary>
    public readonly void AppendFormatted(string? value) => _builder.Append(_context.Literal(value).Text);

    /// <summary>An integer literal.</summary>
    public readonly void AppendFormatted(long value) => _builder.Append(_context.Literal(value).Text);

    /// <summary>An integer literal.</summary>
    public readonly void AppendFormatted(int value) => _builder.Append(_context.Literal(value).Text);

    /// <summary>A decimal literal.</summary>
    public readonly void AppendFormatted(decimal value) => _builder.Append(_context.Literal(value).Text);

    /// <summary>A double literal.</summary>
    public readonly void AppendFormatted(double value) => _builder.Append(_context.Literal(value).Text);

    /// <summary>A boolean literal.</summary>
    public readonly void AppendFormatted(bool value) => _builder.Append(_context.Literal(value).Text);

    /// <summary>An instant, as Unix milliseconds with its calendar date in a comment.</summary>
    public readonly void AppendFormatted(DateTimeOffset value) => _builder.Append(_context.Literal(value).Text);

    internal readonly Code ToCode() => new(_builder.ToString());
}
