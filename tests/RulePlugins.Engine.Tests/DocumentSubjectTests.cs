using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk.Data;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>Segments whose subject is read from a document, and lookups over reference tables.</summary>
public sealed class DocumentSubjectTests : IDisposable
{
    private readonly TestDatabase _db = new(new ProfileFieldsPlugin(), new TestTicketsPlugin());

    public DocumentSubjectTests()
    {
        _db.Execute("INSERT INTO test_fees (seat_class, fee) VALUES ('economy', 5), ('business', 50)");
        _db.Engine.Save(Documents.Json("big-basket", new
        {
            op = "or",
            items = new object[]
            {
                new { type = "test.has_seat_class", @params = new { value = "business" } },
                new { type = "test.total_with_fees_at_least", @params = new { value = 300 } },
            },
        }, subject: "order"));
    }

    [Fact]
    public void IsDocumentSubject_KindsOfTheLoadedPlugins_OnlyThoseAPluginDeclares()
    {
        var withoutTickets = Plugins.PluginCatalog.FromInstances(new ProfileFieldsPlugin());

        Assert.True(_db.Engine.Catalog.IsDocumentSubject(TestTicketsPlugin.BasketKind));
        Assert.False(_db.Engine.Catalog.IsDocumentSubject(Sdk.SubjectKinds.Profile));
        Assert.False(withoutTickets.IsDocumentSubject("order"));
        Assert.False(withoutTickets.IsDocumentSubject(Sdk.SubjectKinds.Profile));
    }

    [Theory]
    [InlineData("""{"lines": [{"seat_class": "business", "price": 10}]}""", true)]
    [InlineData("""{"lines": [{"seat_class": "economy", "price": 290}, {"seat_class": "economy", "price": 4}]}""", true)]
    [InlineData("""{"lines": [{"seat_class": "economy", "price": 290}]}""", false)]
    [InlineData("""{"lines": []}""", false)]
    public void Evaluate_Document_UsesRowsAndLookup(string order, bool expected)
    {
        Assert.Equal(expected, _db.Engine.Evaluate("big-basket", order).Matched);
    }

    [Fact]
    public void Evaluate_WithExplain_ReportsEveryCondition()
    {
        var result = _db.Engine.Evaluate("big-basket", """{"lines": [{"seat_class": "economy", "price": 290}, {"seat_class": "economy", "price": 4}]}""", explain: true);

        var root = result.Explanation!;
        Assert.True(root.Held);
        Assert.Equal(["rules.items[0]", "rules.items[1]"], root.Items.Select(i => i.Path));
        Assert.Equal([false, true], root.Items.Select(i => i.Held));
        Assert.Contains("[not held] rules.items[0]: a line is in class \"business\"", result.Describe());
    }

    [Fact]
    public void Evaluate_LookupChangedAfterRefresh_SeesNewReferenceData()
    {
        const string order = """{"lines": [{"seat_class": "economy", "price": 290}]}""";
        Assert.False(_db.Engine.Evaluate("big-basket", order).Matched);

        _db.Execute("UPDATE test_fees SET fee = 10 WHERE seat_class = 'economy'");
        Assert.False(_db.Engine.Evaluate("big-basket", order).Matched);

        _db.Engine.RefreshReferenceData();
        Assert.True(_db.Engine.Evaluate("big-basket", order).Matched);
    }

    [Theory]
    [InlineData("{", "$")]
    [InlineData("[1]", "$")]
    [InlineData("""{"items": []}""", "$.lines")]
    public void Evaluate_BadDocument_ThrowsWithPath(string order, string path)
    {
        var error = Assert.Throws<SubjectFormatException>(() => _db.Engine.Evaluate("big-basket", order));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Evaluate_ProfileSegment_IsRefused()
    {
        _db.Engine.Save(Documents.Single("city", "profile.city", new { @operator = "is_empty" }));

        var error = Assert.Throws<InvalidOperationException>(() => _db.Engine.Evaluate("city", "{}"));

        Assert.Contains("recalculated from the database", error.Message);
    }

    [Fact]
    public void Migrate_ReferenceTable_HasNoSubjectKeyColumn()
    {
        // The reference table exists without a subject key column.
        var columns = _db.Scalar<string>("SELECT group_concat(name, ',') FROM pragma_table_info('test_fees')");
        Assert.Equal("seat_class,fee", columns);
    }

    [Fact]
    public void Save_ProfileConditionInOrderSegment_IsRefusedWithPath()
    {
        var json = Documents.Json("mixed", new { op = "and", items = new[] { new { type = "profile.city", @params = (object)new { @operator = "is_empty" } } } }, subject: "order");

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(json)).Errors);

        Assert.Equal("rules.items[0].type", error.Path);
        Assert.Contains("applies to profile segments", error.Message);
    }

    public void Dispose() => _db.Dispose();
}
