using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Sdk.Operators;

/// <summary>Which instants a counting condition counts rows in; chosen by the window parameters given.</summary>
public enum CountWindow
{
    /// <summary>No window parameter given: every row, whatever its timestamp (known or not).</summary>
    AllTime,
    /// <summary>Whole UTC days: from the first millisecond of the first day to the last millisecond of the last day; either side may be open.</summary>
    Period,
    /// <summary>From now − days × 24 h up to now, both included.</summary>
    LastDays,
    /// <summary>From now up to now + days × 24 h, both included.</summary>
    NextDays,
}

/// <summary>
/// The window parameters of a condition that counts rows in time: the last <c>X</c> days, the next <c>X</c> days, or a
/// period of whole UTC days; none of them given means all time. Each is optional and at most one window may be given.
/// The parameter names are the plugin's (defaults <c>last_days</c>, <c>next_days</c>, <c>from</c>, <c>to</c>; a
/// <c>null</c> name leaves that window out). Gives the parameters, their validation, the data window to push into SQL,
/// the words, and the <see cref="InstantRange"/> the generated code counts in.
/// </summary>
/// <remarks>
/// The edges, the same as <see cref="DateOperators"/> and <see cref="EvaluationClock"/>:
/// <list type="bullet">
/// <item><b>last X days</b>: a row at exactly now − X × 24 h counts, and so does a row at now; one millisecond earlier
/// than now − X × 24 h, or later than now, does not.</item>
/// <item><b>next X days</b>: from now (included) up to now + X × 24 h (included).</item>
/// <item><b>period</b>: from 00:00:00.000 UTC of <c>from</c> to 23:59:59.999 UTC of <c>to</c>, both days included; the
/// time of day of a date given with one is ignored. With only <c>from</c>: on or after that day; with only <c>to</c>: on
/// or before that day.</item>
/// <item>A row whose timestamp is unknown (null) counts in no window; only all time counts it, since all time does not
/// read the timestamp.</item>
/// </list>
/// "Now" is the evaluation clock, one instant for a whole recalculation.
/// </remarks>
public sealed record WindowParameters
{
    /// <summary>The windows under their default names, described as "Rows".</summary>
    public static WindowParameters Default { get; } = new();

    /// <summary>The name of the "last X days" parameter, or <c>null</c> when that window is not offered.</summary>
    public string? LastDays { get; init; } = "last_days";

    /// <summary>The name of the "next X days" parameter, or <c>null</c> when that window is not offered.</summary>
    public string? NextDays { get; init; } = "next_days";

    /// <summary>The name of the first day of a period, or <c>null</c> (with <see cref="To"/>) when periods are not offered.</summary>
    public string? From { get; init; } = "from";

    /// <summary>The name of the last day of a period, or <c>null</c> (with <see cref="From"/>) when periods are not offered.</summary>
    public string? To { get; init; } = "to";

    /// <summary>What is counted, starting the parameter descriptions: <c>"Orders created"</c> gives "Orders created in the last this many days, up to now: …".</summary>
    public string Rows { get; init; } = "Rows";

    /// <summary>The largest number of days a last or next window may span.</summary>
    public long MaxDays { get; init; } = 36_500;

    /// <summary>The window parameters, all optional, in the order last days, next days, from, to.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters
    {
        get
        {
            if ((From is null) != (To is null))
            {
                throw new InvalidOperationException("A period needs both a From and a To parameter name, or neither.");
            }

            var list = new List<ParameterDefinition>();
            if (LastDays is { } last)
            {
                list.Add(new(last, ParameterKind.Integer, $"{Rows} in the last this many days, up to now: from now − days × 24 h to now, both included.") { Required = false, Minimum = 1, Maximum = MaxDays });
            }

            if (NextDays is { } next)
            {
                list.Add(new(next, ParameterKind.Integer, $"{Rows} in the next this many days, from now: from now to now + days × 24 h, both included.") { Required = false, Minimum = 1, Maximum = MaxDays });
            }

            if (From is { } from && To is { } to)
            {
                list.Add(new(from, ParameterKind.Date, $"{Rows} on or after this day (UTC, from 00:00:00.000; a time of day given is ignored).") { Required = false });
                list.Add(new(to, ParameterKind.Date, $"{Rows} on or before this day (UTC, the whole day included, to 23:59:59.999).") { Required = false });
            }

            return list;
        }
    }

    /// <summary>The window the arguments choose.</summary>
    public CountWindow Kind(ConditionArguments arguments) =>
        Given(arguments, LastDays) ? CountWindow.LastDays
        : Given(arguments, NextDays) ? CountWindow.NextDays
        : Given(arguments, From) || Given(arguments, To) ? CountWindow.Period
        : CountWindow.AllTime;

