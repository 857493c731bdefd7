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

    /// <summary>The column a line written now starts at (its indentation).</summary>
    public int Column => _indent * IndentUnit.Length;

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

    /// <summary>
    /// Writes a <c>//</c> comment; the text is escaped so it cannot end the comment early. Text too long for
    /// <see cref="CodeLayout.Width"/> is continued on further comment lines, broken at spaces and indented two more
    /// spaces than its first line.
    /// </summary>
    public void WriteComment(string text)
    {
        if (text.Length == 0)
        {
            WriteLine("//");
            return;
        }

        var rest = LiteralFormatter.CommentText(text);
        var width = Math.Max(CodeLayout.Width - Column - "// ".Length, 40);
        var hanging = new string(' ', rest.Length - rest.TrimStart(' ').Length + 2);
        var line = rest;
        while (line.Length > width)
        {
            // Break at the last space that fits, or after a word longer than the width; never inside the indentation.
            var least = hanging.Length + 1;
            var space = line.LastIndexOf(' ', width);
            if (space < least)
            {
                space = line.IndexOf(' ', Math.Min(Math.Max(width, least), line.Length));
            }

            if (space < 0 || space == line.Length - 1)
            {
                break;
            }

            WriteLine("// " + line[..space]);
            line = hanging + line[(space + 1)..];
        }

        WriteLine("// " + line);
    }

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
