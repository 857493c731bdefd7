using System.Globalization;
using static RulePlugins.Families.Tests.MixedWorld;

namespace RulePlugins.Families.Tests;

/// <summary>A node of a random tree: its JSON for the segment document, and the same rule as a SQL predicate over <c>p.id</c>.</summary>
public abstract record MixedNode
{
    /// <summary>The node as a segment document writes it.</summary>
    public abstract object Json { get; }

    /// <summary>The rule as a SQL predicate on the profile <c>p</c>, with <c>@now</c> the evaluation instant.</summary>
    public abstract string Sql { get; }
}

/// <summary>An AND or OR group.</summary>
public sealed record MixedGroup(string Op, IReadOnlyList<MixedNode> Items) : MixedNode
{
    /// <inheritdoc />
    public override object Json => new Dictionary<string, object> { ["op"] = Op, ["items"] = Items.Select(i => i.Json).ToArray() };

    /// <inheritdoc />
    public override string Sql => "(" + string.Join(Op == "and" ? " AND " : " OR ", Items.Select(i => i.Sql)) + ")";
}

/// <summary>A condition: its type, parameters and the hand-written SQL stating what it means.</summary>
public sealed record MixedCondition(string Type, IReadOnlyDictionary<string, object> Params, string Predicate) : MixedNode
{
    /// <inheritdoc />
    public override object Json => new Dictionary<string, object> { ["type"] = Type, ["params"] = Params };

    /// <inheritdoc />
    public override string Sql => "(" + Predicate + ")";
}

/// <summary>
/// Random conditions of every family over <see cref="MixedWorld"/>'s data, each with SQL written from the plugins'
/// documented semantics, not from their code: text compares ignoring case and surrounding spaces; a spell or run counts
/// once entered at or before now and is open while it has not left (or finished) by now; "the last X days" is
/// [now − X days, now]; a period is whole UTC days; popup events and form fills dated after now count in no window.
/// </summary>
public static class MixedConditions
{
    private const string PeriodFrom = "2026-06-01";
    private const string PeriodTo = "2026-06-08";

    private static readonly string[] HistoryOperators =
    [
        "currently_in", "currently_not_in", "ever_entered", "never_entered", "no_longer_in",
        "entered_times_last_days", "entered_times_in_period", "not_entered_last_days", "not_entered_in_period",
    ];

    private static readonly string[] ScenarioOperators = ["was_at_least_once", "never_was", "currently_in", "currently_not_in", "completed", "exited_with_error"];

    private static long PeriodLo => Day(PeriodFrom);

    private static long PeriodHi => Day(PeriodTo) + MixedWorld.Day - 1;

    /// <summary>The token a goal condition's SQL holds where the provider's JSON test of "pixel_data.plan is the string gold" goes.</summary>
    public const string PlanIsGold = "{plan-is-gold}";

    /// <summary>A random condition of a random family.</summary>
    public static MixedCondition Random(Random random) => random.Next(11) switch
    {
        9 => GoalAchieved(random),
        10 => GoalComplex(random),
        7 => Popup(random),
        8 => Form(random),
        0 => City(random),
        1 => Orders(random),
        2 => OrdersTotal(random),
        3 => Scenario(random),
        4 => random.Next(2) == 0
            ? History("campaigns.participation", "campaign", Pick(random, Campaigns), random, "campaign_spells", "campaign_id", trimmed: true)
            : History("campaigns.group", "group", Pick(random, Groups), random, "campaign_group_spells", "group_id", trimmed: true),
        5 => Membership(random),
        _ => History("segments.history", "segment", Pick(random, Segments), random, "segment_member_spells", "segment_id", trimmed: false),
    };

    /// <summary>A random tree: groups of one to four items, nested up to three levels, a nested group taking the other operator.</summary>
    public static MixedNode Tree(Random random, int depth = 1, string? parentOp = null)
    {
        var op = parentOp switch { "and" => "or", "or" => "and", _ => random.Next(2) == 0 ? "and" : "or" };
        var items = Enumerable.Range(0, random.Next(1, 5))
            .Select(_ => depth < 3 && random.Next(3) == 0 ? Tree(random, depth + 1, op) : Random(random))
            .ToList();
        return new MixedGroup(op, items);
    }

