namespace RulePlugins.Sdk.Runtime;

/// <summary>The rows of one table for one batch of subjects.</summary>
public abstract class RowSet
{
    /// <summary>How many rows the set holds.</summary>
    public abstract int RowCount { get; }

    /// <summary>Clears the set for a batch of <paramref name="subjectCount"/> subjects.</summary>
    public abstract void Reset(int subjectCount);

    /// <summary>Closes the set after the last row: subjects after the last one seen get empty spans.</summary>
    public abstract void Complete();
}

/// <summary>
/// The rows of one table for one batch, grouped by subject: rows are appended in subject order and each
/// subject's rows form one contiguous span. Arrays are reused across batches, so memory stays bounded by
/// the batch, not by the data.
/// </summary>
public sealed class RowSet<TRow> : RowSet where TRow : class
{
    private TRow[] _rows;
    private int[] _starts;
    private int _rowCount;
    private int _subjectCount;
    private int _lastSubject;

    /// <summary>Creates an empty set sized for about <paramref name="capacity"/> rows.</summary>
    public RowSet(int capacity = 16)
    {
        _rows = new TRow[Math.Max(capacity, 1)];
        _starts = new int[2];
    }

    /// <inheritdoc />
    public override int RowCount => _rowCount;

    /// <inheritdoc />
    public override void Reset(int subjectCount)
    {
        if (_starts.Length < subjectCount + 1)
        {
            _starts = new int[subjectCount + 1];
        }

        Array.Clear(_rows, 0, _rowCount);
        Array.Clear(_starts, 0, subjectCount + 1);
        _rowCount = 0;
        _subjectCount = subjectCount;
        _lastSubject = 0;
    }

    /// <summary>Appends a row of subject <paramref name="subjectIndex"/>; indexes must not decrease.</summary>
    public void Add(int subjectIndex, TRow row)
    {
        if (subjectIndex < _lastSubject || subjectIndex >= _subjectCount)
        {
            throw new ArgumentOutOfRangeException(nameof(subjectIndex), "Rows must be added in ascending subject order.");
        }

        // Subjects between the last one seen and this one have no rows: their spans start here.
        for (var s = _lastSubject + 1; s <= subjectIndex; s++)
        {
            _starts[s] = _rowCount;
        }

        _lastSubject = subjectIndex;
        if (_rowCount == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[_rowCount++] = row;
        _starts[subjectIndex + 1] = _rowCount;
    }

    /// <inheritdoc />
    public override void Complete()
    {
        for (var s = _lastSubject + 1; s <= _subjectCount; s++)
        {
            _starts[s] = _rowCount;
        }
    }

    /// <summary>The rows of subject <paramref name="subjectIndex"/>.</summary>
    public ReadOnlySpan<TRow> For(int subjectIndex)
    {
        var start = _starts[subjectIndex];
        return new ReadOnlySpan<TRow>(_rows, start, _starts[subjectIndex + 1] - start);
    }
}
