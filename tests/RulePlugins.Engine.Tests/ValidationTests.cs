using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class ValidationTests : IDisposable
{
    private readonly TestDatabase _db = new();

    private IReadOnlyList<ValidationError> Errors(string json) => _db.Engine.Validator.Check(json);

    private static string Doc(object rules) => Documents.Json("validation-test", rules);

    private static object City(object parameters) => new { type = "profile.city", @params = parameters };

    [Fact]
    public void Check_ValidDocument_HasNoErrors()
    {
        var errors = Errors(Doc(new { op = "and", items = new[] { City(new { @operator = "equals", value = "Moscow" }) } }));

        Assert.Empty(errors);
    }

    [Fact]
    public void Check_UnknownConditionType_NamesPathAndKnownTypes()
    {
        var errors = Errors(Doc(new { op = "and", items = new[] { new { type = "profile.cty", @params = new { } } } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].type", error.Path);
        Assert.Contains("unknown condition type \"profile.cty\"", error.Message);
        Assert.Contains("profile.city", error.Message);
    }

    [Fact]
    public void Check_MissingRequiredParameter_SaysWhenItIsRequired()
    {
        var errors = Errors(Doc(new { op = "and", items = new[] { City(new { @operator = "in_list" }) } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.values", error.Path);
        Assert.Contains("is required when operator is 'in_list'", error.Message);
    }

    [Fact]
    public void Check_ExtraParameter_ListsTheAcceptedOnes()
    {
        var errors = Errors(Doc(new { op = "and", items = new[] { City(new { @operator = "equals", value = "Moscow", colour = "red" }) } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.colour", error.Path);
        Assert.Contains("operator, value, values", error.Message);
    }

    [Fact]
    public void Check_ParameterNotUsedByOperator_IsRefused()
    {
        var errors = Errors(Doc(new { op = "and", items = new[] { City(new { @operator = "is_empty", value = "Moscow" }) } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.value", error.Path);
        Assert.Contains("is not used when operator is 'is_empty'", error.Message);
    }

    [Fact]
    public void Check_OperatorNotAllowed_ListsAllowedValues()
    {
        var errors = Errors(Doc(new { op = "and", items = new[] { City(new { @operator = "equal", value = "Moscow" }) } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.operator", error.Path);
        Assert.Contains("allowed values: equals, not_equals, in_list, not_in_list, contains, starts_with, is_empty, is_not_empty", error.Message);
    }

    [Fact]
    public void Check_WrongJsonType_SaysWhatWasExpected()
    {
        var errors = Errors(Doc(new { op = "and", items = new object[] { new { type = "profile.age", @params = new { @operator = "greater", value = "eighteen" } } } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.value", error.Path);
        Assert.Contains("expected a whole number from 0 to 150, got \"eighteen\"", error.Message);
    }

    [Fact]
    public void Check_NumberOutOfRange_NamesTheRange()
    {
        var errors = Errors(Doc(new { op = "and", items = new object[] { new { type = "profile.created_at", @params = new { @operator = "in_last_days", days = 0 } } } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.days", error.Path);
        Assert.Contains("0 is out of range; a whole number from 1 to 36500", error.Message);
    }

    [Fact]
    public void Check_RangeWithMinAboveMax_IsRefusedByTheConditionType()
    {
        var errors = Errors(Doc(new { op = "and", items = new object[] { new { type = "profile.age", @params = new { @operator = "in_range", min = 40, max = 30 } } } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[0].params.max", error.Path);
        Assert.Contains("must be greater than or equal to min (40)", error.Message);
    }

    [Fact]
    public void Check_EmptyGroup_IsRefused()
    {
        var errors = Errors(Doc(new { op = "and", items = new object[] { City(new { @operator = "is_empty" }), new { op = "or", items = Array.Empty<object>() } } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[1].items", error.Path);
        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void Check_ConditionCarryingItsOwnOperator_IsRefusedAsMixedOperators()
    {
        var errors = Errors(Doc(new
        {
            op = "and",
            items = new object[]
            {
                City(new { @operator = "equals", value = "Moscow" }),
                new { op = "or", type = "profile.city", @params = new { @operator = "equals", value = "Kazan" } },
            },
        }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.items[1].op", error.Path);
        Assert.Contains("AND and OR cannot be mixed on one level", error.Message);
    }

    [Fact]
    public void Check_UnknownGroupOperator_ListsAndOr()
    {
        var errors = Errors(Doc(new { op = "xor", items = new[] { City(new { @operator = "is_empty" }) } }));

        var error = Assert.Single(errors);
        Assert.Equal("rules.op", error.Path);
        Assert.Contains("allowed values: and, or", error.Message);
    }

    [Fact]
    public void Check_SeveralProblems_ReportsEveryOneWithItsPath()
    {
        var errors = Errors(Doc(new
        {
            op = "and",
            items = new object[]
            {
                new { type = "profile.nope" },
                new { op = "or", items = new object[] { new { type = "profile.age", @params = new { @operator = "greater", value = 200 } }, new { op = "and", items = Array.Empty<object>() } } },
                City(new { @operator = "starts_with" }),
            },
        }));

        Assert.Equal(
            ["rules.items[1].items[1].items", "rules.items[0].type", "rules.items[1].items[0].params.value", "rules.items[2].params.value"],
            errors.Select(e => e.Path));
    }

    [Fact]
    public void Check_InvalidJson_SaysSo()
    {
        var error = Assert.Single(Errors("{\"schemaVersion\": 1, \"rules\": "));

        Assert.Equal(SegmentDocumentParser.DocumentPath, error.Path);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Check_MissingSchemaVersionAndName_AreBothReported()
    {
        var errors = Errors("""{"rules": {"op": "and", "items": [{"type": "profile.city", "params": {"operator": "is_empty"}}]}}""");

        Assert.Contains(errors, e => e.Path == "schemaVersion" && e.Message.Contains("is required"));
        Assert.Contains(errors, e => e.Path == "name" && e.Message.Contains("is required"));
    }

    [Fact]
    public void Check_TreeDeeperThanLimit_IsRefused()
    {
        object rules = new { op = "and", items = new[] { City(new { @operator = "is_empty" }) } };
        for (var i = 0; i < 8; i++)
        {
            rules = new { op = i % 2 == 0 ? "or" : "and", items = new[] { rules } };
        }

        var errors = Errors(Doc(rules));

        Assert.Contains(errors, e => e.Message.Contains("nested 9 deep; the limit is 8"));
    }

    [Fact]
    public void Check_ListLongerThanLimit_IsRefused()
    {
        var values = Enumerable.Range(0, 1001).Select(i => "City" + i).ToArray();

        var error = Assert.Single(Errors(Doc(new { op = "and", items = new[] { City(new { @operator = "in_list", values }) } })));

        Assert.Equal("rules.items[0].params.values", error.Path);
        Assert.Contains("must have 1 to 1000 items, got 1001", error.Message);
    }

    [Fact]
    public void Check_StringLongerThanLimit_IsRefused()
    {
        var error = Assert.Single(Errors(Doc(new { op = "and", items = new[] { City(new { @operator = "equals", value = new string('x', 1001) }) } })));

        Assert.Equal("rules.items[0].params.value", error.Path);
        Assert.Contains("1001 characters long; the limit is 1000", error.Message);
    }

    [Fact]
    public void Check_TooManyNodes_IsRefused()
    {
        var items = Enumerable.Range(0, 501).Select(_ => City(new { @operator = "is_empty" })).ToArray();

        var errors = Errors(Doc(new { op = "or", items }));

        Assert.Contains(errors, e => e.Message.Contains("more than 500 nodes"));
    }

    [Fact]
    public void Save_InvalidDocument_ThrowsWithEveryErrorAndStoresNothing()
    {
        var json = Doc(new { op = "and", items = new object[] { new { type = "profile.nope" }, City(new { @operator = "equals" }) } });

        var exception = Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(json));

        Assert.Equal("validation-test", exception.SegmentId);
        Assert.Equal(2, exception.Errors.Count);
        Assert.Contains("rules.items[0].type", exception.Message);
        Assert.Empty(_db.Engine.Segments());
        Assert.Equal(0L, _db.Scalar<long>("SELECT COUNT(*) FROM segment_versions"));
    }

    [Fact]
    public void Check_SubjectNoPluginReads_IsRefusedWithAllowedValues()
    {
        var json = Documents.Json("orders-only", new { op = "and", items = new[] { City(new { @operator = "is_empty" }) } }, subject: "order");

        var error = Assert.Single(Errors(json));

        Assert.Equal("subject", error.Path);
        Assert.Contains("allowed values: profile", error.Message);
    }

    public void Dispose() => _db.Dispose();
}