    private static MixedCondition City(Random random)
    {
        var value = Pick(random, ["moscow", "Kazan"]);
        var equal = $"EXISTS (SELECT 1 FROM profile_fields f WHERE f.profile_id = p.id AND lower(trim(f.city)) = '{value.ToLowerInvariant()}')";
        return random.Next(3) switch
        {
            0 => new("profile.city", Args(("operator", "equals"), ("value", value)), equal),
            1 => new("profile.city", Args(("operator", "not_equals"), ("value", value)), $"NOT {equal}"),
            _ => new("profile.city", Args(("operator", "is_empty")), "NOT EXISTS (SELECT 1 FROM profile_fields f WHERE f.profile_id = p.id AND trim(f.city) <> '')"),
        };
    }

    // The grouping conditions both order conditions share: some statuses, a creation window, both, or neither.
    private static (List<(string, object)> Args, string Where) OrderFilter(Random random)
    {
        var args = new List<(string, object)>();
        var where = "o.profile_id = p.id";
        if (random.Next(2) == 0)
        {
            var statuses = new[] { "new", "paid", "delivered", "canceled" }.Where(_ => random.Next(2) == 0).DefaultIfEmpty("paid").ToArray();
            args.Add(("statuses", statuses));
            where += $" AND o.status IN ({string.Join(", ", statuses.Select(s => $"'{s}'"))})";
        }

        if (random.Next(2) == 0)
        {
            var days = Pick(random, [7, 14]);
            args.Add(("created_in_last_days", days));
            where += $" AND o.created_at >= @now - {days * MixedWorld.Day} AND o.created_at <= @now";
        }

        return (args, where);
    }

    private static MixedCondition Orders(Random random)
    {
        var (args, where) = OrderFilter(random);
        var count = random.Next(1, 3);
        var exists = random.Next(2) == 0;
        args.Insert(0, ("operator", exists ? "exists" : "not_exists"));
        args.Add(("count", count));
        return new("market.orders", Args([.. args]), $"(SELECT COUNT(*) FROM market_orders o WHERE {where}) {(exists ? ">=" : "<")} {count}");
    }

    private static MixedCondition OrdersTotal(Random random)
    {
        var (args, where) = OrderFilter(random);
        var greater = random.Next(2) == 0;
        var value = Pick(random, [1000, 3000]);
        args.Insert(0, ("operator", greater ? "greater" : "less"));
        args.Add(("value", value));
        return new("market.orders_total", Args([.. args]), $"(SELECT COALESCE(SUM(o.amount), 0) FROM market_orders o WHERE {where}) {(greater ? ">" : "<")} {value}");
    }

    // Counting operators over rows that happened: only rows at or before now count; a window is the last X days or the
    // period PeriodFrom..PeriodTo (whole UTC days), or none.
    private static (List<(string, object)> Args, string Count) Counted(Random random, string rows, string time)
    {
        var args = new List<(string, object)>();
        var where = $"{time} <= @now";
        switch (random.Next(3))
        {
            case 0:
                var days = Pick(random, [7, 14]);
                args.Add(("last_days", days));
                where += $" AND {time} >= @now - {days * MixedWorld.Day}";
                break;
            case 1:
                args.Add(("from", PeriodFrom));
                args.Add(("to", PeriodTo));
                where += $" AND {time} >= {PeriodLo} AND {time} <= {PeriodHi}";
                break;
        }

        return (args, $"(SELECT COUNT(*) FROM {rows} AND {where})");
    }

    private static (string Op, object? Times, string Compare) CountOperator(Random random, string[] operators)
    {
        var op = Pick(random, operators);
        var times = random.Next(1, 3);
        return op switch
        {
            "exists" => (op, null, ">= 1"),
            "not_exists" => (op, times, $"< {times}"),
            "at_least" => (op, times, $">= {times}"),
            _ => (op, null, "= 0"),
        };
    }

