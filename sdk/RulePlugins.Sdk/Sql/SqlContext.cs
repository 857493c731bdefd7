using System.Runtime.CompilerServices;
using System.Text;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Sdk.Sql;

/// <summary>
/// What a condition type may use to translate itself into a SQL filter on one subject (see
/// <see cref="Conditions.ConditionType.Translate"/>): the columns of its one-row-per-subject tables, counts of its rows in
/// other tables, the run's instant, and a text test whose meaning differs between databases. The host
/// implements it once per dialect; values become parameters, never SQL text.
/// </summary>
/// <remarks>
/// A translation is a <em>prefilter</em>: it must hold for every subject the condition holds for, and may hold for more.
/// The compiled predicate judges every subject the prefilter lets through, so a translation that is wider than the
/// condition costs only time, while one that is narrower loses members; when in doubt, widen it or return null.
/// <code>context.Sql($"{context.Column(table, "score")} &gt;= {threshold}")</code>
/// </remarks>
public abstract class SqlContext
{
    /// <summary>The database the SQL is for: <c>sqlite</c>, <c>postgresql</c> or <c>sqlserver</c>.</summary>
    public abstract string Dialect { get; }

    /// <summary>
    /// A column of a one-row-per-subject table (<see cref="TableDefinition.OneRowPerSubject"/>), NULL for a subject
    /// without a row. The table is joined once whatever the number of conditions reading it.
    /// </summary>
    public abstract SqlCode Column(TableDefinition table, string column);

    /// <summary>A value bound as a parameter: a text, a whole number, a decimal, a double, a boolean, or an instant (as Unix milliseconds).</summary>
    public abstract SqlCode Value(object value);

    /// <summary>The run's instant in Unix milliseconds, the same instant the compiled predicate's clock reads.</summary>
    public abstract SqlCode Now { get; }

    /// <summary>
    /// True when the subject has at least <paramref name="atLeast"/> rows of <paramref name="table"/> for which
    /// <paramref name="where"/> holds (every row when it returns null). <paramref name="where"/> reads the rows through
    /// <see cref="SqlRows.Column"/>.
    /// </summary>
    public abstract SqlCode HasRows(TableDefinition table, long atLeast, Func<SqlRows, SqlCode?> where);

    /// <summary>
    /// True when <paramref name="text"/> contains <paramref name="part"/> (printable ASCII), ignoring ASCII case when
    /// <paramref name="ignoreCase"/> (the database's <c>LIKE</c>, the part escaped and bound as a parameter). It holds for
    /// every text that <see cref="Runtime.Text"/> finds equal to, starting with or containing the part: trimming only takes
    /// white space off the ends, and no character outside ASCII equals an ASCII one ignoring case. It may hold for more.
    /// </summary>
    public abstract SqlCode ContainsText(SqlCode text, string part, bool ignoreCase);

    /// <summary>A time bound: a parameter for a fixed instant, the run's instant plus an offset for a relative one.</summary>
    public SqlCode Instant(TimeBound bound) =>
        bound.IsRelative ? (bound.Value == 0 ? Now : Sql($"({Now} + {bound.Value})")) : Value(bound.Value);

    /// <summary>True when <paramref name="column"/> (Unix milliseconds) is inside <paramref name="window"/>, both ends included; null for an unbounded window.</summary>
    public SqlCode? Within(SqlCode column, TimeWindow? window) => window switch
    {
        null or { From: null, To: null } => null,
        { From: { } from, To: { } to } => Sql($"{column} BETWEEN {Instant(from)} AND {Instant(to)}"),
        { From: { } from } => Sql($"{column} >= {Instant(from)}"),
        { To: { } to } => Sql($"{column} <= {Instant(to)}"),
    };

    /// <summary>Builds a fragment from a template: the template text is the plugin's SQL, a <see cref="SqlCode"/> is written as it is, any other value is a parameter.</summary>
    public SqlCode Sql([InterpolatedStringHandlerArgument("")] ref SqlInterpolationHandler handler) => handler.ToCode();

    /// <summary>The conjunction of the parts given (nulls are left out), or null when there is none.</summary>
    public static SqlCode? And(IEnumerable<SqlCode?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var given = parts.OfType<SqlCode>().ToList();
        return given.Count switch
        {
            0 => null,
            1 => given[0],
            _ => new SqlCode(string.Join(" AND ", given.Select(p => "(" + p.Text + ")"))),
        };
    }

    /// <summary>The disjunction of the parts, or null when any part is null (a part that may hold for anyone).</summary>
    public static SqlCode? Or(IEnumerable<SqlCode?> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var given = parts.ToList();
        if (given.Count == 0 || given.Any(p => p is null))
        {
            return null;
        }

        return given.Count == 1 ? given[0] : new SqlCode(string.Join(" OR ", given.Select(p => "(" + p!.Text + ")")));
    }

    /// <summary>Wraps SQL text the host wrote itself (never a document value).</summary>
    protected static SqlCode Trusted(string text) => new(text);
}

/// <summary>The rows of one table inside <see cref="SqlContext.HasRows"/>: their columns, by name.</summary>
public abstract class SqlRows
{
    /// <summary>The table.</summary>
    public abstract TableDefinition Table { get; }

    /// <summary>The context, to build fragments over the rows.</summary>
    public abstract SqlContext Context { get; }

    /// <summary>A column of the row; the table must declare it.</summary>
    public abstract SqlCode Column(string name);
}

/// <summary>Builds <see cref="SqlCode"/> from an interpolated string; values become parameters through the <see cref="SqlContext"/>.</summary>
[InterpolatedStringHandler]
public ref struct SqlInterpolationHandler
{
    private readonly SqlContext _context;
    private readonly StringBuilder _builder;

    /// <summary>Called by the compiler.</summary>
    public SqlInterpolationHandler(int literalLength, int formattedCount, SqlContext context)
    {
        _context = context;
        _builder = new StringBuilder(literalLength + formattedCount * 8);
    }

    /// <summary>Template text: the plugin's own SQL.</summary>
    public readonly void AppendLiteral(string value) => _builder.Append(value);

    /// <summary>A fragment, written as it is.</summary>
    public readonly void AppendFormatted(SqlCode value) => _builder.Append(value.Text);

    /// <summary>A text parameter.</summary>
    public readonly void AppendFormatted(string value) => _builder.Append(_context.Value(value).Text);

    /// <summary>A whole-number parameter.</summary>
    public readonly void AppendFormatted(long value) => _builder.Append(_context.Value(value).Text);

    /// <summary>A whole-number parameter.</summary>
    public readonly void AppendFormatted(int value) => _builder.Append(_context.Value((long)value).Text);

    /// <summary>A decimal parameter.</summary>
    public readonly void AppendFormatted(decimal value) => _builder.Append(_context.Value(value).Text);

    /// <summary>A boolean parameter.</summary>
    public readonly void AppendFormatted(bool value) => _builder.Append(_context.Value(value).Text);

    internal readonly SqlCode ToCode() => new(_builder.ToString());
}
