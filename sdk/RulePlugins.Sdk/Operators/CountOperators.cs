using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Sdk.Operators;

/// <summary>
/// How many of the subject's rows match, inside a time window: the operator family of "exists", "at least N times in the
/// last X days", "not once in a period", "total cost in the last 30 days is greater than 500". One instance per condition
/// type, over one table and its timestamp column; the condition adds what a row must match (its own parameters, a match
/// lambda) and this family gives the rest: parameters, validation, data requirements bounded by the window, words, and
/// the emitted expression (calls to <see cref="RowCounting"/>).
/// </summary>
/// <remarks>
/// <para>Operators (<c>operator</c>), with <c>N</c> the <see cref="TimesParameter"/> (<c>times</c>):</para>
/// <list type="bullet">
/// <item><c>exists</c>: at least N matching rows in the window; <c>times</c> optional, 1 when left out.</item>
/// <item><c>not_exists</c>: fewer than N; <c>times</c> optional, 1 when left out (no row at all).</item>
/// <item><c>at_least</c>: at least N; <c>times</c> required.</item>
/// <item><c>not_once</c>: no matching row; <c>times</c> refused.</item>
/// <item><c>total</c>, <c>average</c> (with a <see cref="Value"/>): the sum or mean of the value column over the matching rows,
/// compared with the number operators (<c>{name}_operator</c>, <c>_value</c>, <c>_min</c>, <c>_max</c>; see
/// <see cref="NumberOperators"/>). Unknown values are left out of both; the total of no row is 0; the average of no row is
/// unknown, so only <c>not_equals</c> holds for it.</item>
/// </list>
/// <para>The window is one of <see cref="WindowParameters"/> (see its remarks for the edges): all time when none is given.
/// With <see cref="PastOnly"/>, rows dated after now count in no window.</para>
/// </remarks>
public sealed class CountOperators
{
    private static readonly string[] Known = [Exists, NotExists, AtLeast, NotOnce, Total, Average];

    private IReadOnlyList<ParameterDefinition>? _parameters;

