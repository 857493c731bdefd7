using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Sdk.Operators;

/// <summary>The operator identifiers used in segment documents, shared by every family of operators.</summary>
public static class OperatorNames
{
#pragma warning disable CS1591 // The names are their own documentation.
    public const string EqualTo = "equals";
    public const string NotEqualTo = "not_equals";
    public const string GreaterThan = "greater";
    public const string LessThan = "less";
    public const string GreaterOrEqual = "greater_or_equal";
    public const string LessOrEqual = "less_or_equal";
    public const string InRange = "in_range";
    public const string InList = "in_list";
    public const string NotInList = "not_in_list";
    public const string Contains = "contains";
    public const string StartsWith = "starts_with";
    public const string IsEmpty = "is_empty";
    public const string IsNotEmpty = "is_not_empty";
    public const string InLastDays = "in_last_days";
    public const string MoreThanDaysAgo = "more_than_days_ago";
    public const string Exists = "exists";
    public const string NotExists = "not_exists";
    public const string AtLeast = "at_least";
    public const string NotOnce = "not_once";
    public const string Total = "total";
    public const string Average = "average";
    public const string CurrentlyIn = "currently_in";
    public const string CurrentlyNotIn = "currently_not_in";
    public const string EverEntered = "ever_entered";
    public const string NeverEntered = "never_entered";
    public const string NoLongerIn = "no_longer_in";
    public const string EnteredTimesLastDays = "entered_times_last_days";
    public const string EnteredTimesInPeriod = "entered_times_in_period";
    public const string NotEnteredLastDays = "not_entered_last_days";
    public const string NotEnteredInPeriod = "not_entered_in_period";
#pragma warning restore CS1591

    internal static string Quote(string value) => "\"" + value + "\"";

    /// <summary>
    /// The parameters that apply to some of <paramref name="operators"/>: each one that depends on
    /// <paramref name="operatorParameter"/> keeps only the operators among <paramref name="operators"/>, and is left out
    /// when none of them uses it, so the catalogue never advertises a parameter, or an operator for it, that the condition
    /// does not offer.
    /// </summary>
    internal static IReadOnlyList<ParameterDefinition> ForOperators(IReadOnlyList<string> operators, string operatorParameter, IEnumerable<ParameterDefinition> parameters)
    {
        var kept = new List<ParameterDefinition>();
        foreach (var parameter in parameters)
        {
            if (parameter.DependsOn is not { } dependency || dependency.Parameter != operatorParameter)
            {
                kept.Add(parameter);
                continue;
            }

            if (dependency.LimitedTo(operators) is { } limited)
            {
                kept.Add(parameter with { DependsOn = limited });
            }
        }

        return kept;
    }

    internal static string QuoteAll(IEnumerable<string> values) => string.Join(", ", values.Select(Quote));
}