    private static MixedCondition Popup(Random random)
    {
        var popup = Pick(random, Popups);
        var ev = Pick(random, PopupEvents);
        var rows = $"popup_events e WHERE e.profile_id = p.id AND lower(trim(e.popup_id)) = '{popup}' AND lower(trim(e.event)) = '{ev}'";
        var args = new List<(string, object)> { ("popup", popup), ("event", ev) };
        if (ev is "element_click" or "custom_event")
        {
            var name = Pick(random, Names);
            args.Add((ev == "element_click" ? "element" : "event_name", name));
            rows += $" AND trim(e.{(ev == "element_click" ? "element_name" : "event_name")}) = '{name}'";
        }

        var (window, count) = Counted(random, rows, "e.occurred_at");
        var (op, times, compare) = CountOperator(random, ["exists", "not_exists", "at_least", "not_once"]);
        args.Add(("operator", op));
        if (times is not null)
        {
            args.Add(("times", times));
        }

        return new("weblayers.popup", Args([.. args, .. window]), $"{count} {compare}");
    }

    private static MixedCondition Form(Random random)
    {
        var form = Pick(random, Forms);
        var (window, count) = Counted(random, $"form_fills ff WHERE ff.profile_id = p.id AND lower(trim(ff.form_id)) = '{form}'", "ff.filled_at");
        var (op, _, compare) = CountOperator(random, ["exists", "not_once"]);
        return new("weblayers.form", Args([("form", form), ("operator", op), .. window]), $"{count} {compare}");
    }

    private static MixedCondition GoalAchieved(Random random)
    {
        var goal = Pick(random, Goals);
        var rows = $"goal_achievements a WHERE a.profile_id = p.id AND lower(trim(a.goal_id)) = '{goal}'";
        var args = new List<(string, object)> { ("goal", goal) };
        if (random.Next(2) == 0)
        {
            args.Add(("utm_source", new[] { "email" }));
            rows += " AND lower(trim(a.utm_source)) = 'email'";
        }

        var (window, count) = Counted(random, rows, "a.achieved_at");
        if (random.Next(4) == 0)
        {
            var total = Pick(random, [1000, 2500]);
            var sum = count.Replace("(SELECT COUNT(*) FROM", "(SELECT COALESCE(SUM(a.cost), 0) FROM", StringComparison.Ordinal);
            return new("goals.achieved", Args([("operator", "total"), ("goal_cost_operator", "greater"), ("goal_cost_value", total), .. args, .. window]), $"{sum} > {total}");
        }

        var (op, times, compare) = CountOperator(random, ["exists", "not_exists", "at_least", "not_once"]);
        args.Insert(0, ("operator", op));
        if (times is not null)
        {
            args.Add(("times", times));
        }

        return new("goals.achieved", Args([.. args, .. window]), $"{count} {compare}");
    }

    // The complex condition: utm_source email and pixel_data.plan equal to the string gold on the same achievement.
    private static MixedCondition GoalComplex(Random random)
    {
        var (window, count) = Counted(random, $"goal_achievements a WHERE a.profile_id = p.id AND lower(trim(a.utm_source)) = 'email' AND {PlanIsGold}", "a.achieved_at");
        var meets = random.Next(2) == 0;
        return new("goals.complex",
            Args([("operator", meets ? "meets" : "does_not_meet"), ("utm_source", new[] { "email" }),
                ("data1_kind", "string"), ("data1_key", "plan"), ("data1_string_operator", "equals"), ("data1_string_value", "gold"), .. window]),
            $"{count} {(meets ? "> 0" : "= 0")}");
    }

