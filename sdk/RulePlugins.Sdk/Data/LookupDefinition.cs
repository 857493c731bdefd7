namespace RulePlugins.Sdk.Data;

/// <summary>
/// Reference data a condition reads besides the subject's own rows: currency rates, a category tree, a list of
/// sales channels. The host reads the lookup's reference table whole, once per recalculation run (and once per
/// refresh for real-time evaluation), calls <see cref="Build"/> once, and hands the model to generated code
/// through <see cref="Emit.EmitContext.Lookup"/>. The model must be immutable: every core reads it at once.
/// </summary>
public abstract class LookupDefinition
{
    /// <summary>Creates a lookup over <paramref name="table"/>, which must be a reference table.</summary>
    protected LookupDefinition(string name, TableDefinition table)
    {
        if (!table.IsReference)
        {
            throw new ArgumentException($"Lookup '{name}' must read a reference table; '{table.Name}' is keyed by a subject.", nameof(table));
        }

        Name = name;
        Table = table;
    }

    /// <summary>A stable name, unique across plugins, e.g. <c>market.currency_rates</c>.</summary>
    public string Name { get; }

    /// <summary>The reference table the lookup reads, every column of it.</summary>
    public TableDefinition Table { get; }

    /// <summary>The type of the model generated code receives.</summary>
    public abstract Type ModelType { get; }

    /// <summary>Builds the model from every row of <see cref="Table"/> (each of its row type).</summary>
    public abstract object Build(IReadOnlyList<object> rows);
}

/// <summary>A lookup whose rows are <typeparamref name="TRow"/> and whose model is <typeparamref name="TModel"/>.</summary>
public sealed class LookupDefinition<TRow, TModel> : LookupDefinition
    where TRow : class
    where TModel : class
{
    private readonly Func<IReadOnlyList<TRow>, TModel> _build;

    /// <summary>Creates a lookup that builds its model with <paramref name="build"/>.</summary>
    public LookupDefinition(string name, TableDefinition table, Func<IReadOnlyList<TRow>, TModel> build)
        : base(name, table)
    {
        if (table.RowType != typeof(TRow))
        {
            throw new ArgumentException($"Lookup '{name}': table '{table.Name}' reads rows of {table.RowType.Name}, not {typeof(TRow).Name}.", nameof(table));
        }

        _build = build;
    }

    /// <inheritdoc />
    public override Type ModelType => typeof(TModel);

    /// <summary>Builds the model from typed rows (tests and real-time callers that hold the rows already).</summary>
    public TModel Build(IReadOnlyList<TRow> rows) => _build(rows);

    /// <inheritdoc />
    public override object Build(IReadOnlyList<object> rows) => _build(rows.Cast<TRow>().ToArray());
}
