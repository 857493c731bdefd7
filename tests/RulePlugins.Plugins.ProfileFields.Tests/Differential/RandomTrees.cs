using System.Globalization;
using static RulePlugins.Plugins.ProfileFields.Tests.Differential.RandomProfiles;

namespace RulePlugins.Plugins.ProfileFields.Tests.Differential;

/// <summary>
/// Random valid rule trees: nested and/or groups up to depth 3 with 1 to 4 items each. Leaves cycle through a
/// shuffled deck of every (condition type, operator) pair, so every operator of every field comes up; parameters
/// are mostly taken from the data (in random casing, as day or instant, in other time zones) so conditions select
/// something, with some misses.
/// </summary>
internal sealed class RandomTrees(Random random, IReadOnlyList<Person> people, DateTimeOffset now)
{
    public const int MaxDepth = 3;

    private static readonly string[] TextOperators = ["equals", "not_equals", "in_list", "not_in_list", "contains", "starts_with", "is_empty", "is_not_empty"];
    private static readonly string[] GenderOperators = ["equals", "not_equals", "in_list", "not_in_list", "is_empty", "is_not_empty"];
    private static readonly string[] DateOperators = ["equals", "not_equals", "greater", "less", "greater_or_equal", "less_or_equal", "in_range", "in_last_days", "more_than_days_ago"];
    private static readonly string[] AgeOperators = ["equals", "not_equals", "greater", "less", "greater_or_equal", "less_or_equal", "in_range", "in_list", "not_in_list"];
    private static readonly string[] BooleanOperators = ["equals", "not_equals"];
    private static readonly string[] GenderValues = ["female", "male", "unknown"];
    private static readonly string[] Misses = ["Paris", "zz", "nobody@nowhere.org", "+1 555", "Ё"];

    /// <summary>Every (condition type, operator) pair of the profile fields plugin.</summary>
    public static readonly IReadOnlyList<(string Type, string Operator)> AllPairs =
    [
        .. FieldAccess.TextFields.SelectMany(t => TextOperators.Select(o => (t, o))),
        .. GenderOperators.Select(o => ("profile.gender", o)),
        .. FieldAccess.DateFields.SelectMany(t => DateOperators.Select(o => (t, o))),
        .. AgeOperators.Select(o => ("profile.age", o)),
        .. FieldAccess.BooleanFields.SelectMany(t => BooleanOperators.Select(o => (t, o))),
    ];

    private List<(string Type, string Operator)> _deck = [];
    private int _next;
    private readonly ReferenceEvaluator _reference = new(now);

    /// <summary>
    /// A random tree; up to three more are drawn while the reference says it selects nobody or everybody, since
    /// such trees hide most of what their conditions do.
    /// </summary>
    public Group Tree()
    {
        var (deck, next) = (_deck, _next);
        var tree = NewGroup(1);
        for (var attempt = 0; attempt < 3 && SelectsNobodyOrEverybody(tree); attempt++)
        {
            // Deal the same (type, operator) pairs again, so a redrawn tree does not skip any.
            (_deck, _next) = (deck, next);
            tree = NewGroup(1);
        }

        return tree;
    }

    /// <summary>One single-condition tree for every (condition type, operator) pair, in random order, with random parameters.</summary>
    public IReadOnlyList<Group> SingleConditions()
    {
        (_deck, _next) = ([], 0);
        return AllPairs.Select(_ => new Group("and", [NewCondition()])).ToList();
    }

    private bool SelectsNobodyOrEverybody(Group tree)
    {
        var members = people.Count(p => _reference.Matches(tree, p));
        return members == 0 || members == people.Count;
    }

    private Group NewGroup(int depth)
    {
        var items = new List<Rule>();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            items.Add(depth < MaxDepth && random.NextDouble() < 0.3 ? NewGroup(depth + 1) : NewCondition());
        }

