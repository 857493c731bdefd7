using System.Globalization;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.ProfileFields.Tests.Differential;

/// <summary>
/// An independent, deliberately plain evaluation of rule trees over in-memory profiles, written from the
/// documented semantics (it uses no SDK or engine code):
/// <list type="bullet">
/// <item>text: ordinal comparison ignoring case and leading/trailing white space on both sides (the profile's value
/// and the document's); empty = null, "" or only white space; not_equals and not_in_list also match empty values;
/// contains/starts_with never match a missing value;</item>
/// <item>dates: compared by UTC calendar day (the parameter's UTC day too); in_range includes both days;
/// in_last_days N: from exactly N days before now up to now inclusive; more_than_days_ago N: strictly before
/// N days before now; an unknown date matches only not_equals;</item>
/// <item>age: full years from the UTC birth day to the UTC day of now; an unknown age matches only not_equals
/// and not_in_list; in_range inclusive;</item>
/// <item>booleans: an unknown value matches only not_equals.</item>
/// </list>
/// A profile without a profile_fields row has every field unknown.
/// </summary>
internal sealed class ReferenceEvaluator(DateTimeOffset now)
{
    public IReadOnlyList<long> Members(Rule rule, IEnumerable<Person> people) =>
        people.Where(p => Matches(rule, p)).Select(p => p.Id).OrderBy(id => id).ToList();

    public bool Matches(Rule rule, Person person) => rule switch
    {
        Group { Op: "and" } group => group.Items.All(item => Matches(item, person)),
        Group { Op: "or" } group => group.Items.Any(item => Matches(item, person)),
        Condition condition => Matches(condition, person.Fields),
        _ => throw new ArgumentException($"Unknown rule {rule}.", nameof(rule)),
    };

    private bool Matches(Condition condition, ProfileData? fields)
    {
        var type = condition.Type;
        if (type == "profile.age")
        {
            return Number(condition, AgeInFullYears(fields?.BirthDate));
        }

        if (type == "profile.gender" || FieldAccess.TextFields.Contains(type))
        {
            return Text(condition, fields is null ? null : FieldAccess.Text(fields, type));
        }

        if (FieldAccess.DateFields.Contains(type))
        {
            return Date(condition, fields is null ? null : FieldAccess.Date(fields, type));
        }

        if (FieldAccess.BooleanFields.Contains(type))
        {
            return Boolean(condition, fields is null ? null : FieldAccess.Boolean(fields, type));
        }

        throw new ArgumentException($"Unknown condition type {type}.", nameof(condition));
    }

    private static bool Text(Condition condition, string? actual)
    {
        var trimmed = actual?.Trim();
        bool Same(string expected) => trimmed is not null && string.Equals(trimmed, expected.Trim(), StringComparison.OrdinalIgnoreCase);
        bool AnyOf() => ((string[])condition.Params["values"]).Any(Same);
        var isEmpty = actual is null || actual.All(char.IsWhiteSpace);
        string Value() => ((string)condition.Params["value"]).Trim();
        return condition.Operator switch
        {
            "equals" => Same(Value()),
            "not_equals" => !Same(Value()),
            "in_list" => AnyOf(),
            "not_in_list" => !AnyOf(),
            "contains" => trimmed is not null && trimmed.IndexOf(Value(), StringComparison.OrdinalIgnoreCase) >= 0,
            "starts_with" => trimmed is not null && trimmed.StartsWith(Value(), StringComparison.OrdinalIgnoreCase),
            "is_empty" => isEmpty,
            "is_not_empty" => !isEmpty,
            var op => throw new ArgumentException($"Unknown text operator {op}."),
        };
    }

    private bool Date(Condition condition, DateTimeOffset? actual)
    {
        DateOnly? day = actual is { } a ? DateOnly.FromDateTime(a.UtcDateTime) : null;
        DateOnly Day(string name) =>
            DateOnly.FromDateTime(DateTimeOffset.Parse((string)condition.Params[name], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime);
        long Days() => (long)condition.Params["days"];
        return condition.Operator switch
        {
            "equals" => day == Day("value"),
            "not_equals" => day != Day("value"),
            "greater" => day > Day("value"),
            "less" => day < Day("value"),
            "greater_or_equal" => day >= Day("value"),
            "less_or_equal" => day <= Day("value"),
            "in_range" => day >= Day("from") && day <= Day("to"),
            "in_last_days" => actual is { } t && t >= now.AddDays(-Days()) && t <= now,
            "more_than_days_ago" => actual is { } t && t < now.AddDays(-Days()),
            var op => throw new ArgumentException($"Unknown date operator {op}."),
        };
    }

    private static bool Number(Condition condition, long? actual)
    {
        long Get(string name) => (long)condition.Params[name];
        bool InList() => actual is { } a && ((long[])condition.Params["values"]).Contains(a);
        return condition.Operator switch
        {
            "equals" => actual == Get("value"),
            "not_equals" => actual != Get("value"),
            "greater" => actual > Get("value"),
            "less" => actual < Get("value"),
            "greater_or_equal" => actual >= Get("value"),
            "less_or_equal" => actual <= Get("value"),
            "in_range" => actual >= Get("min") && actual <= Get("max"),
            "in_list" => InList(),
            "not_in_list" => !InList(),
            var op => throw new ArgumentException($"Unknown number operator {op}."),
        };
    }

    private static bool Boolean(Condition condition, bool? actual)
    {
        var expected = (bool)condition.Params["value"];
        return condition.Operator switch
        {
            "equals" => actual == expected,
            "not_equals" => actual != expected,
            var op => throw new ArgumentException($"Unknown boolean operator {op}."),
        };
    }

    /// <summary>Completed years: the year difference, less one when this year's birthday (month, day) is still ahead.</summary>
    public long? AgeInFullYears(DateTimeOffset? birthDate)
    {
        if (birthDate is not { } b)
        {
            return null;
        }

        var born = b.UtcDateTime;
        var today = now.UtcDateTime;
        var birthdayAhead = (today.Month, today.Day).CompareTo((born.Month, born.Day)) < 0;
        return today.Year - born.Year - (birthdayAhead ? 1 : 0);
    }
}
