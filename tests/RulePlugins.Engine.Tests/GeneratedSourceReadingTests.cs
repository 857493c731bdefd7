using System.CodeDom.Compiler;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RulePlugins.Engine.CodeGen;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// What a developer reading a generated source sees: the sentence that opens the explanation, dates spelled out
/// beside their literals (and nothing but host-made dates inside block comments), the [GeneratedCode] attribute,
/// field names that hide nothing, and long expressions broken over lines without changing a token.
/// </summary>
public sealed partial class GeneratedSourceReadingTests : IDisposable
{
    private static readonly Regex HostDateComment = HostDateCommentPattern();

    private readonly TestDatabase _db = new(new ProfileFieldsPlugin(), new TestConditionsPlugin(), new TestTicketsPlugin());

    [Theory]
    [InlineData("profile", "test.always", "// A profile is a member when ALL of the following hold:")]
    [InlineData("order", "test.has_seat_class", "// An order is a member when ALL of the following hold:")]
    public void Generate_EachSubjectKind_OpensWithTheArticleOfItsWord(string subject, string conditionType, string expected)
    {
        var condition = conditionType == "test.always" ? (object)new { type = conditionType } : new { type = conditionType, @params = new { value = "business" } };

        var source = _db.Engine.Generate(Documents.Json("article", new { op = "and", items = new[] { condition } }, subject: subject)).Text;

        Assert.Contains(expected + "\n", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order", "an")]
    [InlineData("Order", "an")]
    [InlineData("profile", "a")]
    [InlineData("event", "an")]
    [InlineData("item", "an")]
    [InlineData("umbrella", "an")]
    [InlineData("user", "a")]
    [InlineData("unit", "a")]
    [InlineData("euro payment", "a")]
    [InlineData("one-time code", "a")]
    [InlineData("hour", "an")]
    [InlineData("pixel event", "a")]
    public void IndefiniteArticle_Noun_FollowsHowTheWordIsSpoken(string noun, string expected)
    {
        Assert.Equal(expected, SegmentEmitter.IndefiniteArticle(noun));
    }

    [Fact]
    public void Generate_OrderSegmentWithLookup_SaysLookupsAreCachedUntilRefreshed()
    {
        var document = Documents.Json("fees", new { op = "and", items = new[] { new { type = "test.total_with_fees_at_least", @params = new { value = 300 } } } }, subject: "order");

        var source = _db.Engine.Generate(document).Text;

        Assert.Contains("// Lookups, read whole on first use and cached until the reference data is refreshed:\n//   test.fees (slot 0): test_fees\n", source, StringComparison.Ordinal);
        Assert.DoesNotContain("per run", source, StringComparison.Ordinal);
        Assert.DoesNotContain("recalculation", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DateComparisons_WriteTheCalendarDateBesideEveryLiteral()
    {
        var document = Documents.Json("dates", new
        {
            op = "or",
            items = new object[]
            {
                new { type = "profile.birth_date", @params = new { @operator = "in_range", from = "1980-01-01", to = "1995-12-31" } },
                new { type = "profile.created_at", @params = new { @operator = "equals", value = "2026-01-01" } },
                new { type = "profile.created_at", @params = new { @operator = "less", value = "9999-12-31" } },
                new { type = "profile.created_at", @params = new { @operator = "less_or_equal", value = "9999-12-31" } },
            },
        });

        var source = _db.Engine.Save(document).Source.Text;

        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var literals = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.Identifier.Text.StartsWith("Rules_", StringComparison.Ordinal))
            .SelectMany(m => m.DescendantTokens().Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)))
            .ToList();
        Assert.Equal(6, literals.Count);
        Assert.All(literals, literal =>
        {
            var milliseconds = (long)literal.Value!;
            var comment = Assert.Single(literal.TrailingTrivia, t => t.IsKind(SyntaxKind.MultiLineCommentTrivia));
            Assert.Equal($"/* {ExpectedDate(milliseconds)} */", comment.ToString());
        });
        Assert.Contains($"is >= {Milliseconds(1980, 1, 1)}L /* 1980-01-01 */ and < {Milliseconds(1996, 1, 1)}L /* 1996-01-01 */", source, StringComparison.Ordinal);
        Assert.Contains($"< {Milliseconds(9999, 12, 31)}L /* 9999-12-31 */", source, StringComparison.Ordinal);
        Assert.Contains($"< {Milliseconds(9999, 12, 31) + 86_400_000L}L /* +10000-01-01 */", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, "1970-01-01")]
    [InlineData(-1L, "1969-12-31T23:59:59.999Z")]
    [InlineData(1_767_225_600_000L, "2026-01-01")]
    [InlineData(1_775_001_599_999L, "2026-03-31T23:59:59.999Z")]
    [InlineData(1_781_524_800_000L, "2026-06-15T12:00:00Z")]
    [InlineData(951_782_400_000L, "2000-02-29")]
    [InlineData(-62_135_596_800_000L, "0001-01-01")]
    [InlineData(253_402_300_800_000L, "+10000-01-01")]
    public void CalendarDate_Instant_IsIsoUtcWithTheTimeOnlyWhenNotMidnight(long milliseconds, string expected)
    {
        Assert.Equal(expected, LiteralFormatter.CalendarDate(milliseconds));
    }

    [Fact]
    public void CalendarDate_RandomInstantsDateTimeCanHold_AgreeWithTheBaseLibrary()
    {
        var random = new Random(20260101);
        var min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        var max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
        for (var i = 0; i < 20_000; i++)
        {
            var milliseconds = random.Next(4) switch
            {
                0 => random.NextInt64(min, max),
                1 => random.NextInt64(-100_000, 100_000) * 86_400_000L,
                2 => random.NextInt64(-100_000, 100_000) * 86_400_000L + random.NextInt64(1, 86_400_000L),
                _ => random.NextInt64(-100_000, 100_000) * 86_400_000L + random.NextInt64(1, 86_400L) * 1000,
            };

            Assert.Equal(ExpectedDate(milliseconds), LiteralFormatter.CalendarDate(milliseconds));
        }
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Instant_ExtremeValues_StillALiteralAndAHostDateComment(long milliseconds)
    {
        var text = LiteralFormatter.Instant(milliseconds);

        var expression = SyntaxFactory.ParseExpression(text);
        Assert.False(expression.ContainsDiagnostics);
        var comment = Assert.Single(expression.DescendantTrivia(), t => t.IsKind(SyntaxKind.MultiLineCommentTrivia));
        Assert.Matches(HostDateComment, comment.ToString());
    }

    [Fact]
    public void Save_HostileStringsBesideDates_OnlyHostDatesAreInBlockCommentsAndValuesStayLiterals()
    {
        string[] hostile =
        [
            "*/ System.IO.File.Delete(\"x\"); /*",
            "/* 2026-01-01 */",
            "1767225600000L /* 2026-01-01 */",
            "a\n*/\n#error injected",
            "b\u2028*/ class Evil {} /*",
        ];
        var document = System.Text.Json.JsonSerializer.Serialize(new
        {
            schemaVersion = 1,
            id = "hostile-dates",
            name = "*/ name /* 2026-01-01",
            description = "description */\n#error /*",
            rules = new
            {
                op = "or",
                items = new object[]
                {
                    new { type = "profile.created_at", @params = new { @operator = "in_range", from = "2026-01-01", to = "2026-03-31" } },
                    new { type = "profile.city", @params = new { @operator = "in_list", values = hostile } },
                    new { type = "profile.email", @params = new { @operator = "equals", value = hostile[0] } },
                    new { type = "profile.birth_date", @params = new { @operator = "equals", value = "1990-05-17" } },
                },
            },
        });
        _db.AddProfiles([.. hostile.Select((city, i) => new ProfileData(i + 1) { City = city }), new ProfileData(100) { City = "Moscow" }]);

        var source = _db.Engine.Save(document).Source.Text;
        _db.Engine.Recalculate("hostile-dates");

        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        Assert.Empty(root.GetDiagnostics());
        var blockComments = root.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.MultiLineCommentTrivia)).Select(t => t.ToString()).ToList();
        Assert.Equal(4, blockComments.Count);
        Assert.All(blockComments, c => Assert.Matches(HostDateComment, c));
        var strings = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText).ToHashSet(StringComparer.Ordinal);
        Assert.All(hostile, value => Assert.Contains(value, strings));
        Assert.DoesNotContain(root.DescendantTrivia(), t => t.IsKind(SyntaxKind.ErrorDirectiveTrivia) || t.IsKind(SyntaxKind.BadDirectiveTrivia));
        Assert.Equal([1L, 2, 3, 4, 5], _db.Engine.Members("hostile-dates"));
    }

    [Fact]
    public void Save_AnySegment_GeneratedClassCarriesGeneratedCodeWithTheEngineVersion()
    {
        var engineVersion = typeof(RuleEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        _db.Engine.Save(Documents.Single("attributed", "profile.city", new { @operator = "equals", value = "Moscow" }));

        var attribute = _db.Engine.GetCompiled("attributed").Predicate.GetType().GetCustomAttribute<GeneratedCodeAttribute>();

        Assert.NotNull(attribute);
        Assert.Equal(("RulePlugins", engineVersion), (attribute.Tool, attribute.Version));
    }

    [Fact]
    public void Save_FieldHintsNamedLikeTypesAndMembersTheSourceUses_GetTheirPathAndStillCompile()
    {
        _db.AddProfiles(new ProfileData(1) { City = "Kazan" }, new ProfileData(2) { City = "Moscow" });
        var document = Documents.Json("shadowing", new
        {
            op = "and",
            items = new object[] { new { type = "test.shadowing_field_hints" }, new { type = "profile.city", @params = new { @operator = "equals", value = "Kazan" } } },
        });

        var source = _db.Engine.Save(document).Source.Text;
        _db.Engine.Recalculate("shadowing");

        Assert.Equal([1L], _db.Engine.Members("shadowing"));
        Assert.Contains("private static readonly string Text_0 = \"a\";", source, StringComparison.Ordinal);
        Assert.Contains("private static readonly string Subject_0 = \"b\";", source, StringComparison.Ordinal);
        Assert.Contains("private static readonly string ToString_0 = \"c\";", source, StringComparison.Ordinal);
        Assert.Contains("private static readonly string Slots_0 = \"d\";", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_LongCall_OneArgumentPerLineWithEveryTokenAndCommentKept()
    {
        const string expression =
            "Helpers.Compare(subject.Rows<SomeLongRowAlias>(Slots.SomeLongTableName), \"a, b), c(\", 1767225600000L /* 2026-01-01 */, "
            + "named: Other.Thing(first, second), clock) >= 3L";

        var lines = CodeLayout.Lines(expression, 8);

        Assert.Equal(
            [
                "Helpers.Compare(",
                "    subject.Rows<SomeLongRowAlias>(Slots.SomeLongTableName),",
                "    \"a, b), c(\",",
                "    1767225600000L /* 2026-01-01 */,",
                "    named: Other.Thing(first, second),",
                "    clock) >= 3L",
            ],
            lines);
        Assert.Equal(Tokens(expression), Tokens(string.Join("\n", lines)));
    }

    [Fact]
    public void Lines_LongAndChain_OneOperandPerLineWithTheOperatorFirst()
    {
        const string expression =
            "First.Check(subject.Row<SomeRowAlias>(Slots.SomeTable)?.Channel) && Second.Check(subject.Row<SomeRowAlias>(Slots.SomeTable)?.Point) "
            + "&& Third.Open && !Fourth.Closed";

        var lines = CodeLayout.Lines(expression, 8);

        Assert.Equal(
            [
                "First.Check(subject.Row<SomeRowAlias>(Slots.SomeTable)?.Channel)",
                "&& Second.Check(subject.Row<SomeRowAlias>(Slots.SomeTable)?.Point)",
                "&& Third.Open",
                "&& !Fourth.Closed",
            ],
            lines);
    }

    [Theory]
    [InlineData("Helpers.Compare(subject.Rows<SomeLongRowAlias>(Slots.SomeLongTableName), /* a note on the separator */ second, third, fourth)")]
    [InlineData("Helpers.Compare(subject.Rows<SomeLongRowAlias>(Slots.SomeLongTableName), second, third, fourth, fifth, sixth, seventh, eighth) &&")]
    [InlineData("Rules_0(subject, clock)")]
    public void Lines_CommentOnASeparatorInvalidOrShort_StaysAsWritten(string expression)
    {
        Assert.Equal([expression], CodeLayout.Lines(expression, 8));
    }

    private static string[] Tokens(string expression) =>
        [.. SyntaxFactory.ParseExpression(expression).DescendantTokens(descendIntoTrivia: true).Select(t => t.Text)
            .Concat(SyntaxFactory.ParseExpression(expression).DescendantTrivia().Where(t => t.IsKind(SyntaxKind.MultiLineCommentTrivia)).Select(t => t.ToString()))];

    private static long Milliseconds(int year, int month, int day) => new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    // The base library's reading of an instant, for the range DateTime can hold.
    private static string ExpectedDate(long milliseconds)
    {
        if (milliseconds >= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return milliseconds == Milliseconds(9999, 12, 31) + 86_400_000L ? "+10000-01-01" : throw new ArgumentOutOfRangeException(nameof(milliseconds));
        }

        var instant = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
        var format = instant.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : instant.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        return instant.ToString(format, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^/\* [+-]?\d{4,}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)? \*/$")]
    private static partial Regex HostDateCommentPattern();

    public void Dispose() => _db.Dispose();
}
