using RulePlugins.Sdk.Data;

namespace RulePlugins.Sdk.Conditions;

/// <summary>
/// The values a parameter that names an entity accepts, read from reference data: the currencies of a rates table,
/// the ids of campaigns or scenarios. Set on <see cref="ParameterDefinition.ChoicesFrom"/>; the host reads the lookup's
/// model (cached like the lookups generated code reads, and read again when a value is not found, so a row added since
/// counts), refuses any other value at save time with the path and the known values, and lists the choices in the
/// catalogue. Values match ignoring case and surrounding white space; the condition receives the value as the data
/// spells it.
/// </summary>
public abstract class DataChoices
{
    private protected DataChoices(string noun, LookupDefinition lookup)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noun);
        ArgumentNullException.ThrowIfNull(lookup);
        Noun = noun;
        Lookup = lookup;
    }

    /// <summary>What one value is, for messages: <c>currency</c> gives <c>"XYZ" is not a known currency</c>.</summary>
    public string Noun { get; }

    /// <summary>The lookup whose model lists the values; the plugin must register it.</summary>
    public LookupDefinition Lookup { get; }

    /// <summary>The values the lookup's current <paramref name="model"/> allows.</summary>
    public abstract IEnumerable<string> From(object model);

    /// <summary>Choices listed by <paramref name="choices"/> from the model of <paramref name="lookup"/>.</summary>
    public static DataChoices Of<TRow, TModel>(string noun, LookupDefinition<TRow, TModel> lookup, Func<TModel, IEnumerable<string>> choices)
        where TRow : class
        where TModel : class =>
        new Typed<TModel>(noun, lookup, choices);

    private sealed class Typed<TModel>(string noun, LookupDefinition lookup, Func<TModel, IEnumerable<string>> choices) : DataChoices(noun, lookup)
        where TModel : class
    {
        public override IEnumerable<string> From(object model) => choices((TModel)model);
    }
}
