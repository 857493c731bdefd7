using System.Globalization;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Runtime;
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
        if (arguments.GetString("operator") == InRange && DayStart(arguments, "from") > DayStart(arguments, "to"))
        {
            yield return new ArgumentError("to", $"must not be before from ({Day(arguments.GetDate("from"))}), got {Day(arguments.GetDate("to"))}");
        }
    }

    /// <summary>Emits the comparison of <paramref name="value"/>, an expression of type <c>long?</c> (Unix milliseconds).</summary>
    public static Code Emit(ConditionArguments arguments, EmitContext context, Code value)
    {
        var op = arguments.GetString("operator");
        Code Start(string name) => context.InstantLiteral(DayStart(arguments, name));
        Code End(string name) => context.InstantLiteral(DayStart(arguments, name) + EvaluationClock.MillisecondsPerDay);
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
        TimeBound Start(string name) => TimeBound.AtUnixMilliseconds(DayStart(arguments, name));
        TimeBound End(string name) => TimeBound.AtUnixMilliseconds(DayStart(arguments, name) + EvaluationClock.MillisecondsPerDay - 1);
        return op switch
        {
            EqualTo => new(column, Start("value"), End("value")),
            GreaterThan => new(column, TimeBound.AtUnixMilliseconds(DayStart(arguments, "value") + EvaluationClock.MillisecondsPerDay), null),
            LessThan => new(column, null, TimeBound.AtUnixMilliseconds(DayStart(arguments, "value") - 1)),
            GreaterOrEqual => new(column, Start("value"), null),
            LessOrEqual => new(column, null, End("value")),
            InRange => new(column, Start("from"), End("to")),
            InLastDays => new(column, TimeBound.DaysBeforeNow(arguments.GetInteger("days")), TimeBound.Now),
            MoreThanDaysAgo => new(column, null, TimeBound.DaysBeforeNow(arguments.GetInteger("days"))),
            _ => null,
        };
    }

    /// <summary>Describes the comparison in words, e.g. <c>created at is in the last 14 days</c>.</summary>
    public static string Describe(string subject, ConditionArguments arguments)
    {
        var op = arguments.GetString("operator");
        return op switch
        {
            EqualTo => $"{subject} is on {Day(arguments.GetDate("value"))}",
            NotEqualTo => $"{subject} is not on {Day(arguments.GetDate("value"))} or is unknown",
            GreaterThan => $"{subject} is after {Day(arguments.GetDate("value"))}",
            LessThan => $"{subject} is before {Day(arguments.GetDate("value"))}",
            GreaterOrEqual => $"{subject} is on or after {Day(arguments.GetDate("value"))}",
            LessOrEqual => $"{subject} is on or before {Day(arguments.GetDate("value"))}",
            InRange => $"{subject} is between {Day(arguments.GetDate("from"))} and {Day(arguments.GetDate("to"))} (both included)",
            InLastDays => $"{subject} is in the last {arguments.GetInteger("days")} days",
            MoreThanDaysAgo => $"{subject} is more than {arguments.GetInteger("days")} days ago",
            _ => $"{subject} {op}",
        };
    }

    // Day arithmetic in Unix milliseconds: the day after 9999-12-31 is a number, not a DateTime overflow.
    private static long DayStart(ConditionArguments arguments, string name) =>
        StartOfDay(arguments.GetDate(name)).ToUnixTimeMilliseconds();

    /// <summary>Midnight UTC of the day of <paramref name="value"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset value) => new(value.UtcDateTime.Date, TimeSpan.Zero);

    private static string Day(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
