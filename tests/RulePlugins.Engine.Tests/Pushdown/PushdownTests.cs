using RulePlugins.Engine.Recalculation;
using RulePlugins.Engine.Validation;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests.Pushdown;

/// <summary>
/// The SQL prefilter of a recalculation: what the planner keeps of a tree, that only its candidates are judged, and that
/// the members are those of the predicate alone, also for texts the database folds differently from .NET (white space
/// other than spaces, characters outside ASCII) and on PostgreSQL.
/// </summary>
public sealed class PushdownTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Adult = TestDatabase.DefaultNow.AddYears(-30);
    private static readonly DateTimeOffset Child = TestDatabase.DefaultNow.AddYears(-10);

    // City texts the predicate reads as "Moscow" (trimmed, ignoring case ordinally), and some it does not; the no-break
    // space is white space to .NET and not to SQL, so only the predicate trims it.
    private static readonly (string? City, bool IsMoscow)[] Cities =
    [
        ("Moscow", true), ("moscow", true), ("  MOSCOW  ", true), ("\tMoscow\n", true), ("\u00A0Moscow", true),
        ("Mo\u017Fcow", false), // LATIN SMALL LETTER LONG S: outside ASCII, so a candidate, but ordinally not an s
        ("Kazan", false), ("Moscoww", false), (null, false), ("", false), ("Mos cow", false), ("Москва", false),
    ];

    public static TheoryData<string> Providers => ["sqlite", "postgresql"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Recalculate_CityAndAge_JudgesOnlyCandidatesAndFindsTheSameMembers(string provider)
    {
        using var db = Open(provider);
        var profiles = Cities.SelectMany((c, i) => new[]
        {
            new ProfileData(i * 2 + 1) { City = c.City, BirthDate = Adult },
            new ProfileData(i * 2 + 2) { City = c.City, BirthDate = Child },
        }).ToArray();
        db.AddProfiles(profiles);
        db.Engine.Save(Document("moscow-adults", """{ "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "equals", "value": "Moscow" } }, { "type": "profile.age", "params": { "operator": "greater_or_equal", "value": 18 } } ] }"""));

        var prefilter = db.Engine.GetPrefilter("moscow-adults");
        Assert.NotNull(prefilter);
        Assert.Equal(["rules.items[0]", "rules.items[1]"], prefilter.Translated);

        var on = db.Engine.Recalculate("moscow-adults");
        var withFilter = db.Engine.Members("moscow-adults", limit: int.MaxValue);
        var off = db.Engine.Recalculate("moscow-adults", new RecalculationOptions { Pushdown = false });
        var withoutFilter = db.Engine.Members("moscow-adults", limit: int.MaxValue);

        var expected = profiles.Where(p => p.BirthDate == Adult && Cities[(int)(p.Id - 1) / 2].IsMoscow).Select(p => p.Id).ToList();
        Assert.Equal(expected, withFilter);
        Assert.Equal(expected, withoutFilter);
        Assert.Equal(profiles.Length, off.Scanned);

        // The candidates: adults whose city is Moscow in ASCII, plus every adult with a city outside ASCII (Москва, the long s, the no-break space).
        Assert.Equal(profiles.Length, on.Scanned);
        Assert.Equal(profiles.Length, off.Judged);
        Assert.True(on.Judged < off.Judged, $"the prefilter let through {on.Judged} of {off.Judged} profiles");
        Assert.True(on.Judged >= expected.Count);
        Assert.Equal((expected.Count, 0L), (on.Entered, on.Left));
        Assert.Equal((0L, 0L), (off.Entered, off.Left));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Recalculate_OtherOperators_SameMembersWithAndWithoutPrefilter(string provider)
    {
        using var db = Open(provider);
        var profiles = Cities.Select((c, i) => new ProfileData(i + 1)
        {
            City = c.City, Email = i % 3 == 0 ? $"user{i}@GMAIL.com" : $"user{i}@mail.ru", BirthDate = i % 2 == 0 ? Adult : Child,
            CreatedAt = TestDatabase.DefaultNow.AddDays(-i),
        }).ToArray();
        db.AddProfiles(profiles);
        string[] trees =
        [
            """{ "op": "or", "items": [ { "type": "profile.city", "params": { "operator": "in_list", "values": ["kazan", " MOSCOW "] } }, { "type": "profile.email", "params": { "operator": "contains", "value": "@gmail." } } ] }""",
            """{ "op": "and", "items": [ { "type": "profile.email", "params": { "operator": "starts_with", "value": "USER1" } }, { "type": "profile.created_at", "params": { "operator": "in_last_days", "days": 5 } } ] }""",
            """{ "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "is_not_empty" } }, { "type": "profile.age", "params": { "operator": "in_range", "min": 9, "max": 10 } } ] }""",
            """{ "op": "and", "items": [ { "type": "profile.age", "params": { "operator": "less", "value": 11 } }, { "type": "profile.created_at", "params": { "operator": "equals", "value": "2026-06-10" } } ] }""",
        ];
        for (var i = 0; i < trees.Length; i++)
        {
            var id = $"tree-{i}";
            db.Engine.Save(Document(id, trees[i]));
            Assert.NotNull(db.Engine.GetPrefilter(id));
            var on = db.Engine.Recalculate(id);
            var withFilter = db.Engine.Members(id, limit: int.MaxValue);
            db.Engine.Recalculate(id, new RecalculationOptions { Pushdown = false, BatchSize = 3 });
            var withoutFilter = db.Engine.Members(id, limit: int.MaxValue);
            Assert.True(withFilter.SequenceEqual(withoutFilter), $"{trees[i]}: with the prefilter [{string.Join(", ", withFilter)}], without [{string.Join(", ", withoutFilter)}]\n{db.Engine.GetPrefilter(id)!.Describe()}");
            Assert.NotEmpty(withFilter);
            Assert.True(on.Judged < profiles.Length, $"{trees[i]}: the prefilter let every profile through");
            Assert.Equal(profiles.Length, on.Scanned);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Recalculate_ValueWithLikeWildcards_MatchesThemAsCharacters(string provider)
    {
        using var db = Open(provider);
        string[] emails = ["sale50%off@shop.com", "sale500@shop.com", "a_b@x.com", "axb@x.com", "back\\slash@x.com", "backslash@x.com"];
        db.AddProfiles([.. emails.Select((e, i) => new ProfileData(i + 1) { Email = e })]);
        foreach (var (part, member) in new[] { ("50%", 1L), ("a_b", 3L), ("k\\s", 5L) })
        {
            var id = $"wildcards-{member}";
            db.Engine.Save(Document(id, $$"""{ "op": "and", "items": [ { "type": "profile.email", "params": { "operator": "contains", "value": {{System.Text.Json.JsonSerializer.Serialize(part)}} } } ] }"""));
            var run = db.Engine.Recalculate(id);

            Assert.Equal([member], db.Engine.Members(id));
            Assert.Equal(1L, run.Judged);
        }
    }

    [Fact]
    public void Plan_OrWithAnUntranslatableBranch_HasNoPrefilterAndJudgesEveryProfile()
    {
        using var db = new TestDatabase();
        db.AddProfiles(Cities.Select((c, i) => new ProfileData(i + 1) { City = c.City }).ToArray());
        db.Engine.Save(Document("or-negation", """{ "op": "or", "items": [ { "type": "profile.city", "params": { "operator": "equals", "value": "Moscow" } }, { "type": "profile.city", "params": { "operator": "not_equals", "value": "Kazan" } } ] }"""));

        Assert.Null(db.Engine.GetPrefilter("or-negation"));
        Assert.Equal(Cities.Length, db.Engine.Recalculate("or-negation").Judged);
        Assert.Equal(Cities.Count(c => !string.Equals(c.City?.Trim(), "Kazan", StringComparison.OrdinalIgnoreCase)), db.Engine.MemberCount("or-negation"));
    }

    [Fact]
    public void Plan_AndWithAnUntranslatableItem_KeepsTheOthersAndNamesWhatThePredicateJudgesAlone()
    {
        using var db = new TestDatabase();
        db.Engine.Save(Document("and-negation", """{ "op": "and", "items": [ { "type": "profile.city", "params": { "operator": "not_equals", "value": "Kazan" } }, { "type": "profile.gender", "params": { "operator": "equals", "value": "female" } } ] }"""));

        var prefilter = db.Engine.GetPrefilter("and-negation")!;
        Assert.Equal(["rules.items[1]"], prefilter.Translated);
        Assert.Equal(["rules.items[0]"], prefilter.Judged);
        var text = prefilter.Describe();
        Assert.Contains("LEFT JOIN profile_fields j0 ON j0.profile_id = p.id", text, StringComparison.Ordinal);
        Assert.Contains("-- @f0 = \"%female%\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("'female'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_TranslationThatThrows_IsRefusedNamingTheConditionAndPlugin()
    {
        using var db = new TestDatabase(new ProfileFieldsPlugin(), new BrokenTranslationPlugin());
        var error = Assert.Throws<SegmentValidationException>(() => db.Engine.Save(Document("broken", """{ "op": "and", "items": [ { "type": "test.broken_sql", "params": {} } ] }""")));

        var message = Assert.Single(error.Errors);
        Assert.Equal("rules.items[0]", message.Path);
        Assert.Contains("test.broken_sql", message.Message, StringComparison.Ordinal);
        Assert.Contains("could not translate itself to SQL", message.Message, StringComparison.Ordinal);
        Assert.Contains("no column 'nope'", message.Message, StringComparison.Ordinal);
        Assert.Null(db.Engine.Store.Find("broken"));
    }

    private TestDatabase Open(string provider)
    {
        if (provider == "sqlite")
        {
            return new TestDatabase();
        }

        var (database, drop) = postgres.NewDatabase();
        return new TestDatabase(database, drop, new ProfileFieldsPlugin());
    }

    private static string Document(string id, string rules) =>
        $$"""{ "schemaVersion": 1, "id": "{{id}}", "name": "{{id}}", "subject": "profile", "rules": {{rules}} }""";

    /// <summary>A condition whose translation reads a column its table does not have.</summary>
    private sealed class BrokenTranslationPlugin : IRulePlugin
    {
        public void Register(IPluginBuilder builder) => builder.AddConditionType(new BrokenSql());

        private sealed class BrokenSql : ConditionType
        {
            public override string Id => "test.broken_sql";

            public override string Title => "Broken SQL";

            public override IReadOnlyList<ParameterDefinition> Parameters { get; } = [];

            public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [ProfileFieldsTable.Definition.Read("city")];

            public override string Describe(ConditionArguments arguments) => "broken";

            public override Code Emit(ConditionArguments arguments, EmitContext context) => context.Expression($"true");

            public override SqlCode? Translate(ConditionArguments arguments, SqlContext context) =>
                context.Sql($"{context.Column(ProfileFieldsTable.Definition, "nope")} = 1");
        }
    }
}
