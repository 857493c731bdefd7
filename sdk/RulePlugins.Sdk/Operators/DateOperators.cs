using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;
using static RulePlugins.Sdk.Operators.OperatorNames;

namespace RulePlugins.Sdk.Operators;

/// <summary>
/// Comparisons of a timestamp (Unix milliseconds) by calendar day in UTC: equals (the same day), not equals,
/// after (greater), before (less), on or after, on or before, in range (both days included), in the last
/// <c>days</c> days (up to now), more than <c>days</c> days ago. Parameters: <c>operator</c>, <c>value</c>,
/// <c>from</c> and <c>to</c> (range), <c>days</c>. An unknown date matches only "not equals".
/// </summary>
public static class DateOperators
{
    /// <summary>Every operator, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [EqualTo, NotEqualTo, GreaterThan, LessThan, GreaterOrEqual, LessOrEqual, InRange, InLastDays, MoreThanDaysAgo];

    private static readonly string[] SingleValue = [EqualTo, NotEqualTo, GreaterThan, LessThan, GreaterOrEqual, LessOrEqual];

    /// <summary>The parameters.</summary>
    public static IReadOnlyList<ParameterDefinition> Parameters() =>
    [
        ParameterDefinition.Choice("operator", "How the date is compared.", All),
        new("value", ParameterKind.Date, "The day to compare with (UTC).") { RequiredWhen = new("operator", SingleValue) },
        new("from", ParameterKind.Date, "The first day of the range (UTC, included).") { RequiredWhen = new("operator", [InRange]) },
        new("to", ParameterKind.Date, "The last day of the range (UTC, included).") { RequiredWhen = new("operator", [InRange]) },
        new("days", ParameterKind.Integer, "The number of days back from now.")
        {
            RequiredWhen = new("operator", [InLastDays, MoreThanDaysAgo]), Minimum = 1, Maximum = 36_500,
        },
    ];

    /// <summary>Refuses a range whose <c>from</c> is after its <c>to</c>.</summary>
    public static IEnumerable<ArgumentError> Validate(ConditionArguments arguments)
    {
        if (arguments.GetString("operator") == InRange && UtcDays.Start(arguments.GetDate("from")) > UtcDays.Start(arguments.GetDate("to")))
        {
            yield return new ArgumentError("to", $"must not be before from ({UtcDays.Format(arguments.GetDate("from"))}), got {UtcDays.Format(arguments.GetDate("to"))}");
        }
    }

    /// <summary>Emits the comparison of <paramref name="value"/>, an expression of type <c>long?</c> (Unix milliseconds).</summary>
    public static Code Emit(ConditionArguments arguments, EmitContext context, Code value)
    {
        var op = arguments.GetString("operator");
        Code Start(string name) => context.InstantLiteral(UtcDays.Start(arguments.GetDate(name)));
        Code End(string name) => context.InstantLiteral(UtcDays.NextStart(arguments.GetDate(name)));
        return op switch
        {
            EqualTo => context.Expression($"{value} is >= {Start("value")} and < {End("value")}"),
            NotEqualTo => context.Expression($"{value} is not (>= {Start("value")} and < {End("value")})"),
            GreaterThan => context.Expression($"{value} >= {End("value")}"),
            LessThan => context.Expression($"{value} < {Start("value")}"),
            GreaterOrEqual => context.Expression($"{value} >= {Start("value")}"),
            LessOrEqual => context.Expression($"{value} < {End("value")}"),
            InRange => context.Expression($"{value} is >= {Start("from")} and < {End("to")}"),
            InLastDays => context.Expression($"{context.Clock}.InLastDays({value}, {arguments.GetInteger("days")})"),
            MoreThanDaysAgo => context.Expression($"{context.Clock}.MoreThanDaysAgo({value}, {arguments.GetInteger("days")})"),
            _ => throw new ArgumentException($"Unknown date operator '{op}'.", nameof(arguments)),
        };
    }

    /// <summary>
    /// The part of the time axis the comparison can match, for pushing a window on <paramref name="column"/> into
    /// SQL: only rows inside it can satisfy the condition. Null for "not equals", which can match anywhere.
    /// </summary>
    public static TimeWindow? Window(ConditionArguments arguments, string column)
    {
        var op = arguments.GetString("operator");
        DateTimeOffset Day(string name) => arguments.GetDate(name);
        return op switch
        {
            EqualTo => TimeWindow.Days(column, Day("value"), Day("value")),
            GreaterThan => new(column, TimeBound.AtUnixMilliseconds(UtcDays.NextStart(Day("value"))), null),
            LessThan => new(column, null, TimeBound.AtUnixMilliseconds(UtcDays.Start(Day("value")) - 1)),
            GreaterOrEqual => TimeWindow.Days(column, Day("value"), null),
            LessOrEqual => TimeWindow.Days(column, null, Day("value")),
            InRange => TimeWindow.Days(column, Day("from"), Day("to")),
            InLastDays => TimeWindow.LastDays(column, arguments.GetInteger("days")),
            MoreThanDaysAgo => new(column, null, TimeBound.DaysBeforeNow(arguments.GetInteger("days"))),
            _ => null,
        };
    }

    /// <summary>
    /// The comparison as a SQL prefilter on <paramref name="value"/> (Unix milliseconds): the value is inside
    /// <see cref="Window"/>; null for not equals, which holds for unknown dates.
    /// </summary>
    public static SqlCode? Translate(ConditionArguments arguments, SqlContext context, SqlCode value)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Within(value, Window(arguments, "value"));
    }

    /// <summary>Describes the comparison in words, e.g. <c>created at is in the last 14 days</c>.</summary>
    public static string Describe(string subject, ConditionArguments arguments)
    {
        var op = arguments.GetString("operator");
        return op switch
        {
            EqualTo => $"{subject} is on {UtcDays.Format(arguments.GetDate("value"))}",
            NotEqualTo => $"{subject} is not on {UtcDays.Format(arguments.GetDate("value"))} or is unknown",
            GreaterThan => $"{subject} is after {UtcDays.Format(arguments.GetDate("value"))}",
            LessThan => $"{subject} is before {UtcDays.Format(arguments.GetDate("value"))}",
            GreaterOrEqual => $"{subject} is on or after {UtcDays.Format(arguments.GetDate("value"))}",
            LessOrEqual => $"{subject} is on or before {UtcDays.Format(arguments.GetDate("value"))}",
            InRange => $"{subject} is between {UtcDays.Format(arguments.GetDate("from"))} and {UtcDays.Format(arguments.GetDate("to"))} (both included)",
            InLastDays => $"{subject} is in the last {arguments.GetInteger("days")} days",
            MoreThanDaysAgo => $"{subject} is more than {arguments.GetInteger("days")} days ago",
            _ => $"{subject} {op}",
        };
    }

    /// <summary>Midnight UTC of the day of <paramref name="value"/>; <see cref="UtcDays.Start"/> gives it in Unix milliseconds.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset value) => new(value.UtcDateTime.Date, TimeSpan.Zero);
}
