using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// Input a careless or hostile client sends: every one is refused as a document error with its path (never a compiler
/// error or an unexpected exception), or read the way a rule author means it.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TestDatabase _db = new();

    private IReadOnlyList<ValidationError> Errors(string json) => _db.Engine.Validator.Check(json);

    private static object City(object parameters) => new { type = "profile.city", @params = parameters };

    private static object Rules(params object[] items) => new { op = "and", items };

    [Theory]
    [InlineData("nlid\n")]
    [InlineData("nlid\r\n")]
    [InlineData("nlid\u2028")]
    public void Save_IdWithTrailingLineBreak_IsRefusedNamingIdAndNeverCompiled(string id)
    {
        var json = Documents.Json(id, Rules(City(new { @operator = "equals", value = "Moscow" })));

        var exception = Record.Exception(() => _db.Engine.Save(json));

        var refused = Assert.IsType<SegmentValidationException>(exception);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("id", error.Path);
        Assert.Contains("lower-case letters, digits or dashes", error.Message);
        Assert.Empty(_db.Engine.Segments());
    }

    public static TheoryData<string, string> DocumentsWithUnpairedSurrogates() => new()
    {
        { """{"schemaVersion": 1, "id": "sur", "name": "a\ud800b", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "name" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "description": "\udc00", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "description" },
        { """{"schemaVersion": 1, "id": "sur\ud800", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "id" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "subject": "pro\ud800file", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "subject" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "rules": {"op": "an\ud800d", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "rules.op" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.\ud800city", "params": {"operator": "is_empty"}}]}}""", "rules.items[0].type" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "equals", "value": "a\ud800b"}}]}}""", "rules.items[0].params.value" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "equ\udfffals", "value": "Moscow"}}]}}""", "rules.items[0].params.operator" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "in_list", "values": ["Moscow", "\ud800"]}}]}}""", "rules.items[0].params.values[1]" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.created_at", "params": {"operator": "equals", "value": "2026-01-01\ud800"}}]}}""", "rules.items[0].params.value" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty", "\ud800": 1}}]}}""", "rules.items[0].params" },
        { """{"schemaVersion": 1, "id": "sur", "name": "n", "\udc00": 1, "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", SegmentDocumentParser.DocumentPath },
    };

    [Theory]
    [MemberData(nameof(DocumentsWithUnpairedSurrogates))]
    public void Save_UnpairedSurrogate_IsRefusedWithThePathOfTheText(string json, string path)
    {
        var exception = Record.Exception(() => _db.Engine.Save(json));

        var refused = Assert.IsType<SegmentValidationException>(exception);
        var error = Assert.Single(refused.Errors, e => e.Path == path);
        Assert.Contains("not valid text: it contains an unpaired surrogate", error.Message, StringComparison.Ordinal);
        Assert.Empty(_db.Engine.Segments());
    }

    public static TheoryData<string, string> DocumentsWithDuplicateKeys() => new()
    {
        { """{"schemaVersion": 1, "id": "dup-a", "id": "dup-b", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "id" },
        { """{"schemaVersion": 1, "schemaVersion": 1, "id": "dup", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "schemaVersion" },
        { """{"schemaVersion": 1, "id": "dup", "name": "n", "schedule": {"everyMinutes": 5, "everyMinutes": 50}, "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "schedule.everyMinutes" },
        { """{"schemaVersion": 1, "id": "dup", "name": "n", "rules": {"op": "and", "op": "or", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "rules.op" },
        { """{"schemaVersion": 1, "id": "dup", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}], "items": []}}""", "rules.items" },
        { """{"schemaVersion": 1, "id": "dup", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "type": "profile.email", "params": {"operator": "is_empty"}}]}}""", "rules.items[0].type" },
        { """{"schemaVersion": 1, "id": "dup", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}, "params": {"operator": "is_not_empty"}}]}}""", "rules.items[0].params" },
        { """{"schemaVersion": 1, "id": "dup", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "equals", "value": "a", "value": "b"}}]}}""", "rules.items[0].params.value" },
    };

    [Theory]
    [MemberData(nameof(DocumentsWithDuplicateKeys))]
    public void Save_KeyGivenTwice_IsRefusedAtItsPathWhateverTheLevel(string json, string path)
    {
        var exception = Record.Exception(() => _db.Engine.Save(json));

        var refused = Assert.IsType<SegmentValidationException>(exception);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains("is given twice", error.Message, StringComparison.Ordinal);
        Assert.Empty(_db.Engine.Segments());
    }

    public static TheoryData<string, string, string> DocumentsWithOddKeys() => new()
    {
        { """{"schemaVersion": 1, "id": "key", "name": "n", "": 1, "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "[\"\"]", "the key is empty" },
        { """{"schemaVersion": 1, "id": "key", "name": "n", "schedule": {"": 5}, "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "schedule[\"\"]", "the key is empty" },
        { """{"schemaVersion": 1, "id": "key", "name": "n", "rules": {"op": "and", "": 1, "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""", "rules[\"\"]", "the key is empty" },
        { """{"schemaVersion": 1, "id": "key", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "": 1, "params": {"operator": "is_empty"}}]}}""", "rules.items[0][\"\"]", "the key is empty" },
        { """{"schemaVersion": 1, "id": "key", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty", "": 1}}]}}""", "rules.items[0].params[\"\"]", "the key is empty" },
        { """{"schemaVersion": 1, "id": "key", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty", "  ": 1}}]}}""", "rules.items[0].params[\"  \"]", "is not a parameter" },
        { """{"schemaVersion": 1, "id": "key", "name": "n", "rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty", "a\nb.c": 1}}]}}""", "rules.items[0].params[\"a\\nb.c\"]", "is not a parameter" },
    };

    [Theory]
    [MemberData(nameof(DocumentsWithOddKeys))]
    public void Check_EmptyOrOddKey_IsNamedClearlyInThePath(string json, string path, string message)
    {
        var error = Assert.Single(Errors(json));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"operator": "equals", "value": "Kazan"}""", new long[] { 1, 2, 3 })]
    [InlineData("""{"operator": "equals", "value": "  kazan\t"}""", new long[] { 1, 2, 3 })]
    [InlineData("""{"operator": "not_equals", "value": " Kazan"}""", new long[] { 4, 5 })]
    [InlineData("""{"operator": "in_list", "values": [" KAZAN ", "Perm"]}""", new long[] { 1, 2, 3 })]
    [InlineData("""{"operator": "not_in_list", "values": ["kazan\n"]}""", new long[] { 4, 5 })]
    [InlineData("""{"operator": "starts_with", "value": " Kazan"}""", new long[] { 1, 2, 3 })]
    [InlineData("""{"operator": "contains", "value": "azan "}""", new long[] { 1, 2, 3 })]
    public void Recalculate_TextWithSurroundingWhiteSpace_ComparesTrimmedOnBothSides(string parameters, long[] expected)
    {
        _db.AddProfiles(new ProfileData(1) { City = "Kazan" }, new ProfileData(2) { City = " Kazan" }, new ProfileData(3) { City = "kazan \u00a0" },
            new ProfileData(4) { City = "Kaza n" }, new ProfileData(5) { City = "   " });
        using var document = System.Text.Json.JsonDocument.Parse(parameters);

        Assert.Equal(expected, _db.MembersOf("profile.city", document.RootElement.Clone()));
    }

    [Fact]
    public void Save_ValueWithSurroundingWhiteSpace_StoresItAsSentAndCompilesTheTrimmedValue()
    {
        var json = Documents.Json("trimmed", Rules(City(new { @operator = "equals", value = "  Kazan \n" })));

        var saved = _db.Engine.Save(json);

        Assert.Contains("\"  Kazan \\n\"", _db.Engine.Store.GetVersion("trimmed")!.Document, StringComparison.Ordinal);
        Assert.Contains("\"Kazan\")", saved.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"  Kazan", saved.Source.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"operator": "equals", "value": "   "}""", "rules.items[0].params.value")]
    [InlineData("""{"operator": "contains", "value": "\t\n"}""", "rules.items[0].params.value")]
    [InlineData("""{"operator": "in_list", "values": ["Kazan", " "]}""", "rules.items[0].params.values[1]")]
    public void Check_ValueEmptyAfterTrimming_IsRefusedWithItsPath(string parameters, string path)
    {
        using var document = System.Text.Json.JsonDocument.Parse(parameters);

        var error = Assert.Single(Errors(Documents.Single("blank", "profile.city", document.RootElement.Clone())));

        Assert.Equal(path, error.Path);
        Assert.Contains("must not be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_StringWithALoneSurrogateCharacter_IsRefusedAsADocumentError()
    {
        // Not an escape: the text handed in process holds the lone surrogate itself, which cannot become UTF-8.
        var json = Documents.Json("lone", Rules(City(new { @operator = "equals", value = "MARK" }))).Replace("MARK", "Mos\ud800cow", StringComparison.Ordinal);

        var exception = Record.Exception(() => _db.Engine.Save(json));

        var error = Assert.Single(Assert.IsType<SegmentValidationException>(exception).Errors);
        Assert.Equal(SegmentDocumentParser.DocumentPath, error.Path);
        Assert.Contains("unpaired surrogate at character", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
