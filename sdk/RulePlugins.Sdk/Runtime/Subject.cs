namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// The rows of one batch of subjects, one <see cref="RowSet"/> per table the predicate reads, in the slot
/// order the generated code names.
/// </summary>
public sealed class SubjectBatch
{
    private readonly RowSet[] _tables;

    private readonly object[] _lookups;

    /// <summary>Creates a batch over <paramref name="ids"/> (ascending) with one row set per slot.</summary>
    public SubjectBatch(long[] ids, int count, RowSet[] tables)
        : this(ids, count, tables, [])
    {
    }

    /// <summary>Creates a batch with one row set per table slot and one lookup model per lookup slot.</summary>
    public SubjectBatch(long[] ids, int count, RowSet[] tables, object[] lookups)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, ids.Length);
        Ids = ids;
        Count = count;
        _tables = tables;
        _lookups = lookups;
    }

    /// <summary>The subject ids; the first <see cref="Count"/> are in use.</summary>
    public long[] Ids { get; }

    /// <summary>How many subjects the batch holds.</summary>
    public int Count { get; }

    /// <summary>The row set in a slot.</summary>
    public RowSet Table(int slot) => _tables[slot];

    /// <summary>The lookup model in a lookup slot.</summary>
    public object Lookup(int slot) => _lookups[slot];
}

/// <summary>One subject of a batch: what a compiled predicate evaluates.</summary>
public readonly struct Subject
{
    private readonly SubjectBatch _batch;
    private readonly int _index;

    /// <summary>Points at subject <paramref name="index"/> of <paramref name="batch"/>.</summary>
    public Subject(SubjectBatch batch, int index)
    {
        _batch = batch;
        _index = index;
    }

    /// <summary>The subject's id (the profile id for profile segments).</summary>
    public long Id => _batch.Ids[_index];

    /// <summary>The subject's rows of the table in <paramref name="slot"/>, in the order the database returned them.</summary>
    public ReadOnlySpan<TRow> Rows<TRow>(int slot) where TRow : class => ((RowSet<TRow>)_batch.Table(slot)).For(_index);

    /// <summary>The model of the lookup in lookup slot <paramref name="slot"/> (shared by every subject of the batch).</summary>
    public TModel Lookup<TModel>(int slot) where TModel : class => (TModel)_batch.Lookup(slot);

    /// <summary>The subject's only row of the table in <paramref name="slot"/>, or null when it has none.</summary>
    public TRow? Row<TRow>(int slot) where TRow : class
    {
        var rows = Rows<TRow>(slot);
        return rows.IsEmpty ? null : rows[0];
    }
}
