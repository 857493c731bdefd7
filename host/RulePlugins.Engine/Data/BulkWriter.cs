using System.Globalization;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>A column a <see cref="BulkWriter"/> fills, with the storage type its values are converted to.</summary>
/// <param name="Name">The SQL column name.</param>
/// <param name="Type">The storage type.</param>
internal sealed record BulkColumn(string Name, ColumnType Type)
{
    /// <summary>
    /// Converts a value to the CLR type the column stores (<see cref="long"/>, <see cref="decimal"/>, <see cref="string"/>
    /// or <see cref="bool"/>); null stays null. Bulk protocols (binary COPY, SqlBulkCopy) need the exact type.
    /// </summary>
    public object? Convert(object? value) => value switch
    {
        null or DBNull => null,
        _ => Type switch
        {
            ColumnType.Integer or ColumnType.Timestamp => value is long l ? l : System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ColumnType.Decimal => value is decimal d ? d : System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            ColumnType.Boolean => value is bool b ? b : System.Convert.ToBoolean(value, CultureInfo.InvariantCulture),
            ColumnType.Text => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(value), Type, "Unknown column type."),
        },
    };

    /// <summary>The columns of a plugin table by name: the subject key is an integer, the others as defined.</summary>
    public static IReadOnlyList<BulkColumn> Of(TableDefinition table, IReadOnlyList<string> columns) =>
        [.. columns.Select(c => new BulkColumn(c, c == table.SubjectKeyColumn ? ColumnType.Integer : table.Column(c).Type))];
}

/// <summary>
/// Adds many rows to one table inside the caller's transaction, the fastest way the database offers (a prepared
/// statement on SQLite, binary COPY on PostgreSQL, SqlBulkCopy on SQL Server). Rows are guaranteed to be written only
/// once <see cref="Complete"/> returns; disposing without completing discards what the database has not yet received,
/// and the caller's transaction decides the rest.
/// </summary>
internal abstract class BulkWriter : IDisposable
{
    /// <summary>Adds one row, values in the order of the writer's columns.</summary>
    public abstract void Add(params ReadOnlySpan<object?> values);

    /// <summary>Writes whatever is still buffered; the writer is unusable afterwards.</summary>
    public abstract void Complete();

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the writer's command, importer or buffer.</summary>
    protected abstract void Dispose(bool disposing);

    /// <summary>Throws when <paramref name="values"/> does not have one value per column.</summary>
    protected static void CheckCount(ReadOnlySpan<object?> values, int columns)
    {
        if (values.Length != columns)
        {
            throw new ArgumentException($"Expected {columns} values, got {values.Length}.", nameof(values));
        }
    }
}
