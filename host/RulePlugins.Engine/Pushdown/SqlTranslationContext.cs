using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Engine.Pushdown;

/// <summary>
/// The host's <see cref="SqlContext"/> for one segment tree on one dialect: joins each one-row-per-subject table once
/// (<c>j0</c>, <c>j1</c>, ...), names the row aliases of counted tables (<c>r0</c>, ...), binds every value as a parameter
/// (<c>@f0</c>, ...), and refuses tables and columns no loaded plugin declares.
/// </summary>
internal sealed class SqlTranslationContext(ISqlDialect dialect, PluginCatalog catalog) : SqlContext
{
    private readonly Dictionary<string, string> _joinAliases = new(StringComparer.Ordinal);
    private readonly List<(string Alias, string Sql)> _joins = [];
    private readonly List<KeyValuePair<string, object>> _parameters = [];
    private int _rowAliases;
    private bool _usesNow;

    /// <inheritdoc />
    public override string Dialect => dialect.Name;

    /// <summary>
    /// The joins <paramref name="where"/> reads, in the order they were added: a translation dropped by the planner (an OR
    /// branch beside an untranslatable one) may have joined a table nothing else reads.
    /// </summary>
    public ImmutableArray<string> JoinsReadBy(SqlCode where) =>
        [.. _joins.Where(j => Regex.IsMatch(where.Text, $@"\b{j.Alias}\.")).Select(j => j.Sql)];

    /// <summary>The parameters bound so far, with <c>now</c> first when a fragment read it.</summary>
    public ImmutableArray<KeyValuePair<string, object>> Parameters =>
        _usesNow ? [new(Prefilter.NowParameter, 0L), .. _parameters] : [.. _parameters];

    /// <inheritdoc />
    public override SqlCode Now
    {
        get
        {
            _usesNow = true;
            return Trusted("@" + Prefilter.NowParameter);
        }
    }

    /// <inheritdoc />
    public override SqlCode Column(TableDefinition table, string column)
    {
        Check(table);
        if (!table.OneRowPerSubject)
        {
            throw new InvalidOperationException($"table '{table.Name}' has several rows per subject; read its rows with HasRows");
        }

        var name = table.Column(column).Name;
        if (!_joinAliases.TryGetValue(table.Name, out var alias))
        {
            alias = "j" + _joinAliases.Count;
            _joinAliases.Add(table.Name, alias);
            _joins.Add((alias, $"LEFT JOIN {table.Name} {alias} ON {alias}.{table.SubjectKeyColumn} = p.id"));
        }

        return Trusted($"{alias}.{name}");
    }

    /// <inheritdoc />
    public override SqlCode Value(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not (string or long or int or decimal or double or bool or DateTimeOffset))
        {
            throw new ArgumentException($"a SQL parameter is a text, a number, a boolean or an instant, not {value.GetType().Name}", nameof(value));
        }

        var name = "f" + _parameters.Count;
        _parameters.Add(new(name, dialect.Parameter(value is int i ? (long)i : value)));
        return Trusted("@" + name);
    }

    /// <inheritdoc />
    public override SqlCode HasRows(TableDefinition table, long atLeast, Func<SqlRows, SqlCode?> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        Check(table);
        if (table.OneRowPerSubject && atLeast > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(atLeast), atLeast, $"table '{table.Name}' has one row per subject");
        }

        var alias = "r" + _rowAliases++;
        var filter = where(new Rows(this, table, alias));
        var condition = $"{alias}.{table.SubjectKeyColumn} = p.id" + (filter is null ? string.Empty : $" AND ({filter.Text})");
        return atLeast <= 1
            ? Trusted($"EXISTS (SELECT 1 FROM {table.Name} {alias} WHERE {condition})")
            : Trusted($"(SELECT COUNT(*) FROM {table.Name} {alias} WHERE {condition}) >= {Value(atLeast).Text}");
    }

    /// <inheritdoc />
    public override SqlCode ContainsText(SqlCode text, string part, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(part);
        if (part.Length == 0 || part.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException($"a text part is printable ASCII and not empty, not {Sdk.Data.JsonText.Quote(part)}", nameof(part));
        }

        return Trusted(dialect.ContainsText(text.Text, Value(dialect.ContainsPattern(part)).Text, ignoreCase));
    }

    private void Check(TableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.IsReference)
        {
            throw new InvalidOperationException($"reference table '{table.Name}' has no rows of a subject");
        }

        if (!catalog.TryGetTableOwner(table.Name, out _) && !SegmentMembership.IsHostTable(table))
        {
            throw new InvalidOperationException($"table '{table.Name}' is declared by no loaded plugin");
        }
    }

    private sealed class Rows(SqlTranslationContext context, TableDefinition table, string alias) : SqlRows
    {
        public override TableDefinition Table => table;

        public override SqlContext Context => context;

        public override SqlCode Column(string name) => SqlContext.Trusted($"{alias}.{table.Column(name).Name}");
    }
}
