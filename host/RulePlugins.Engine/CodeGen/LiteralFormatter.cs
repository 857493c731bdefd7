using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace RulePlugins.Engine.CodeGen;

/// <summary>
/// The one place where values become C# source: strings through Roslyn's literal formatter, numbers in the
/// invariant culture, and comment text with every line break escaped so a value cannot leave its comment.
/// </summary>
internal static class LiteralFormatter
{
    /// <summary>A C# string literal that evaluates to exactly <paramref name="value"/>.</summary>
    public static string String(string? value) =>
        value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>A <c>long</c> literal.</summary>
    public static string Int64(long value) =>
        value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture) + "L";

    /// <summary>A <c>decimal</c> literal.</summary>
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>A <c>double</c> literal (round-trippable).</summary>
    public static string Double(double value) => value switch
    {
        double.NaN => "double.NaN",
        double.PositiveInfinity => "double.PositiveInfinity",
        double.NegativeInfinity => "double.NegativeInfinity",
        _ => value.ToString("R", CultureInfo.InvariantCulture) + "d",
    };

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>
    /// Text safe to put after <c>//</c>: line terminators and other control characters are written as
    /// <c>\uXXXX</c>, so the comment ends where the emitter ends it.
    /// </summary>
    public static string CommentText(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pairedSurrogate)
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
