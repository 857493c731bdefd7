using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Sdk.Tests;

/// <summary>
/// What the SQL prefilter of the text operators rests on (<c>StringOperators.Translate</c>): a text the predicate finds
/// equal to, starting with or containing a printable ASCII part, trimmed and ignoring case, contains that part as the
/// database's LIKE reads it (ignoring ASCII case only). That holds because no character outside ASCII equals an ASCII
/// one ignoring case ordinally, so the part's characters are ASCII in the text too, and trimming only takes white space
/// off the ends.
/// </summary>
public sealed class TextTranslationTests
{
    [Fact]
    public void OrdinalIgnoreCase_NoCharacterOutsideAscii_EqualsAnAsciiCharacter()
    {
        var clashes = new List<string>();
        for (var c = 0x80; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var wide = ((char)c).ToString();
            for (var a = 0x20; a <= 0x7E; a++)
            {
                if (string.Equals(wide, ((char)a).ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    clashes.Add($"U+{c:X4} equals '{(char)a}'");
                }
            }
        }

        Assert.Empty(clashes);
    }

    [Theory]
    [InlineData("\u00A0Moscow\u2003", "moscow")]
    [InlineData("\tMOSCOW\n", "Moscow")]
    [InlineData("  Moscow", "MOSCOW")]
    public void EqualsIgnoreCase_TextWithWhiteSpaceAround_ContainsThePartInAsciiCase(string text, string part)
    {
        Assert.True(Text.EqualsIgnoreCase(text, part));
        Assert.Contains(part.ToLowerInvariant(), AsciiLower(text), StringComparison.Ordinal);
    }

    // Lower-cases ASCII letters only, as SQLite's LIKE and PostgreSQL's ILIKE under the "C" collation compare.
    private static string AsciiLower(string text) => string.Concat(text.Select(c => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c));
}
