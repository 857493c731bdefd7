using RulePlugins.Sdk.Data;

namespace RulePlugins.Sdk.Conditions;

/// <summary>One value a <see cref="DataChoices"/> parameter accepts, with the name a rule builder shows for it.</summary>
/// <param name="Value">What a document stores: the entity's id (<c>spring-sale</c>), which does not change when it is renamed.</param>
/// <param name="Name">What people call it (<c>Spring sale</c>); the value itself when the data has no name.</param>
public sealed record DataChoice(string Value, string Name);

/// <summary>
/// The values a parameter that names an entity accepts, read from reference data: the currencies of a rates table,
/// the ids of campaigns or scenarios. Set on <see cref="ParameterDefinition.ChoicesFrom"/>; the host reads the lookup's
/// model (cached like the lookups generated code reads, and read again when a value is not found, so a row added since
/// counts), refuses any other value at save time with the path and the closest known values, and lists the choices with
/// their names in the catalogue. Values match ignoring case and surrounding white space; the condition receives the value
/// as the data spells it. Documents store the value (an id), so renaming an entity changes nothing saved.
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

    /// <summary>The values the lookup's current <paramref name="model"/> allows, with their names; by default each value is its own name.</summary>
    public virtual IEnumerable<DataChoice> ChoicesFrom(object model) => From(model).Select(v => new DataChoice(v, v));

    /// <summary>Choices listed by <paramref name="choices"/> from the model of <paramref name="lookup"/>.</summary>
    public static DataChoices Of<TRow, TModel>(string noun, LookupDefinition<TRow, TModel> lookup, Func<TModel, IEnumerable<string>> choices)
        where TRow : class
        where TModel : class =>
        new Typed<TModel>(noun, lookup, choices);

    /// <summary>
    /// Choices with names listed by <paramref name="choices"/> from the model of <paramref name="lookup"/>: the entities of a
    /// reference table, each an id and the name a rule builder shows (<c>new DataChoice(row.Id, row.Name)</c>).
    /// </summary>
    public static DataChoices Named<TRow, TModel>(string noun, LookupDefinition<TRow, TModel> lookup, Func<TModel, IEnumerable<DataChoice>> choices)
        where TRow : class
        where TModel : class =>
        new WithNames<TModel>(noun, lookup, choices);

    /// <summary>
    /// Choices with names read straight from the rows of a reference table (an entity per row), with the lookup that
    /// reads them: register <see cref="Lookup"/> with the plugin. <paramref name="choice"/> gives a row's id and name, or
    /// <c>null</c> to leave the row out. The host trims them, leaves out empty ids and repeats (ignoring case) and names
    /// an entity without a name by its id, so the plugin need not.
    /// </summary>
    public static DataChoices FromRows<TRow>(string noun, string lookupName, TableDefinition table, Func<TRow, DataChoice?> choice)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(choice);
        var lookup = new LookupDefinition<TRow, IReadOnlyList<DataChoice>>(lookupName, table, rows => [.. rows.Select(choice).OfType<DataChoice>()]);
        return Named(noun, lookup, choices => choices);
    }

    /// <summary>
    /// Choices read straight from the rows of a reference table, each row giving its id (<paramref name="id"/>; a row
    /// without one is left out) and its name (<paramref name="name"/>; the id when it has none), with the lookup that
    /// reads them: <c>DataChoices.FromRows&lt;PopupRow&gt;("popup", "weblayers.popups", PopupsTable, row =&gt; row.Id, row =&gt; row.Name)</c>.
    /// Register <see cref="Lookup"/> with the plugin.
    /// </summary>
    public static DataChoices FromRows<TRow>(string noun, string lookupName, TableDefinition table, Func<TRow, string?> id, Func<TRow, string?> name)
        where TRow : class
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        return FromRows<TRow>(noun, lookupName, table, row => id(row) is { } value ? new DataChoice(value, name(row) ?? value) : null);
    }

    private sealed class Typed<TModel>(string noun, LookupDefinition lookup, Func<TModel, IEnumerable<string>> choices) : DataChoices(noun, lookup)
        where TModel : class
    {
        public override IEnumerable<string> From(object model) => choices((TModel)model);
    }

    private sealed class WithNames<TModel>(string noun, LookupDefinition lookup, Func<TModel, IEnumerable<DataChoice>> choices) : DataChoices(noun, lookup)
        where TModel : class
    {
        public override IEnumerable<string> From(object model) => choices((TModel)model).Select(c => c.Value);

        public override IEnumerable<DataChoice> ChoicesFrom(object model) => choices((TModel)model);
    }
}
