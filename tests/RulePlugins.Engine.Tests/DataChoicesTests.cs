using RulePlugins.Engine.Plugins;
using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// Parameters whose values come from reference data (<see cref="ParameterDefinition.ChoicesFrom"/>), for any plugin:
/// here the seat classes of the test tickets plugin's fee table.
/// </summary>
public sealed class DataChoicesTests : IDisposable
{
    private readonly TestDatabase _db = new(new ProfileFieldsPlugin(), new TestTicketsPlugin());

    public DataChoicesTests() => _db.Execute("INSERT INTO test_fees (seat_class, fee) VALUES ('economy', 5), ('business', 50)");

    private static string Document(params string[] classes) =>
        Documents.Json("fee-classes", new { op = "and", items = new[] { new { type = "test.has_any_fee_class", @params = new { values = classes } } } }, subject: "order");

    [Fact]
    public void Save_ValueNotInTheReferenceData_IsRefusedAtItsItemWithTheKnownValues()
    {
        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(Document("business", "coach"))).Errors);

        Assert.Equal("rules.items[0].params.values[1]", error.Path);
        Assert.Equal("\"coach\" is not a known seat class; known: business, economy", error.Message);
        Assert.Empty(_db.Engine.Segments());
    }

    [Fact]
    public void Save_ValueInOtherCaseWithWhiteSpace_IsAcceptedAsTheDataSpellsIt()
    {
        var saved = _db.Engine.Save(Document(" BUSINESS "));

        Assert.Contains("\"business\")", saved.Source.Text, StringComparison.Ordinal);
        Assert.True(_db.Engine.Evaluate("fee-classes", """{"lines": [{"seat_class": "business", "price": 10}]}""").Matched);
    }

    [Fact]
    public void Save_ValueAddedToTheReferenceDataAfterItWasRead_IsAccepted()
    {
        Assert.NotEmpty(Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(Document("first"))).Errors);
        _db.Execute("INSERT INTO test_fees (seat_class, fee) VALUES ('first', 500)");

        Assert.Equal(1, _db.Engine.Save(Document("first")).Version);
    }

    [Fact]
    public void Choices_ParameterWithChoicesFromData_ListsTheCurrentValuesOrdered()
    {
        _db.Engine.Catalog.TryGetConditionType("test.has_any_fee_class", out var registration);

        Assert.Equal(["business", "economy"], _db.Engine.Validator.Choices(registration.Type.Parameters.Single()));
        Assert.Null(_db.Engine.Validator.Choices(registration.Type.Parameters.Single() with { ChoicesFrom = null }));
    }

    [Fact]
    public void Catalog_ChoicesFromALookupNoPluginDeclares_StopsStartUpNamingIt()
    {
        var error = Assert.Throws<PluginConflictException>(() => PluginCatalog.FromInstances(new UndeclaredChoicesPlugin()));

        Assert.Contains("test.undeclared_choices", error.Message, StringComparison.Ordinal);
        Assert.Contains("test.fees", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();

    /// <summary>Takes choices from the tickets plugin's lookup without registering it.</summary>
    private sealed class UndeclaredChoicesPlugin : IRulePlugin
    {
        public void Register(IPluginBuilder builder) => builder.AddConditionType(new Condition());

        private sealed class Condition : ConditionType
        {
            public override string Id => "test.undeclared_choices";

            public override string Title => "Undeclared choices";

            public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
                [new("value", ParameterKind.String, "A class.") { ChoicesFrom = DataChoices.Of("seat class", TestTicketsPlugin.Fees, f => f.Classes) }];

            public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [];

            public override string Describe(ConditionArguments arguments) => "never";

            public override Code Emit(ConditionArguments arguments, EmitContext context) => context.Expression($"false");
        }
    }
}
