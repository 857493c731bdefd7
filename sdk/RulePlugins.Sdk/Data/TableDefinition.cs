namespace RulePlugins.Sdk.Data;

/// <summary>The storage type of a column. Dialects map each to their own SQL type.</summary>
public enum ColumnType
{
    /// <summary>A 64-bit integer.</summary>
    Integer,
    /// <summary>A decimal number (money, quantities).</summary>
    Decimal,
    /// <summary>Text.</summary>
    Text,
    /// <summary>A boolean, stored as 0 or 1 where the database has no boolean type.</summary>
    Boolean,
    /// <summary>A point in time as Unix milliseconds (UTC) in a 64-bit integer.</summary>
    Timestamp,
}

/// <summary>A column of a plugin table.</summary>
/// <param name="Name">The SQL column name (lower case, letters, digits and underscores).</param>
/// <param name="Type">The storage type.</param>
/// <param name="Property">The property of the row type that receives the value; by default the column name in PascalCase.</param>
public sealed record ColumnDefinition(string Name, ColumnType Type, string? Property = null)
{
    /// <summary>Whether the column may hold NULL.</summary>
    public bool Nullable { get; init; } = true;

    /// <summary>The row-type property that receives the value.</summary>
    public string PropertyName => Property ?? Naming.ToPascalCase(Name);
}

/// <summary>An index the plugin's loader query needs (usually subject key first, then the time column, then covered columns).</summary>
/// <param name="Name">The index name, unique in the database.</param>
/// <param name="Columns">The indexed columns, in order.</param>
public sealed record IndexDefinition(string Name, IReadOnlyList<string> Columns);

/// <summary>
/// A table a plugin owns. A subject table is keyed by a subject: <see cref="SubjectKeyColumn"/> holds the profile id,
/// and the host loads the rows of a whole batch of profiles with one query ordered by that key. A reference table
/// (<see cref="IsReference"/>: currency rates, a category tree) has no subject key; conditions read it through a
/// <see cref="LookupDefinition"/>, loaded whole once per run.
/// Rows are materialised into <see cref="RowType"/>, a class with a public parameterless constructor and a
/// settable property per column (see <see cref="ColumnDefinition.PropertyName"/>).
/// </summary>
public sealed record TableDefinition
{
    /// <summary>Creates a subject table: every row belongs to the subject in <paramref name="subjectKeyColumn"/>.</summary>
    public TableDefinition(string name, string subjectKeyColumn, Type rowType, IReadOnlyList<ColumnDefinition> columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKeyColumn);
        Name = name;
        SubjectKeyColumn = subjectKeyColumn;
        RowType = rowType;
        Columns = columns;
    }

    private TableDefinition(string name, Type rowType, IReadOnlyList<ColumnDefinition> columns)
    {
        Name = name;
        RowType = rowType;
        Columns = columns;
    }

    /// <summary>Creates a reference table: rows belong to no subject, and the host reads them whole through a lookup.</summary>
    public static TableDefinition Reference(string name, Type rowType, IReadOnlyList<ColumnDefinition> columns) =>
        new(name, rowType, columns);

    /// <summary>The SQL table name, prefixed by the plugin's family (e.g. <c>market_orders</c>).</summary>
    public string Name { get; }

    /// <summary>The column holding the subject (profile) id, or null for a reference table.</summary>
    public string? SubjectKeyColumn { get; }

    /// <summary>True for a reference table, which has no subject key and is read only through lookups.</summary>
    public bool IsReference => SubjectKeyColumn is null;

    /// <summary>The CLR class one row is read into.</summary>
    public Type RowType { get; }

    /// <summary>The data columns (the subject key is implied and not listed).</summary>
    public IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>The column that makes a row unique with the subject key, if rows have their own id.</summary>
    public string? RowKeyColumn { get; init; }

    /// <summary>True when every subject has at most one row (profile fields): generated code reads it with <c>Row&lt;T&gt;</c>.</summary>
    public bool OneRowPerSubject { get; init; }

    /// <summary>Indexes the host creates for this table.</summary>
    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = [];

    /// <summary>Increase when the table changes; the host records it and adds missing columns and indexes.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Finds a column by name.</summary>
    public ColumnDefinition Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"Table '{Name}' has no column '{name}'.", nameof(name));

    /// <summary>A requirement for some of this table's columns, for <see cref="Conditions.ConditionType.GetDataRequirements"/>.</summary>
    public DataRequirement Read(params string[] columns) => new(this, columns);
}

/// <summary>Naming helpers shared by the host and plugins.</summary>
public static class Naming
{
    /// <summary>Turns <c>snake_case</c> or <c>dotted.name</c> into <c>PascalCase</c>.</summary>
    public static string ToPascalCase(string name)
    {
        var parts = name.Split(['_', '.', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
