using System.Text;

namespace RulePlugins.Engine.CodeGen;

/// <summary>Writes indented C# source line by line and knows which line it is on (0-based).</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>The 0-based number of the next line to be written.</summary>
    public int Line { get; private set; }

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public void WriteLine(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _indent; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        Line++;
    }

    /// <summary>Writes a <c>//</c> comment; the text is escaped so it cannot end the comment early.</summary>
    public void WriteComment(string text) =>
        WriteLine(text.Length == 0 ? "//" : "// " + LiteralFormatter.CommentText(text));

    /// <summary>Writes <paramref name="header"/> and an opening brace; disposing writes the closing brace.</summary>
    public Block OpenBlock(string header) => OpenBlock(header, "}");

    /// <summary>Like <see cref="OpenBlock(string)"/>, closing with <paramref name="closing"/> (<c>};</c> for a switch expression).</summary>
    public Block OpenBlock(string header, string closing)
    {
        if (header.Length > 0)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indent++;
        return new Block(this, closing);
    }

    /// <summary>Indents the lines written until the result is disposed.</summary>
    public Block Indent()
    {
        _indent++;
        return new Block(this, null);
    }

    /// <summary>Appends <paramref name="suffix"/> to the last line written (before its line break).</summary>
    public void AppendToLastLine(string suffix)
    {
        if (_builder.Length > 0 && _builder[^1] == '\n')
        {
            _builder.Insert(_builder.Length - 1, suffix);
        }
    }

    /// <inheritdoc />
    public override string ToString() => _builder.ToString();

    /// <summary>Closes an indentation level.</summary>
    public readonly struct Block(SourceWriter writer, string? closing) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            writer._indent--;
            if (closing is not null)
            {
                writer.WriteLine(closing);
            }
        }
    }
}
