using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Runtime;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Sdk.Operators;

/// <summary>
/// Where a subject has been, from its spells: the nine operators static segments, campaigns and control or test groups
/// share ("currently in", "entered at least 3 times in the last 30 days", "not entered even once in a period"). One
/// instance per condition type, over one table with a row per spell: the instant the subject entered and the instant it
/// left (unknown while it is still in). The condition adds which spells count (the segment, the campaign, the group: a
/// match lambda over one row) and this family gives the rest: parameters, validation, data requirements bounded by the
/// window, words, and the emitted expression (calls to <see cref="Spells"/>).
/// </summary>
/// <remarks>
/// <para>Operators (<c>operator</c>):</para>
/// <list type="bullet">
/// <item><c>currently_in</c>: a spell is open now.</item>
/// <item><c>currently_not_in</c>: no spell is open now (also true for a subject that never entered).</item>
/// <item><c>ever_entered</c>: entered at least once, at or before now.</item>
/// <item><c>never_entered</c>: no spell entered at or before now.</item>
/// <item><c>no_longer_in</c>: currently not in, but entered at least once.</item>
/// <item><c>entered_times_last_days</c>: at least <c>times</c> entries in the last <c>last_days</c> days.</item>
/// <item><c>entered_times_in_period</c>: at least <c>times</c> entries from <c>from</c> to <c>to</c>.</item>
/// <item><c>not_entered_last_days</c>: no entry in the last <c>last_days</c> days (also true for a subject that never entered).</item>
/// <item><c>not_entered_in_period</c>: no entry from <c>from</c> to <c>to</c> (likewise).</item>
/// </list>
/// <para>The edges, written in <see cref="Edges"/> for catalogue descriptions:</para>
/// <list type="bullet">
/// <item>A spell is open now when it entered at or before now and its left instant is unknown or after now: a spell still
/// open counts as in; one that left exactly now counts as not in.</item>
/// <item>An entry counts for a window by its entered instant alone: "the last X days" is from now − X × 24 h to now, both
/// included (an entry at exactly now − X × 24 h counts); a period is whole UTC days, from 00:00:00.000 of <c>from</c> to
/// 23:59:59.999 of <c>to</c>. When the subject left does not matter.</item>
/// <item>Only spells that have begun count: one entered after now, or at an unknown instant, is ignored by every operator.</item>
/// </list>
/// "Now" is the evaluation clock, one instant for a whole recalculation.
/// </remarks>
public sealed class MembershipHistoryOperators
{
    /// <summary>The nine operators, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CurrentlyIn, CurrentlyNotIn, EverEntered, NeverEntered, NoLongerIn,
        EnteredTimesLastDays, EnteredTimesInPeriod, NotEnteredLastDays, NotEnteredInPeriod,
    ];

    /// <summary>The edges of the family in words, for a condition type's description.</summary>
    public const string Edges =
        "A spell still open now counts as in; one that left exactly now counts as not in. An entry counts for a window by " +
        "the instant it entered: the last X days run from now − X × 24 h to now, both included; a period is whole UTC days " +
        "(from 00:00:00.000 of from to 23:59:59.999 of to). Spells entered after now are ignored.";

    private static readonly string[] LastDaysOperators = [EnteredTimesLastDays, NotEnteredLastDays];
    private static readonly string[] PeriodOperators = [EnteredTimesInPeriod, NotEnteredInPeriod];
    private static readonly string[] CountedOperators = [EnteredTimesLastDays, EnteredTimesInPeriod];
    private static readonly string[] OpenSpellOperators = [CurrentlyIn, CurrentlyNotIn, NoLongerIn];

    private IReadOnlyList<ParameterDefinition>? _parameters;

    /// <summary>
    /// The spells of <paramref name="table"/>: <paramref name="enteredColumn"/> (a timestamp column that is never null)
    /// is when a spell began, <paramref name="leftColumn"/> (a nullable timestamp column) when it ended, null while it lasts.
    /// </summary>
    public MembershipHistoryOperators(TableDefinition table, string enteredColumn, string leftColumn)
    {
        ArgumentNullException.ThrowIfNull(table);
        var entered = table.Column(enteredColumn);
        if (entered.Type != ColumnType.Timestamp || entered.Nullable)
        {
            throw new ArgumentException($"Column '{enteredColumn}' of table '{table.Name}' must be a timestamp that is never null: every spell has begun.", nameof(enteredColumn));
        }

        if (table.Column(leftColumn).Type != ColumnType.Timestamp)
        {
            throw new ArgumentException($"Column '{leftColumn}' of table '{table.Name}' is not a timestamp.", nameof(leftColumn));
        }

        if (table.IsReference)
        {
            throw new ArgumentException($"Table '{table.Name}' is a reference table; spells belong to a subject.", nameof(table));
        }

        Table = table;
        EnteredColumn = enteredColumn;
        LeftColumn = leftColumn;
    }

    /// <summary>The table of spells.</summary>
    public TableDefinition Table { get; }

    /// <summary>When a spell began.</summary>
    public string EnteredColumn { get; }

    /// <summary>When a spell ended; null while it lasts.</summary>
    public string LeftColumn { get; }

    /// <summary>What the subject is in, for parameter descriptions: <c>the campaign</c>, <c>the static segment</c>.</summary>
    public string What { get; init; } = "it";

    /// <summary>The largest number of days the last-days operators may span.</summary>
    public long MaxDays { get; init; } = 36_500;

    /// <summary>The largest number of entries <c>times</c> may ask for.</summary>
    public long MaxTimes { get; init; } = 1_000_000;

    /// <summary>
    /// <c>operator</c>, then <c>times</c> (required by the two "entered at least" operators), <c>last_days</c> (required by
    /// the two last-days operators), <c>from</c> and <c>to</c> (required by the two period operators); each is refused by
    /// the operators that do not use it.
    /// </summary>
    public IReadOnlyList<ParameterDefinition> Parameters => _parameters ??=
    [
        ParameterDefinition.Choice("operator", OperatorDescription(), All),
        new("times", ParameterKind.Integer, $"How many times the subject entered {What}, at least, in the window.")
        {
            Minimum = 1,
            Maximum = MaxTimes,
            DependsOn = new ParameterDependency("operator", CountedOperators, []),
        },
        new("last_days", ParameterKind.Integer, $"Entries into {What} in the last this many days: from now − days × 24 h to now, both included.")
        {
            Minimum = 1,
            Maximum = MaxDays,
            DependsOn = new ParameterDependency("operator", LastDaysOperators, []),
        },
        new("from", ParameterKind.Date, $"The first day of the period (UTC, from 00:00:00.000; a time of day given is ignored).")
        {
            DependsOn = new ParameterDependency("operator", PeriodOperators, []),
        },
        new("to", ParameterKind.Date, $"The last day of the period (UTC, the whole day included, to 23:59:59.999).")
        {
            DependsOn = new ParameterDependency("operator", PeriodOperators, []),
        },
    ];

    /// <summary>Refuses a period whose last day is before its first.</summary>
    public IEnumerable<ArgumentError> Validate(ConditionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Has("from") && arguments.Has("to") && UtcDays.Start(arguments.GetDate("from")) > UtcDays.Start(arguments.GetDate("to")))
        {
            yield return new ArgumentError("to", $"must not be before from ({UtcDays.Format(arguments.GetDate("from"))}), got {UtcDays.Format(arguments.GetDate("to"))}");
        }
    }

    /// <summary>
    /// What the condition reads: <paramref name="columns"/> of <see cref="Table"/> (those its match lambda reads), the
    /// entered column, and the left column for the operators that ask whether a spell is open now. Only spells entered at
    /// or before now are loaded, and for the window operators only those entered inside the window.
    /// </summary>
    public IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var op = arguments.GetString("operator");
        var read = new SortedSet<string>(columns, StringComparer.Ordinal) { EnteredColumn };
        if (OpenSpellOperators.Contains(op))
        {
            read.Add(LeftColumn);
        }

        var window = LastDaysOperators.Contains(op) ? TimeWindow.LastDays(EnteredColumn, arguments.GetInteger("last_days"))
            : PeriodOperators.Contains(op) ? Period(arguments)
            : new TimeWindow(EnteredColumn, null, TimeBound.Now);
        yield return Table.Read([.. read]).Within(window);
    }

    /// <summary>
    /// The condition in words, around <paramref name="entity"/> (what the subject is in, such as <c>campaign "spring"</c>):
    /// "currently in campaign "spring"", "entered campaign "spring" at least 2 times in the last 30 days", "did not enter
    /// campaign "spring" between 2026-01-01 and 2026-01-31 (both included)".
    /// </summary>
    public string Describe(ConditionArguments arguments, string entity)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var op = arguments.GetString("operator");
        return op switch
        {
            CurrentlyIn => $"currently in {entity}",
            CurrentlyNotIn => $"currently not in {entity}",
            EverEntered => $"entered {entity} at least once",
            NeverEntered => $"never entered {entity}",
            NoLongerIn => $"currently not in {entity}, but entered it before",
            EnteredTimesLastDays or EnteredTimesInPeriod => $"entered {entity} at least {CountNoun.Times.Count(arguments.GetInteger("times"))} {DescribeWindow(arguments, op)}",
            NotEnteredLastDays or NotEnteredInPeriod => $"did not enter {entity} {DescribeWindow(arguments, op)}",
            _ => op,
        };
    }

    /// <summary>
    /// The condition as a C# boolean expression over the subject's spells in <see cref="Table"/> that pass
    /// <paramref name="match"/> (a lambda over one row such as <c>static row =&gt; row.CampaignId == "spring"</c>, or
    /// <c>null</c> for every row), with <see cref="Spells"/>. Every column the lambda reads must be in the columns given to
    /// <see cref="GetDataRequirements"/>.
    /// </summary>
    public Code Emit(ConditionArguments arguments, EmitContext context, Code? match)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var rows = context.Rows(Table);
        var spells = context.TypeName(typeof(Spells));
        var test = match ?? context.Expression($"null");
        var entered = context.Expression($"static row => row.{context.Identifier(Table.Column(EnteredColumn).PropertyName)}");
        var left = context.Expression($"static row => row.{context.Identifier(Table.Column(LeftColumn).PropertyName)}");
        var isIn = context.Expression($"{spells}.IsIn({rows}, {context.Clock}, {entered}, {left}, {test})");
        var hasEntered = context.Expression($"{spells}.HasEntered({rows}, {context.Clock}, {entered}, {test})");
        Code Entries() => context.Expression($"{spells}.Entries({rows}, {context.Clock}, {EmitWindow(arguments, context)}, {entered}, {test})");
        var op = arguments.GetString("operator");
        return op switch
        {
            CurrentlyIn => isIn,
            CurrentlyNotIn => context.Expression($"!{isIn}"),
            EverEntered => hasEntered,
            NeverEntered => context.Expression($"!{hasEntered}"),
            NoLongerIn => context.Expression($"({hasEntered} && !{isIn})"),
            EnteredTimesLastDays or EnteredTimesInPeriod => context.Expression($"{Entries()} >= {arguments.GetInteger("times")}"),
            NotEnteredLastDays or NotEnteredInPeriod => context.Expression($"{Entries()} == 0L"),
            _ => throw new ArgumentException($"Unknown membership history operator '{op}'.", nameof(arguments)),
        };
    }

    /// <summary>
    /// The condition as a SQL prefilter (see <see cref="ConditionType.Translate"/>) over the spells for which
    /// <paramref name="rows"/> holds (it must hold for every spell the match passes; null for every spell): currently in is a
    /// spell entered at or before now and not left by now; ever entered and no longer in, a spell entered at or before now;
    /// the entered-times operators, at least <c>times</c> spells entered in the window. Null for the operators that hold
    /// without any spell (currently not in, never entered, not entered).
    /// </summary>
    public SqlCode? Translate(ConditionArguments arguments, SqlContext context, Func<SqlRows, SqlCode?>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        var op = arguments.GetString("operator");
        if (op is not (CurrentlyIn or EverEntered or NoLongerIn or EnteredTimesLastDays or EnteredTimesInPeriod))
        {
            return null;
        }

        var window = GetDataRequirements(arguments).Single().Window;
        var atLeast = op is EnteredTimesLastDays or EnteredTimesInPeriod ? arguments.GetInteger("times") : 1;
        return context.HasRows(Table, atLeast, r => SqlContext.And(
        [
            context.Within(r.Column(EnteredColumn), window),
            op == CurrentlyIn ? context.Sql($"({r.Column(LeftColumn)} IS NULL OR {r.Column(LeftColumn)} > {context.Now})") : null,
            rows?.Invoke(r),
        ]));
    }

    /// <summary>
    /// The number of entries the windowed operators count (<c>entered_times_*</c>, <c>not_entered_*</c>), as a C#
    /// expression of type <c>long</c> over the spells that pass <paramref name="match"/>; null for the operators that ask
    /// where the subject is or has been, which compare no number. A condition type returns it from its
    /// <see cref="ConditionType.EmitValue"/>, so that an explanation shows the count beside the spells.
    /// </summary>
    public Code? EmitValue(ConditionArguments arguments, EmitContext context, Code? match)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        if (!LastDaysOperators.Contains(arguments.GetString("operator")) && !PeriodOperators.Contains(arguments.GetString("operator")))
        {
            return null;
        }

        var entered = context.Expression($"static row => row.{context.Identifier(Table.Column(EnteredColumn).PropertyName)}");
        return context.Expression($"{context.TypeName(typeof(Spells))}.Entries({context.Rows(Table)}, {context.Clock}, {EmitWindow(arguments, context)}, {entered}, {match ?? context.Expression($"null")})");
    }

    private TimeWindow Period(ConditionArguments arguments) =>
        TimeWindow.Days(EnteredColumn, arguments.GetDate("from"), arguments.GetDate("to"));

    private static string DescribeWindow(ConditionArguments arguments, string op) =>
        LastDaysOperators.Contains(op)
            ? $"in the last {arguments.GetInteger("last_days")} days"
            : $"between {UtcDays.Format(arguments.GetDate("from"))} and {UtcDays.Format(arguments.GetDate("to"))} (both included)";

    private static Code EmitWindow(ConditionArguments arguments, EmitContext context)
    {
        var range = context.TypeName(typeof(InstantRange));
        var op = arguments.GetString("operator");
        return LastDaysOperators.Contains(op)
            ? context.Expression($"{range}.LastDays({context.Clock}, {arguments.GetInteger("last_days")})")
            : context.Expression($"{range}.Between({context.InstantLiteral(UtcDays.Start(arguments.GetDate("from")))}, {context.InstantLiteral(UtcDays.End(arguments.GetDate("to")))})");
    }

    private string OperatorDescription() =>
        $"Where the subject has been with {What}: {CurrentlyIn} (a spell open now), {CurrentlyNotIn} (none open now), " +
        $"{EverEntered} (entered at least once), {NeverEntered}, {NoLongerIn} (not in now, but entered before), " +
        $"{EnteredTimesLastDays} (at least times entries in the last last_days days), {EnteredTimesInPeriod} (at least times " +
        $"entries from from to to), {NotEnteredLastDays} (no entry in the last last_days days), {NotEnteredInPeriod} (no entry " +
        $"from from to to). {Edges}";
}