    /// <summary>Counts rows of <paramref name="table"/>, placed in time by <paramref name="timeColumn"/> (a timestamp column).</summary>
    public CountOperators(TableDefinition table, string timeColumn)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Column(timeColumn).Type != ColumnType.Timestamp)
        {
            throw new ArgumentException($"Column '{timeColumn}' of table '{table.Name}' is not a timestamp.", nameof(timeColumn));
        }

        Table = table;
        TimeColumn = timeColumn;
    }

    /// <summary>The table whose rows are counted.</summary>
    public TableDefinition Table { get; }

    /// <summary>The timestamp column the window applies to.</summary>
    public string TimeColumn { get; }

    /// <summary>The operators offered, in catalogue order: by default <c>exists</c>, <c>not_exists</c>, <c>at_least</c>, <c>not_once</c>.</summary>
    public IReadOnlyList<string> Operators { get; init; } = [Exists, NotExists, AtLeast, NotOnce];

    /// <summary>The name of the count parameter N.</summary>
    public string TimesParameter { get; init; } = "times";

    /// <summary>The largest N accepted.</summary>
    public long MaxTimes { get; init; } = 1_000_000;

    /// <summary>What is counted, in descriptions.</summary>
    public CountNoun Noun { get; init; } = CountNoun.Times;

    /// <summary>The windows offered and their parameter names.</summary>
    public WindowParameters Window { get; init; } = WindowParameters.Default;

    /// <summary>The column <c>total</c> and <c>average</c> aggregate; required when <see cref="Operators"/> offers them.</summary>
    public CountedValue? Value { get; init; }

    /// <summary>
    /// True for rows that record things that happened (events, fills, achievements): a row dated after now counts in no
    /// window, all time and a period reaching past now included. The rows loaded then end at now, and the emitted window
    /// does too (<see cref="InstantRange.NotAfter"/>), whatever else the tree loads from the table. False by default: all
    /// time counts every row.
    /// </summary>
    public bool PastOnly { get; init; }

    /// <summary>The description of the <c>operator</c> parameter in the catalogue; by default one listing the operators offered.</summary>
    public string? OperatorDescription { get; init; }

    /// <summary>The description of the <see cref="TimesParameter"/> in the catalogue; by default one saying how each operator uses it.</summary>
    public string? TimesDescription { get; init; }

    /// <summary>The operator, count and value parameters, then the window parameters.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters => _parameters ??= [.. OperatorParameters, .. Window.Parameters];

    /// <summary>The operator, count and value parameters only, for a condition that places the window parameters itself.</summary>
    public IReadOnlyList<ParameterDefinition> OperatorParameters
    {
        get
        {
            CheckOperators();
            var list = new List<ParameterDefinition>
            {
                ParameterDefinition.Choice("operator", OperatorDescription ?? DefaultOperatorDescription(), Operators),
            };
            var times = new ParameterDefinition(TimesParameter, ParameterKind.Integer, TimesDescription ?? DefaultTimesDescription()) { Minimum = 1, Maximum = MaxTimes };
            switch (new ParameterDependency("operator", [AtLeast], [Exists, NotExists]).LimitedTo(Operators))
            {
                case null:
                    break;
                case { RequiredFor.Count: 0 } optional when optional.OptionalFor.Count == Operators.Count:
                    // Optional whatever the operator (the operator itself is required): a plain optional parameter.
                    list.Add(times with { Required = false });
                    break;
                case var dependency:
                    list.Add(times with { DependsOn = dependency });
                    break;
            }

            if (Value is { } value && new ParameterDependency("operator", [Total, Average], []).LimitedTo(Operators) is { } aggregate)
            {
                var comparison = NumberOperators.Parameters(value.Prefix, NumberOperators.Comparisons, integer: false, minimum: null, maximum: null, required: false);
                list.AddRange(comparison.Select(p => p.Name == value.Prefix + "operator" ? p with { DependsOn = aggregate } : p));
            }

            return list;
        }
    }

    /// <summary>Refuses two windows at once, a period that ends before it starts, and a value range whose min is above its max.</summary>
    public IEnumerable<ArgumentError> Validate(ConditionArguments arguments) =>
        Value is { } value ? Window.Validate(arguments).Concat(NumberOperators.Validate(arguments, value.Prefix)) : Window.Validate(arguments);

    /// <summary>
    /// What the condition reads: <paramref name="columns"/> of <see cref="Table"/> (those its match lambda reads), the value
    /// column for <c>total</c> and <c>average</c>, and the time column unless the window is all time; only rows inside the
    /// window are loaded.
    /// </summary>
    public IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments, params string[] columns)
    {
        var read = new SortedSet<string>(columns, StringComparer.Ordinal);
        if (Aggregates(arguments))
        {
            read.Add(Value!.Column);
        }

        var window = RowWindow(arguments);
        if (window is not null)
        {
            read.Add(TimeColumn);
        }

        yield return Table.Read([.. read]).Within(window);
    }

    /// <summary>
    /// The condition in words, after <paramref name="subject"/> (what one counted row is): "opened on email at least 3 times
    /// in the last 14 days", "opened on email not once between 2026-01-01 and 2026-01-31 (both included)", "total cost of
    /// goal "purchase" in the last 30 days is greater than 500".
    /// </summary>
    public string Describe(ConditionArguments arguments, string subject)
    {
        var window = Window.Describe(arguments);
        var inWindow = window.Length == 0 ? string.Empty : " " + window;
        if (Aggregates(arguments))
        {
            var value = Value!;
            var what = $"{(arguments.GetString("operator") == Total ? "total" : "average")} {value.Name.Replace('_', ' ')} of {subject}{inWindow}";
            return NumberOperators.Describe(what, arguments, string.Empty, value.Prefix, valueMayBeUnknown: arguments.GetString("operator") == Average);
        }

        return $"{subject} {DescribeCount(arguments)}{inWindow}";
    }

    /// <summary>The count alone in words: "at least 3 times", "at least 1 order", "fewer than 2 orders", "not once", "no order".</summary>
    public string DescribeCount(ConditionArguments arguments)
    {
        var op = arguments.GetString("operator");
        var times = Times(arguments);
        return op switch
        {
            Exists or AtLeast => $"at least {Noun.Count(times)}",
            NotExists => times == 1 ? Noun.NoneText : $"fewer than {Noun.Count(times)}",
            NotOnce => Noun.NoneText,
            _ => op,
        };
    }

    /// <summary>
    /// The condition as a C# boolean expression: counts the subject's rows of <see cref="Table"/> in the window that pass
    /// <paramref name="match"/> (a lambda over one row such as <c>static row =&gt; row.Channel == "email"</c>, or
    /// <c>null</c> for every row) with <see cref="RowCounting"/>, and compares. Every column the lambda reads must be in
    /// the columns given to <see cref="GetDataRequirements"/>.
    /// </summary>
    public Code Emit(ConditionArguments arguments, EmitContext context, Code? match)
    {
        var compared = EmitValue(arguments, context, match);
        return Aggregates(arguments)
            ? NumberOperators.Emit(arguments, context, compared, integer: false, AggregateName(arguments), Value!.Prefix)
            : Compare(arguments, context, compared);
    }

    /// <summary>
    /// The quantity <see cref="Emit(ConditionArguments, EmitContext, Code?)"/> compares, as a C# expression: the number of
    /// the subject's rows in the window that pass <paramref name="match"/> (a <c>long</c>), or for <c>total</c> and
    /// <c>average</c> the aggregate of the value column (a <c>decimal?</c>). A condition type returns it from its
    /// <see cref="ConditionType.EmitValue"/>, so that an explanation shows the count beside the rows.
    /// </summary>
    public Code EmitValue(ConditionArguments arguments, EmitContext context, Code? match)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var rows = context.Rows(Table);
        var test = match ?? context.Expression($"null");
        var counting = context.TypeName(typeof(RowCounting));
        var allTime = Window.Kind(arguments) == CountWindow.AllTime && !PastOnly;
        var time = allTime ? context.Expression($"") : context.Expression($"{EmitWindow(arguments, context)}, static row => row.{context.Identifier(Table.Column(TimeColumn).PropertyName)}, ");
        if (!Aggregates(arguments))
        {
            return context.Expression($"{counting}.Count({rows}, {time}{test})");
        }

        var valueOf = context.Expression($"static row => row.{context.Identifier(Table.Column(Value!.Column).PropertyName)}");
        return context.Expression($"{counting}.{context.Identifier(AggregateName(arguments))}({rows}, {time}{test}, {valueOf})");
    }

    /// <summary>
    /// The condition as a C# boolean expression over a count the plugin computes itself (when a row's match needs more than
    /// the row, such as an order's items): <paramref name="count"/> receives the window (an <see cref="InstantRange"/>
    /// expression) and returns an expression of type <c>long</c>. For the count operators only.
    /// </summary>
    public Code Emit(ConditionArguments arguments, EmitContext context, Func<Code, Code> count)
    {
        ArgumentNullException.ThrowIfNull(count);
        if (Aggregates(arguments))
        {
            throw new ArgumentException($"Operator '{arguments.GetString("operator")}' aggregates a value; emit it with a match instead.", nameof(arguments));
        }

        return Compare(arguments, context, count(EmitWindow(arguments, context)));
    }

    /// <summary>
    /// The <c>total</c> or <c>average</c> operator over an aggregate the plugin computes itself (when a row's match needs
    /// more than the row, such as the evaluation clock): <paramref name="aggregate"/> receives the window (an
    /// <see cref="InstantRange"/> expression) and the operator's name (<c>Total</c> or <c>Average</c>) and returns an
    /// expression of type <c>decimal?</c> with <see cref="RowCounting"/>'s rules (the total of no row is 0, the average of
    /// none is unknown); this family compares it with the value parameters.
    /// </summary>
    public Code EmitAggregate(ConditionArguments arguments, EmitContext context, Func<Code, string, Code> aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (!Aggregates(arguments))
        {
            throw new ArgumentException($"Operator '{arguments.GetString("operator")}' counts rows; emit it with a count instead.", nameof(arguments));
        }

        var name = AggregateName(arguments);
        return NumberOperators.Emit(arguments, context, aggregate(EmitWindow(arguments, context), name), integer: false, name, Value!.Prefix);
    }

    /// <summary>
    /// The quantity compared by a condition that computes its count (<see cref="Emit(ConditionArguments, EmitContext, Func{Code, Code})"/>)
    /// or its aggregate (<see cref="EmitAggregate"/>) itself, for its <see cref="ConditionType.EmitValue"/>: <paramref name="count"/>
    /// or <paramref name="aggregate"/> called with the window as those methods call them.
    /// </summary>
    public Code EmitValue(ConditionArguments arguments, EmitContext context, Func<Code, Code> count, Func<Code, string, Code>? aggregate = null)
    {
        ArgumentNullException.ThrowIfNull(count);
        var window = EmitWindow(arguments, context);
        if (!Aggregates(arguments))
        {
            return count(window);
        }

        return aggregate is null
            ? throw new ArgumentException($"Operator '{arguments.GetString("operator")}' aggregates a value; give an aggregate.", nameof(aggregate))
            : aggregate(window, AggregateName(arguments));
    }

    /// <summary>
    /// The window as an <see cref="InstantRange"/> expression: <see cref="WindowParameters.Emit"/>'s, ending at now when
    /// <see cref="PastOnly"/> (except the last X days, which already end at now).
    /// </summary>
    public Code EmitWindow(ConditionArguments arguments, EmitContext context)
    {
        var window = Window.Emit(arguments, context);
        return PastOnly && Window.Kind(arguments) is CountWindow.AllTime or CountWindow.Period
            ? context.Expression($"{window}.NotAfter({context.Clock})")
            : window;
    }

    /// <summary>
    /// The condition as a SQL prefilter (see <see cref="ConditionType.Translate"/>): the subject has at least N rows in the
    /// window for which <paramref name="rows"/> holds (every row in the window when it is null or returns null); for
    /// <c>total</c> and <c>average</c>, a row with a value when the comparison cannot hold for no row. Null for the operators
    /// that hold without any row (not_exists, not_once, a total that may be 0). <paramref name="rows"/> must hold for every
    /// row the match passes.
    /// </summary>
    public SqlCode? Translate(ConditionArguments arguments, SqlContext context, Func<SqlRows, SqlCode?>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var op = arguments.GetString("operator");
        long atLeast;
        string? valued = null;
        switch (op)
        {
            case Exists or AtLeast:
                atLeast = Times(arguments);
                break;
            case Total when NumberOperators.Bounds(arguments, Value!.Prefix) is var (low, high) && (low > 0 || high < 0):
            case Average when NumberOperators.Bounds(arguments, Value!.Prefix) is not null:
                atLeast = 1;
                valued = Value!.Column;
                break;
            default:
                return null;
        }

        var window = RowWindow(arguments);
        return context.HasRows(Table, atLeast, r => SqlContext.And(
        [
            context.Within(r.Column(TimeColumn), window),
            valued is null ? null : context.Sql($"{r.Column(valued)} IS NOT NULL"),
            rows?.Invoke(r),
        ]));
    }

    // The rows a condition can count: inside the window, and up to now when PastOnly (a period's own fixed end is kept,
    // since the emitted window stops at now anyway). Null for all time.
    private TimeWindow? RowWindow(ConditionArguments arguments)
    {
        var window = Window.Window(arguments, TimeColumn);
        return PastOnly ? window is null ? new TimeWindow(TimeColumn, null, TimeBound.Now) : window with { To = window.To ?? TimeBound.Now } : window;
    }

    /// <summary>N: the <see cref="TimesParameter"/>, 1 when left out.</summary>
    public long Times(ConditionArguments arguments) => arguments.Has(TimesParameter) ? arguments.GetInteger(TimesParameter) : 1;

    private Code Compare(ConditionArguments arguments, EmitContext context, Code count)
    {
        var op = arguments.GetString("operator");
        return op switch
        {
            Exists or AtLeast => context.Expression($"{count} >= {Times(arguments)}"),
            NotExists => context.Expression($"{count} < {Times(arguments)}"),
            NotOnce => context.Expression($"{count} == 0L"),
            _ => throw new ArgumentException($"Unknown count operator '{op}'.", nameof(arguments)),
        };
    }

    /// <summary>True when the operator is <c>total</c> or <c>average</c>: the condition compares an aggregate of the value column, not a count.</summary>
    public bool Aggregates(ConditionArguments arguments) => arguments.GetString("operator") is Total or Average;

    private static string AggregateName(ConditionArguments arguments) => arguments.GetString("operator") == Total ? "Total" : "Average";

    private void CheckOperators()
    {
        if (Operators.Count == 0 || Operators.Any(o => !Known.Contains(o, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException($"Count operators must be some of {string.Join(", ", Known)}; got {string.Join(", ", Operators)}.");
        }

        if (PastOnly && Window.NextDays is not null)
        {
            throw new InvalidOperationException("Rows counted as past only have no next days; set Window.NextDays to null.");
        }

        if (Value is null && Operators.Any(o => o is Total or Average))
        {
            throw new InvalidOperationException("The total and average operators need a Value column.");
        }

        if (Value is { } value && Table.Column(value.Column).Type is not (ColumnType.Integer or ColumnType.Decimal))
        {
            throw new InvalidOperationException($"Column '{value.Column}' of table '{Table.Name}' is not a number.");
        }
    }

    private string DefaultOperatorDescription()
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Exists] = $"{Exists} (at least {TimesParameter}, 1 when left out)",
            [NotExists] = $"{NotExists} (fewer than {TimesParameter}; none when it is left out)",
            [AtLeast] = $"{AtLeast} (at least {TimesParameter})",
            [NotOnce] = $"{NotOnce} (none)",
            [Total] = $"{Total} (the sum of {Value?.Name} compared with {Value?.Prefix}operator)",
            [Average] = $"{Average} (the mean of {Value?.Name} compared with {Value?.Prefix}operator)",
        };
        return $"What is compared, over the matching rows in the window: {string.Join(", ", Operators.Select(o => words[o]))}.";
    }

    private string DefaultTimesDescription()
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Exists] = $"{Exists}: at least this many, 1 when left out",
            [NotExists] = $"{NotExists}: fewer than this many, 1 when left out",
            [AtLeast] = $"{AtLeast}: at least this many (required)",
        };
        return $"How many {Noun.Plural}. {string.Join("; ", Operators.Where(words.ContainsKey).Select(o => words[o]))}.";
    }
}