    /// <summary>Refuses two windows at once, and a period whose last day is before its first.</summary>
    public IEnumerable<ArgumentError> Validate(ConditionArguments arguments)
    {
        var period = Given(arguments, From) || Given(arguments, To);
        if (Given(arguments, LastDays) && period)
        {
            yield return new ArgumentError(LastDays!, $"give either {LastDays} or {From}/{To}, not both");
        }

        if (Given(arguments, NextDays) && (period || Given(arguments, LastDays)))
        {
            var other = Given(arguments, LastDays) ? LastDays : $"{From}/{To}";
            yield return new ArgumentError(NextDays!, $"give either {NextDays} or {other}, not both");
        }

        if (Given(arguments, From) && Given(arguments, To) && UtcDays.Start(arguments.GetDate(From!)) > UtcDays.Start(arguments.GetDate(To!)))
        {
            yield return new ArgumentError(To!, $"must not be before {From} ({UtcDays.Format(arguments.GetDate(From!))}), got {UtcDays.Format(arguments.GetDate(To!))}");
        }
    }

    /// <summary>
    /// The data window on <paramref name="column"/> for <see cref="DataRequirement.Within(TimeWindow?)"/>, so rows outside
    /// it are never loaded; <c>null</c> for all time (every row is needed).
    /// </summary>
    public TimeWindow? Window(ConditionArguments arguments, string column) => Kind(arguments) switch
    {
        CountWindow.LastDays => TimeWindow.LastDays(column, arguments.GetInteger(LastDays!)),
        CountWindow.NextDays => TimeWindow.NextDays(column, arguments.GetInteger(NextDays!)),
        CountWindow.Period => TimeWindow.Days(column, OptionalDate(arguments, From), OptionalDate(arguments, To)),
        _ => null,
    };

    /// <summary>
    /// The window in words, to follow what is counted: "in the last 14 days", "in the next 7 days", "between 2026-01-01
    /// and 2026-01-31 (both included)", "on or after 2026-01-01", "on or before 2026-01-31"; empty for all time.
    /// </summary>
    public string Describe(ConditionArguments arguments) => Kind(arguments) switch
    {
        CountWindow.LastDays => $"in the last {arguments.GetInteger(LastDays!)} days",
        CountWindow.NextDays => $"in the next {arguments.GetInteger(NextDays!)} days",
        CountWindow.Period => (OptionalDate(arguments, From), OptionalDate(arguments, To)) switch
        {
            ({ } from, { } to) => $"between {UtcDays.Format(from)} and {UtcDays.Format(to)} (both included)",
            ({ } from, null) => $"on or after {UtcDays.Format(from)}",
            (_, { } to) => $"on or before {UtcDays.Format(to)}",
            _ => string.Empty,
        },
        _ => string.Empty,
    };

    /// <summary>
    /// An expression of type <see cref="InstantRange"/> for the window, resolved against the evaluation clock:
    /// <c>InstantRange.LastDays(clock, 14L)</c>, <c>InstantRange.Between(…, …)</c>, <c>InstantRange.AllTime</c>.
    /// </summary>
    public Code Emit(ConditionArguments arguments, EmitContext context)
    {
        var range = context.TypeName(typeof(InstantRange));
        Code Instant(long unixMilliseconds) => context.Literal(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds));
        return Kind(arguments) switch
        {
            CountWindow.LastDays => context.Expression($"{range}.LastDays({context.Clock}, {arguments.GetInteger(LastDays!)})"),
            CountWindow.NextDays => context.Expression($"{range}.NextDays({context.Clock}, {arguments.GetInteger(NextDays!)})"),
            CountWindow.Period => (OptionalDate(arguments, From), OptionalDate(arguments, To)) switch
            {
                ({ } from, { } to) => context.Expression($"{range}.Between({Instant(UtcDays.Start(from))}, {Instant(UtcDays.End(to))})"),
                ({ } from, null) => context.Expression($"{range}.OnOrAfter({Instant(UtcDays.Start(from))})"),
                (_, { } to) => context.Expression($"{range}.OnOrBefore({Instant(UtcDays.End(to))})"),
                _ => context.Expression($"{range}.AllTime"),
            },
            _ => context.Expression($"{range}.AllTime"),
        };
    }

    private static bool Given(ConditionArguments arguments, string? name) => name is not null && arguments.Has(name);

    private static DateTimeOffset? OptionalDate(ConditionArguments arguments, string? name) => Given(arguments, name) ? arguments.GetDate(name!) : null;
}
