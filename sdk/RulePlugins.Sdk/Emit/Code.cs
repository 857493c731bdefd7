namespace RulePlugins.Sdk.Emit;

/// <summary>
/// A fragment of C# source the emitter trusts: host-provided accessors, formatted literals and the
/// plugin's own template text. Values from a segment document never become <see cref="Code"/> except
/// through the host's literal formatter.
/// </summary>
public readonly record struct Code
{
    internal Code(string text) => Text = text;

    /// <summary>The C# text.</summary>
    public string Text { get; }

    /// <summary>Joins fragments with a separator, e.g. literals in a collection initializer.</summary>
    public static Code Join(string separator, IEnumerable<Code> parts) => new(string.Join(separator, parts.Select(p => p.Text)));

    /// <inheritdoc />
    public override string ToString() => Text;
}
