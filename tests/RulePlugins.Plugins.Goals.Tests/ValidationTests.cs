using RulePlugins.Engine.Validation;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Goals.Tests.GoalBed;

namespace RulePlugins.Plugins.Goals.Tests;

/// <summary>
/// Bad parameters are refused at save with the path of the parameter and what is allowed, and nothing is saved: a
/// complex condition without a sub-condition, pixel_data parameters of another kind than the one given, a key without
/// a kind and a kind without a key, an empty key, a date range that ends before it starts, next_days (not offered).
/// </summary>
public sealed class ValidationTests : IDisposable
{
    private readonly PluginTestBed _bed = Create();

    private ValidationError Refused(string type, Params parameters)
    {
        var errors = Assert.Throws<SegmentValidationException>(() => _bed.Engine.Save(Documents.Single("bad", type, parameters.ToObject()))).Errors;
        Assert.Empty(_bed.Engine.Segments());
        return Assert.Single(errors);
    }

    [Fact]
    public void Save_ComplexWithoutSubCondition_IsRefusedNamingTheSubConditions()
    {
        var error = Refused(Complex, Meets().With("last_days", 30));

        Assert.Equal("rules.items[0].params.operator", error.Path);
        Assert.Contains("needs at least one sub-condition", error.Message, StringComparison.Ordinal);
        Assert.Contains("utm_source", error.Message, StringComparison.Ordinal);
        Assert.Contains("data1_kind", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Achieved)]
    [InlineData(Complex)]
    public void Save_NumberParameterOfAStringKey_IsRefusedAtItsPath(string type)
    {
        var parameters = (type == Complex ? Meets() : Counting("exists"))
            .With("data1_kind", "string").With("data1_key", "plan").With("data1_string_operator", "equals").With("data1_string_value", "gold")
            .With("data1_number_operator", "greater").With("data1_number_value", 3);

        var error = Refused(type, parameters);

        Assert.Equal("rules.items[0].params.data1_number_operator", error.Path);
        Assert.Contains("is not used when data1_kind is 'string'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'number'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_NumberComparedWithAString_IsRefusedAtTheValue()
    {
        var error = Refused(Complex, Meets().With("data2_kind", "number").With("data2_key", "seats").With("data2_number_operator", "equals").With("data2_number_value", "5"));

        Assert.Equal("rules.items[0].params.data2_number_value", error.Path);
        Assert.Contains("number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_KindWithoutComparison_IsRefusedAtTheMissingOperator()
    {
        var error = Refused(Complex, Meets().With("data1_kind", "date").With("data1_key", "trial_ends"));

        Assert.Equal("rules.items[0].params.data1_date_operator", error.Path);
        Assert.Contains("is required when data1_kind is 'date'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_KeyWithoutKind_IsRefusedAtTheKey()
    {
        var error = Refused(Complex, Meets().With("goal", "signup").With("data3_key", "plan"));

        Assert.Equal("rules.items[0].params.data3_key", error.Path);
        Assert.Contains("data3_kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_KindWithoutKey_IsRefusedAtTheKey()
    {
        var error = Refused(Complex, Meets().With("data1_kind", "boolean").With("data1_boolean_operator", "equals").With("data1_boolean_value", true));

        Assert.Equal("rules.items[0].params.data1_key", error.Path);
        Assert.Contains("is required when data1_kind is 'boolean'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_UnknownKind_IsRefusedWithTheKinds()
    {
        var error = Refused(Complex, Meets().With("data1_kind", "integer").With("data1_key", "seats"));

        Assert.Equal("rules.items[0].params.data1_kind", error.Path);
        Assert.Contains("string", error.Message, StringComparison.Ordinal);
        Assert.Contains("boolean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_BlankKey_IsRefusedAtTheKey()
    {
        var error = Refused(Complex, Meets().With("data1_kind", "string").With("data1_key", "  ").With("data1_string_operator", "is_empty"));

        Assert.Equal("rules.items[0].params.data1_key", error.Path);
        Assert.Contains("must not be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_DateRangeEndingBeforeItStarts_IsRefusedAtThePrefixedTo()
    {
        var error = Refused(Complex, Meets().With("data1_kind", "date").With("data1_key", "trial_ends").With("data1_date_operator", "in_range")
            .With("data1_date_from", "2026-06-10").With("data1_date_to", "2026-06-01"));

        Assert.Equal("rules.items[0].params.data1_date_to", error.Path);
        Assert.Contains("must not be before from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_CostRangeMinAboveMax_IsRefusedAtTheMax()
    {
        var error = Refused(Complex, Meets().With("cost_operator", "in_range").With("cost_min", 10).With("cost_max", 5));

        Assert.Equal("rules.items[0].params.cost_max", error.Path);
    }

    [Theory]
    [InlineData(Achieved)]
    [InlineData(Complex)]
    public void Save_NextDays_IsNotAParameter(string type)
    {
        var error = Refused(type, (type == Complex ? Meets().With("goal", "signup") : Counting("exists")).With("next_days", 7));

        Assert.Equal("rules.items[0].params.next_days", error.Path);
        Assert.Contains("is not a parameter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_LastDaysAndPeriod_IsRefused()
    {
        var error = Refused(Achieved, Counting("exists").With("last_days", 3).With("from", "2026-06-01"));

        Assert.Equal("rules.items[0].params.last_days", error.Path);
    }

    public void Dispose() => _bed.Dispose();
}
