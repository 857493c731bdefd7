using Dapper;
using RulePlugins.Plugins.Weblayers.Data;
using RulePlugins.Testing;
using static RulePlugins.Plugins.Weblayers.Tests.WeblayersBed;

namespace RulePlugins.Plugins.Weblayers.Tests;

/// <summary>
/// Members of saved popup and form segments against hand-written SQL over the same random events and fills (see
/// <see cref="RandomActivity"/>): every event with every selection condition on every popup the data names, every form
/// selection condition on every form, and the example segment's shape (filled a popup in the last 7 days, never filled a
/// form). The SQL states the semantics on its own, as a COUNT over the matching rows at or before now.
/// </summary>
public sealed class SqlDifferentialTests : IDisposable
{
    private const int Profiles = 400;
    private readonly PluginTestBed _bed = Create();

    public SqlDifferentialTests()
    {
        _bed.AddProfiles([.. Enumerable.Range(1, Profiles).Select(i => (long)i)]);
        RandomActivity.Insert(_bed, new Random(20260615), Profiles);
    }

    /// <summary>The selection conditions: name, extra parameters, the SQL window over column <c>t</c>, and the comparison of the count.</summary>
    public static readonly IReadOnlyList<(string Name, Func<PluginTestBed, Params, Params> Parameters, string Window, string Compare)> Selections =
    [
        ("exists", (_, p) => p.With("operator", "exists"), "1 = 1", ">= 1"),
        ("does not exist", (_, p) => p.With("operator", "not_once"), "1 = 1", "= 0"),
        ("at least 2 in period", (b, p) => p.With("operator", "at_least").With("times", 2).With("from", b.DayOf(30)).With("to", b.DayOf(20)), "t >= @first AND t <= @last", ">= 2"),
        ("not once in period", (b, p) => p.With("operator", "not_once").With("from", b.DayOf(30)).With("to", b.DayOf(20)), "t >= @first AND t <= @last", "= 0"),
        ("at least 2 in the last 7 days", (_, p) => p.With("operator", "at_least").With("times", 2).With("last_days", 7), "t >= @now - 7 * 86400000", ">= 2"),
        ("not once in the last 7 days", (_, p) => p.With("operator", "not_once").With("last_days", 7), "t >= @now - 7 * 86400000", "= 0"),
    ];

    private object Values(object extra) => new Dictionary<string, object>
    {
        ["now"] = _bed.NowMs(),
        ["first"] = _bed.DayStart(30),
        ["last"] = _bed.DayEnd(20),
    }.Concat(extra.GetType().GetProperties().Select(p => new KeyValuePair<string, object>(p.Name, p.GetValue(extra)!))).ToDictionary();

    private static string PopupSql(string ev, string window, string compare)
    {
        var name = ev switch
        {
            PopupEvents.ElementClick => "AND trim(e.element_name) = @name",
            PopupEvents.CustomEvent => "AND trim(e.event_name) = @name",
            _ => string.Empty,
        };
        return $"""
            SELECT p.id FROM profiles p
            WHERE (SELECT COUNT(*) FROM (SELECT e.occurred_at AS t FROM popup_events e
                   WHERE e.profile_id = p.id AND lower(trim(e.popup_id)) = @popup AND lower(trim(e.event)) = @event {name} AND e.occurred_at <= @now) x
                   WHERE {window}) {compare}
            """;
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var ev in PopupEvents.All)
        {
            foreach (var selection in Selections)
            {
                data.Add(ev, selection.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Members_PopupEventAndSelectionOnEveryPopup_EqualHandWrittenSql(string ev, string selection)
    {
        var (_, parameters, window, compare) = Selections.Single(s => s.Name == selection);
        var split = 0;
        foreach (var popup in RandomActivity.Popups)
        {
            var name = ev == PopupEvents.ElementClick ? "cta-button" : ev == PopupEvents.CustomEvent ? "wheel-spin" : null;
            var values = Values(new { popup, @event = ev, name = name ?? string.Empty });
            var sql = PopupSql(ev, window, compare);
            var count = _bed.Database.Scalar<long>($"SELECT COUNT(*) FROM ({sql}) y", values);
            _bed.AssertSameAsSql(Popup, parameters(_bed, OfPopup(popup, ev, "exists")), sql, values);
            split += count is > 0 and < Profiles ? 1 : 0;
        }

        Assert.True(split >= 1, $"no popup splits the profiles for {ev} {selection}; the data says too little");
    }

    public static TheoryData<string> FormCases() => [.. Selections.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(FormCases))]
    public void Members_FormSelectionOnEveryForm_EqualHandWrittenSql(string selection)
    {
        var (_, parameters, window, compare) = Selections.Single(s => s.Name == selection);
        // The form condition offers exists and not_once; "at least 2" is exists with times 2.
        Params Form(Params p) => parameters(_bed, p) is var q && q.ToObject()["operator"] as string == "at_least" ? q.With("operator", "exists") : q;
        var sql = $"""
            SELECT p.id FROM profiles p
            WHERE (SELECT COUNT(*) FROM (SELECT f.filled_at AS t FROM form_fills f
                   WHERE f.profile_id = p.id AND lower(trim(f.form_id)) = @form AND f.filled_at <= @now) x
                   WHERE {window}) {compare}
            """;
        var split = 0;
        foreach (var form in RandomActivity.Forms)
        {
            var values = Values(new { form });
            var count = _bed.Database.Scalar<long>($"SELECT COUNT(*) FROM ({sql}) y", values);
            _bed.AssertSameAsSql(WeblayersBed.Form, Form(OfForm(form, "exists")), sql, values);
            split += count is > 0 and < Profiles ? 1 : 0;
        }

        Assert.True(split >= 1, $"no form splits the profiles for {selection}");
    }

    [Fact]
    public void Members_FilledPopupInTheLast7DaysNeverFilledForm_EqualHandWrittenSql()
    {
        var document = Documents.Json("popup-not-form", new
        {
            op = "and",
            items = new object[]
            {
                new { type = Popup, @params = OfPopup("newsletter-popup", PopupEvents.Filled, "exists").With("last_days", 7).ToObject() },
                new { type = WeblayersBed.Form, @params = OfForm("newsletter", "not_once").ToObject() },
            },
        });
        const string sql = """
            SELECT p.id FROM profiles p
            WHERE EXISTS (SELECT 1 FROM popup_events e WHERE e.profile_id = p.id AND lower(trim(e.popup_id)) = 'newsletter-popup'
                          AND lower(trim(e.event)) = 'filled' AND e.occurred_at BETWEEN @now - 7 * 86400000 AND @now)
              AND NOT EXISTS (SELECT 1 FROM form_fills f WHERE f.profile_id = p.id AND lower(trim(f.form_id)) = 'newsletter' AND f.filled_at <= @now)
            ORDER BY p.id
            """;

        var members = _bed.MembersOf(document);

        using var connection = _bed.Database.Database.Open();
        var expected = connection.Query<long>(sql, new { now = _bed.NowMs() }).ToList();
        Assert.Equal(expected, members);
        Assert.NotEmpty(expected);
    }

    public void Dispose() => _bed.Dispose();
}