    private static MixedCondition Scenario(Random random)
    {
        var scenario = Pick(random, Scenarios);
        var op = Pick(random, ScenarioOperators);
        var run = op switch
        {
            "was_at_least_once" or "never_was" => "r.entered_at <= @now",
            "currently_in" or "currently_not_in" => "r.entered_at <= @now AND (r.finished_at IS NULL OR r.finished_at > @now)",
            "completed" => "r.entered_at <= @now AND lower(r.outcome) = 'completed' AND r.finished_at <= @now",
            _ => "r.entered_at <= @now AND lower(r.outcome) = 'error' AND r.finished_at <= @now",
        };
        var negated = op is "never_was" or "currently_not_in" ? "NOT " : string.Empty;
        return new("scenarios.participation", Args(("scenario", scenario), ("operator", op)),
            $"{negated}EXISTS (SELECT 1 FROM scenario_runs r WHERE r.profile_id = p.id AND lower(trim(r.scenario_id)) = '{scenario}' AND {run})");
    }

    private static MixedCondition Membership(Random random)
    {
        var segment = Pick(random, Segments);
        var inSegment = random.Next(2) == 0;
        return new("segments.membership", Args(("segment", segment), ("operator", inSegment ? "in_segment" : "not_in_segment")),
            $"{(inSegment ? string.Empty : "NOT ")}EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = '{segment}' AND m.profile_id = p.id)");
    }

    // The nine membership-history operators over a spell table: entity column compared trimmed and ignoring case for
    // plugin tables, exactly for the host's segment spells.
    private static MixedCondition History(string type, string parameter, string entity, Random random, string table, string column, bool trimmed)
    {
        var op = Pick(random, HistoryOperators);
        var matches = trimmed ? $"lower(trim(s.{column})) = '{entity}'" : $"s.{column} = '{entity}'";
        string Spells(string extra = "") => $"FROM {table} s WHERE s.profile_id = p.id AND {matches} AND s.entered_at <= @now{extra}";
        var isIn = $"EXISTS (SELECT 1 {Spells(" AND (s.left_at IS NULL OR s.left_at > @now)")})";
        var ever = $"EXISTS (SELECT 1 {Spells()})";
        string Entries(long lo, string hi) => $"(SELECT COUNT(*) {Spells($" AND s.entered_at >= {lo} AND s.entered_at <= {hi}")})";
        string LastDays(int days) => $"(SELECT COUNT(*) {Spells($" AND s.entered_at >= @now - {days * MixedWorld.Day}")})";

        var args = new List<(string, object)> { (parameter, entity), ("operator", op) };
        var times = random.Next(1, 3);
        var days = Pick(random, [7, 14]);
        string predicate;
        switch (op)
        {
            case "currently_in": predicate = isIn; break;
            case "currently_not_in": predicate = $"NOT {isIn}"; break;
            case "ever_entered": predicate = ever; break;
            case "never_entered": predicate = $"NOT {ever}"; break;
            case "no_longer_in": predicate = $"{ever} AND NOT {isIn}"; break;
            case "entered_times_last_days":
                args.Add(("times", times));
                args.Add(("last_days", days));
                predicate = $"{LastDays(days)} >= {times}";
                break;
            case "entered_times_in_period":
                args.Add(("times", times));
                args.Add(("from", PeriodFrom));
                args.Add(("to", PeriodTo));
                predicate = $"{Entries(PeriodLo, PeriodHi.ToString(CultureInfo.InvariantCulture))} >= {times}";
                break;
            case "not_entered_last_days":
                args.Add(("last_days", days));
                predicate = $"{LastDays(days)} = 0";
                break;
            default:
                args.Add(("from", PeriodFrom));
                args.Add(("to", PeriodTo));
                predicate = $"{Entries(PeriodLo, PeriodHi.ToString(CultureInfo.InvariantCulture))} = 0";
                break;
        }

        return new(type, Args([.. args]), predicate);
    }

    private static Dictionary<string, object> Args(params (string Name, object Value)[] args) => args.ToDictionary(a => a.Name, a => a.Value);

    private static long Day(string iso) =>
        DateTimeOffset.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
}