        return new Group(random.Next(2) == 0 ? "and" : "or", items);
    }

    private Condition NewCondition()
    {
        if (_next == _deck.Count)
        {
            _deck = [.. AllPairs.OrderBy(_ => random.Next())];
            _next = 0;
        }

        var (type, op) = _deck[_next++];
        var parameters = new Dictionary<string, object> { ["operator"] = op };
        if (type == "profile.gender")
        {
            GenderParams(op, parameters);
        }
        else if (FieldAccess.TextFields.Contains(type))
        {
            TextParams(type, op, parameters);
        }
        else if (FieldAccess.DateFields.Contains(type))
        {
            DateParams(type, op, parameters);
        }
        else if (type == "profile.age")
        {
            AgeParams(op, parameters);
        }
        else
        {
            parameters["value"] = random.Next(2) == 0;
        }

        return new Condition(type, parameters);
    }

    private void TextParams(string type, string op, Dictionary<string, object> parameters)
    {
        var known = people
            .Select(p => p.Fields is null ? null : FieldAccess.Text(p.Fields, type))
            .OfType<string>()
            .Where(s => s.Trim().Length > 0)
            .ToList();
        string Sample() => random.NextDouble() < 0.8 && known.Count > 0 ? RandomCase(random, Pick(random, known).Trim()) : Pick(random, Misses);
        switch (op)
        {
            case "equals" or "not_equals":
                parameters["value"] = Sample();
                break;
            case "in_list" or "not_in_list":
                parameters["values"] = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Sample()).ToArray();
                break;
            case "contains" or "starts_with":
                var text = Sample();
                var start = op == "contains" ? random.Next(text.Length) : 0;
                var part = text.Substring(start, random.Next(1, Math.Min(6, text.Length - start) + 1));
                parameters["value"] = part.Trim().Length == 0 ? text : part;
                break;
        }
    }

    private void GenderParams(string op, Dictionary<string, object> parameters)
    {
        switch (op)
        {
            case "equals" or "not_equals":
                parameters["value"] = Pick(random, GenderValues);
                break;
            case "in_list" or "not_in_list":
                parameters["values"] = GenderValues.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Pick(random, GenderValues)).ToArray();
                break;
        }
    }

    private void DateParams(string type, string op, Dictionary<string, object> parameters)
    {
        switch (op)
        {
            case "in_range":
                var (from, to) = (SampleInstant(type), SampleInstant(type));
                if (from > to)
                {
                    (from, to) = (to, from);
                }

                var (fromText, toText) = (Format(from), Format(to));
                if (Parse(fromText) > Parse(toText))
                {
                    // A bare day means its midnight; keep the pair in order as the engine requires.
                    (fromText, toText) = (from.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                parameters["from"] = fromText;
                parameters["to"] = toText;
                break;
            case "in_last_days" or "more_than_days_ago":
                parameters["days"] = random.NextDouble() < 0.9 ? Pick(random, Days) : random.NextInt64(1, 36_501);
                break;
            default:
                parameters["value"] = Format(SampleInstant(type));
                break;
        }
    }

    /// <summary>An instant on the day of some profile's date, or on a random day in the field's usual span.</summary>
    private DateTimeOffset SampleInstant(string type)
    {
        var known = people.Select(p => p.Fields is null ? null : FieldAccess.Date(p.Fields, type)).OfType<DateTimeOffset>().ToList();
        DateTime day;
        if (random.NextDouble() < 0.6 && known.Count > 0)
        {
            day = Pick(random, known).UtcDateTime.Date;
        }
        else
        {
            var span = type == "profile.birth_date" ? 90 * 366 : 800;
            day = now.UtcDateTime.Date.AddDays(-random.Next(-5, span));
        }

        return new DateTimeOffset(DateTime.SpecifyKind(day, DateTimeKind.Utc)).AddMilliseconds(random.NextInt64(0, MillisecondsPerDay));
    }

    /// <summary>
    /// As a bare UTC day, as a UTC date-time, or as the local date-time in another time zone; in the last case half
    /// the time at an hour where the local day differs from the UTC day, which is the one that counts.
    /// </summary>
    private string Format(DateTimeOffset instant)
    {
        const long hour = 3_600_000L;
        var roll = random.NextDouble();
        if (roll < 0.5)
        {
            return instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var dayStart = new DateTimeOffset(DateTime.SpecifyKind(instant.UtcDateTime.Date, DateTimeKind.Utc));
        if (roll < 0.7)
        {
            return dayStart.AddSeconds(random.Next(0, 86_400)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        var hours = random.Next(1, 15);
        var east = random.Next(2) == 0;
        var timeOfDay = random.Next(2) == 0
            ? random.NextInt64(0, MillisecondsPerDay)
            : east ? MillisecondsPerDay - random.NextInt64(1, hours * hour + 1) : random.NextInt64(0, hours * hour);
        var utc = dayStart.AddMilliseconds(timeOfDay - timeOfDay % 1000);
        return utc.ToOffset(TimeSpan.FromHours(east ? hours : -hours)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private void AgeParams(string op, Dictionary<string, object> parameters)
    {
        var known = people.Select(p => _reference.AgeInFullYears(p.Fields?.BirthDate)).OfType<long>().Where(a => a is >= 0 and <= 150).ToList();
        long Sample() => random.NextDouble() < 0.7 && known.Count > 0 ? Pick(random, known) : random.Next(0, 101);
        switch (op)
        {
            case "in_range":
                var (min, max) = (Sample(), Sample());
                parameters["min"] = Math.Min(min, max);
                parameters["max"] = Math.Max(min, max);
                break;
            case "in_list" or "not_in_list":
                parameters["values"] = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Sample()).ToArray();
                break;
            default:
                parameters["value"] = Sample();
                break;
        }
    }
}
