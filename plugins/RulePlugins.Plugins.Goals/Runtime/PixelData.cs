using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RulePlugins.Plugins.Goals.Runtime;

/// <summary>The JSON kind of one <c>pixel_data</c> value.</summary>
public enum PixelValueKind
{
    /// <summary>A JSON string (it may also read as a date, see <see cref="PixelData.Date"/>).</summary>
    String,
    /// <summary>A JSON number that fits a decimal.</summary>
    Number,
    /// <summary>JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,
}

/// <summary>
/// The custom keys of one achievement's <c>pixel_data</c>, parsed once when the row is loaded: an immutable view from
/// key to kind and value. Keys match exactly (ordinal, case-sensitive); when a key repeats, its first value counts.
/// </summary>
/// <remarks>
/// Parsing never throws. Text that is not a JSON object (malformed JSON, an array, a string, <c>null</c>) gives no key
/// at all. A key whose value is an array, an object or <c>null</c>, or a number beyond the decimal range, gives no value.
/// A value of another kind than the one asked for is no value for that question: <see cref="Number"/> of <c>"5"</c> (a
/// string) is unknown, and so is <see cref="String"/> of <c>5</c>. A date is a JSON string holding an ISO 8601 date
/// (<c>2026-01-31</c>) or date and time (<c>2026-01-31T10:00:00Z</c>; UTC when no offset is given), the formats segment
/// documents accept; such a string is also a string.
/// </remarks>
public sealed class PixelData
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];

    private const int KnownKeys = 16;

    [ThreadStatic]
    private static string[]? _knownKeys;

    [ThreadStatic]
    private static List<string>? _keysScratch;

    [ThreadStatic]
    private static List<Entry>? _valuesScratch;

    private readonly string[] _keys;
    private readonly Entry[] _values;

    private PixelData(string[] keys, Entry[] values)
    {
        _keys = keys;
        _values = values;
    }

    /// <summary>No key at all.</summary>
    public static PixelData Empty { get; } = new([], []);

    /// <summary>How many keys have a value.</summary>
    public int Count => _keys.Length;

    /// <summary>The keys that have a value, in the order of the JSON text.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Parses <c>pixel_data</c>; never throws (see the remarks of <see cref="PixelData"/>).</summary>
    public static PixelData Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var count = Encoding.UTF8.GetBytes(json, buffer);
            return Read(buffer.AsSpan(0, count));
        }
        catch (JsonException)
        {
            return Empty;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The kind of the value of <paramref name="key"/>, or null when it has none.</summary>
    public PixelValueKind? KindOf(string key) => Find(key) is { } i ? _values[i].Kind : null;

    /// <summary>The value of <paramref name="key"/> when it is a JSON string; otherwise unknown (null).</summary>
    public string? String(string key) => Find(key) is { } i && _values[i].Kind == PixelValueKind.String ? _values[i].Text : null;

    /// <summary>The value of <paramref name="key"/> when it is a JSON number; otherwise unknown (null).</summary>
    public decimal? Number(string key) => Find(key) is { } i && _values[i].Kind == PixelValueKind.Number ? _values[i].Number : null;

    /// <summary>
    /// The value of <paramref name="key"/>, in Unix milliseconds (UTC), when it is a JSON string holding an ISO 8601 date or
    /// date and time; otherwise unknown (null).
    /// </summary>
    public long? Date(string key) => Find(key) is { } i ? _values[i].Instant : null;

    /// <summary>The value of <paramref name="key"/> when it is JSON <c>true</c> or <c>false</c>; otherwise unknown (null).</summary>
    public bool? Boolean(string key) => Find(key) is { } i && _values[i].Kind == PixelValueKind.Boolean ? _values[i].Flag : null;

    private int? Find(string key)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    private static PixelData Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Empty;
        }

        var keys = _keysScratch ??= [];
        var values = _valuesScratch ??= [];
        keys.Clear();
        values.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = KeyOf(ref reader);
            reader.Read();
            Entry? entry = reader.TokenType switch
            {
                JsonTokenType.String => Text(reader.GetString()!),
                JsonTokenType.Number => reader.TryGetDecimal(out var number) ? new Entry(PixelValueKind.Number, null, number, false, null) : null,
                JsonTokenType.True => new Entry(PixelValueKind.Boolean, null, 0, true, null),
                JsonTokenType.False => new Entry(PixelValueKind.Boolean, null, 0, false, null),
                _ => null,
            };
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            if (entry is { } value && !keys.Contains(key))
            {
                keys.Add(key);
                values.Add(value);
            }
        }

        // The object must close, and nothing may follow it: anything else is malformed, and gives no key at all.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return Empty;
        }

        return keys.Count == 0 ? Empty : new PixelData([.. keys], [.. values]);
    }

    // Rows of one table repeat the same few keys: each thread keeps the last ones read, so a key costs no string per row.
    private static string KeyOf(ref Utf8JsonReader reader)
    {
        var known = _knownKeys ??= new string[KnownKeys];
        for (var i = 0; i < known.Length && known[i] is { } candidate; i++)
        {
            if (reader.ValueTextEquals(candidate))
            {
                return candidate;
            }
        }

        var key = reader.GetString()!;
        Array.Copy(known, 0, known, 1, known.Length - 1);
        known[0] = key;
        return key;
    }

    private static Entry Text(string text)
    {
        long? instant = LooksLikeDate(text) && DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date.ToUnixTimeMilliseconds()
            : null;
        return new Entry(PixelValueKind.String, text, 0, false, instant);
    }

    // Every format starts with yyyy-MM-dd: anything else is not tried against them.
    private static bool LooksLikeDate(string text) =>
        text.Length >= 10 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3])
        && text[4] == '-' && text[7] == '-';

    private readonly record struct Entry(PixelValueKind Kind, string? Text, decimal Number, bool Flag, long? Instant);
}
