namespace RulePlugins.Sdk.Sql;

/// <summary>
/// A fragment of SQL built through a <see cref="SqlContext"/>: the plugin's own SQL text, with every value it compares
/// bound as a parameter, never written into the text. Plugins cannot make one from a string.
/// </summary>
public sealed class SqlCode
{
    internal SqlCode(string text) => Text = text;

    /// <summary>The SQL text, with parameter names where values go.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
