using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RulePlugins.Sdk.Data;

/// <summary>A string value or key of a JSON document that is not valid text, and where it is.</summary>
/// <param name="Path">The path of the value, or of the object holding the key.</param>
/// <param name="Problem">What is wrong, e.g. <see cref="JsonText.UnpairedSurrogate"/>.</param>
public sealed record TextProblem(string Path, string Problem);

/// <summary>
/// Reads text from JSON documents without the exceptions <see cref="JsonElement.GetString"/> throws for text that is
/// not valid: an escaped unpaired surrogate (<c>"a\ud800b"</c>) or, in a document parsed from bytes, bytes that are
/// not UTF-8. Such text is bad input, to be refused with its path; it never is a program error. Also builds the
/// paths of keys and items the way the host's error messages write them.
/// </summary>
public static class JsonText
{
    /// <summary>The problem of a string holding an unpaired surrogate.</summary>
    public const string UnpairedSurrogate = "is not valid text: it contains an unpaired surrogate";

    /// <summary>The problem of a string holding bytes that are not UTF-8.</summary>
    public const string NotUtf8 = "is not valid text: it is not valid UTF-8";

    /// <summary>The string of a JSON string <paramref name="element"/>; false, with the problem, when it is not valid text.</summary>
    public static bool TryGetString(JsonElement element, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            value = element.GetString()!;
            problem = null;
            return true;
        }
        catch (InvalidOperationException) when (element.ValueKind == JsonValueKind.String)
        {
            value = null;
            problem = Utf8.IsValid(JsonMarshal.GetRawUtf8Value(element)) ? UnpairedSurrogate : NotUtf8;
            return false;
        }
    }

    /// <summary>The name of <paramref name="property"/>; false, with the problem, when it is not valid text.</summary>
    public static bool TryGetName(JsonProperty property, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            name = property.Name;
            problem = null;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = null;
            problem = Utf8.IsValid(JsonMarshal.GetRawUtf8PropertyName(property)) ? UnpairedSurrogate : NotUtf8;
            return false;
        }
    }

    /// <summary>
    /// The index of the first unpaired surrogate in <paramref name="text"/>, or -1 when it is valid UTF-16. Text handed
    /// in process can hold one, and no JSON reader can turn it into UTF-8.
    /// </summary>
    public static int IndexOfUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A quick test on the raw bytes: false when <paramref name="element"/> certainly holds only valid text (no escaped
    /// surrogate, valid UTF-8), so <see cref="FindInvalid"/> need not walk it. Costs one pass over the bytes.
    /// </summary>
    public static bool MayHoldInvalidText(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (!Utf8.IsValid(raw))
        {
            return true;
        }

        // An escaped surrogate is \uD800 to \uDFFF; an escaped backslash before a 'u' only makes this look again.
        for (var at = raw.IndexOf("\\u"u8); at >= 0 && at + 3 < raw.Length; at = raw.IndexOf("\\u"u8))
        {
            if ((raw[at + 2] | 0x20) == 'd' && (raw[at + 3] | 0x20) is (byte)'8' or (byte)'9' or (>= (byte)'a' and <= (byte)'f'))
            {
                return true;
            }

            raw = raw[(at + 2)..];
        }

        return false;
    }

    /// <summary>
    /// The first string value or key, in document order, that is not valid text, or null when there is none. The path
    /// of a bad key is that of its object (the key cannot be shown); <paramref name="path"/> is the path of
    /// <paramref name="element"/> (<c>$</c>, or empty for a document whose top-level keys are written bare).
    /// </summary>
    public static TextProblem? FindInvalid(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(element, out _, out var problem) ? null : new TextProblem(path, problem);
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, Item(path, index++)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryGetName(property, out var name, out var keyProblem))
                    {
                        return new TextProblem(path, "has a key that " + keyProblem);
                    }

                    if (FindInvalid(property.Value, Child(path, name)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The path of key <paramref name="key"/> of the object at <paramref name="path"/>: <c>path.key</c> for a key made
    /// of ASCII letters, digits and underscores, otherwise <c>path["key"]</c> with the key quoted as JSON (and invisible or
    /// control characters escaped), so an empty key reads <c>path[""]</c>. With an empty <paramref name="path"/> a plain
    /// key stands alone.
    /// </summary>
    public static string Child(string path, string key)
    {
        if (IsPlain(key))
        {
            return path.Length == 0 ? key : path + "." + key;
        }

        return path + "[" + Quote(key) + "]";
    }

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="path"/>: <c>path[index]</c>.</summary>
    public static string Item(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// <paramref name="value"/> in double quotes with quotes, backslashes, control characters and invisible formatting
    /// characters (line and paragraph separators, bidirectional overrides, zero-width characters, lone surrogates)
    /// escaped as in JSON, so a message shows exactly what was sent and cannot be broken or disguised by it.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
                        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static bool IsPlain(string key)
    {
        if (key.Length == 0 || key[0] is >= '0' and <= '9')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
