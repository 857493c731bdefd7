using System.Text.Json;

namespace RulePlugins.Sdk.Data;

/// <summary>
/// A subject that arrives as a JSON document instead of being loaded from the database, such as one order a
/// promotion is applied to. The plugin that owns the subject kind turns the document into rows of its tables;
/// the compiled predicate then reads them exactly as it reads rows loaded in a batch.
/// </summary>
public abstract class SubjectDefinition
{
    /// <summary>
    /// The subject kind, e.g. <c>order</c> (lower case, as segment documents name it in <c>subject</c>). One plugin owns
    /// each kind; <see cref="SubjectKinds.Profile"/> belongs to the host.
    /// </summary>
    public abstract string Kind { get; }

    /// <summary>What a document of this subject looks like, for the catalogue and error messages.</summary>
    public abstract string Description { get; }

    /// <summary>The tables <see cref="Read"/> fills. Conditions on this subject may read only these tables.</summary>
    public abstract IReadOnlyList<TableDefinition> Tables { get; }

    /// <summary>Lookups <see cref="Read"/> needs to check a document (known currencies, say).</summary>
    public virtual IReadOnlyList<LookupDefinition> Lookups => [];

    /// <summary>
    /// Reads one document into rows with <see cref="SubjectReader.Add{TRow}"/>. A document that is missing a field,
    /// holds a value of the wrong type or an impossible value throws <see cref="SubjectFormatException"/> naming
    /// the field; it must never be read as a different, valid subject.
    /// </summary>
    public abstract void Read(JsonElement document, SubjectReader reader);
}

/// <summary>Receives the rows of one subject document; implemented by the host.</summary>
public abstract class SubjectReader
{
    /// <summary>Adds a row of <paramref name="table"/>, one of the subject's <see cref="SubjectDefinition.Tables"/>.</summary>
    public abstract void Add<TRow>(TableDefinition table, TRow row) where TRow : class;

    /// <summary>The model of a lookup listed in <see cref="SubjectDefinition.Lookups"/>.</summary>
    public abstract TModel Lookup<TModel>(LookupDefinition lookup) where TModel : class;
}

/// <summary>A subject document that cannot be read, with the JSON path of the offending field.</summary>
public sealed class SubjectFormatException : Exception
{
    /// <summary>Creates the error for the field at <paramref name="path"/> (e.g. <c>$.items[2].quantity</c>).</summary>
    public SubjectFormatException(string path, string message)
        : base($"{path}: {message}")
    {
        Path = path;
        Problem = message;
    }

    /// <summary>The JSON path of the field.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
