using RulePlugins.Engine.Validation;
using RulePlugins.Sdk;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>A team: a row of <c>test_teams</c>.</summary>
public sealed class TeamRow
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

/// <summary>A profile's membership of a team: a row of <c>test_team_members</c>.</summary>
public sealed class TeamMemberRow
{
    public string? TeamId { get; set; }
}

/// <summary>Teams (a reference table with ids and names) and <c>test.in_team</c>, whose <c>team</c> names one by id.</summary>
public sealed class TeamsPlugin : IRulePlugin
{
    public static readonly TableDefinition Teams = TableDefinition.Reference(
        "test_teams", typeof(TeamRow), [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]);

    public static readonly TableDefinition Members = new(
        "test_team_members", "profile_id", typeof(TeamMemberRow), [new("team_id", ColumnType.Text) { Nullable = false }]);

    public static readonly LookupDefinition<TeamRow, IReadOnlyList<TeamRow>> TeamList = new("test.teams", Teams, rows => rows);

    public void Register(IPluginBuilder builder) => builder
        .AddTable(Teams)
        .AddTable(Members)
        .AddLookup(TeamList)
        .AddConditionType(new InTeam());

    private sealed class InTeam : ConditionType
    {
        public override string Id => "test.in_team";

        public override string Title => "In a team";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } =
        [
            new("team", ParameterKind.String, "The team, by id.")
            {
                ChoicesFrom = DataChoices.Named("team", TeamList, teams => teams.Select(t => new DataChoice(t.Id!, t.Name ?? t.Id!))),
            },
            ParameterDefinition.Choice("role", "A fixed list.", ["member", "lead"]) with { Required = false },
        ];

        public override IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => [Members.Read("team_id")];

        public override string Describe(ConditionArguments arguments) => $"in team {arguments.GetString("team")}";

        public override Code Emit(ConditionArguments arguments, EmitContext context) =>
            context.Expression($"global::System.Linq.Enumerable.Any({context.Rows(Members)}.ToArray(), row => row.TeamId == {arguments.GetString("team")})");
    }
}

/// <summary>
/// Parameters naming an entity (<see cref="DataChoices.Named"/>): refusal with the closest ids and names, a name given
/// instead of an id, a renamed entity, and the page of values a rule builder lists.
/// </summary>
public sealed class NamedChoicesTests : IDisposable
{
    private readonly TestDatabase _db = new(new TeamsPlugin());

    private void Teams(params (string Id, string Name)[] teams)
    {
        foreach (var (id, name) in teams)
        {
            _db.Execute("INSERT INTO test_teams (id, name) VALUES (@id, @name)", new { id, name });
        }
    }

    private void ManyTeams() => Teams(
        ("north", "North office"), ("south", "South office"), ("east", "East office"), ("west", "West office"),
        ("sales-1", "Sales one"), ("sales-2", "Sales two"), ("support", "Customer support"), ("ops", "Operations"),
        ("hr", "People"), ("legal", "Legal"), ("finance", "Finance"), ("it", "IT"), ("design", "Design"), ("data", "Data science"));

    private static string Team(string team) => Documents.Single("team-segment", "test.in_team", new { team });

    [Fact]
    public void Save_UnknownIdAmongMany_RefusedAtItsPathWithTheClosestIdsAndNames()
    {
        ManyTeams();

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(Team("suport"))).Errors);

        Assert.Equal("rules.items[0].params.team", error.Path);
        Assert.StartsWith("\"suport\" is not a known team; the closest: support (Customer support), ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" (14 known)", error.Message, StringComparison.Ordinal);
        Assert.Empty(_db.Engine.Segments());
    }

    [Fact]
    public void Save_UnknownIdAmongFew_ListsThemAllWithNames()
    {
        Teams(("north", "North office"), ("south", "South office"), ("it", "it"));

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(Team("west"))).Errors);

        Assert.Equal("\"west\" is not a known team; known: it, north (North office), south (South office)", error.Message);
    }

    [Fact]
    public void Save_NameInsteadOfId_RefusedNamingTheId()
    {
        ManyTeams();

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Engine.Save(Team("customer SUPPORT"))).Errors);

        Assert.Equal("\"customer SUPPORT\" is the name of team support; a document names a team by its id: \"support\"", error.Message);
    }

    [Fact]
    public void Recalculate_EntityRenamedAfterSave_KeepsWorkingBecauseTheDocumentStoresTheId()
    {
        Teams(("north", "North office"), ("south", "South office"));
        _db.AddProfiles([1, 2, 3]);
        _db.Execute("INSERT INTO test_team_members (profile_id, team_id) VALUES (1, 'north'), (2, 'south'), (3, 'north')");
        _db.Engine.Save(Team("north"));
        _db.Engine.Recalculate("team-segment");

        _db.Execute("UPDATE test_teams SET name = 'Head office' WHERE id = 'north'");
        _db.Engine.Recalculate("team-segment");
        var again = _db.Engine.Save(Team("north"));

        Assert.Equal([1L, 3], _db.Engine.Members("team-segment", limit: 10));
        Assert.Equal(("team-segment", 1), (again.Id, again.Version)); // the same document: accepted, nothing new to store
        Assert.Contains(new DataChoice("north", "Head office"), _db.Engine.FindChoices("test.in_team", "team").Values);
    }

    [Fact]
    public void FindChoices_SearchAndLimit_MatchIdOrNameIgnoringCaseOrderedByName()
    {
        ManyTeams();

        var offices = _db.Engine.FindChoices("test.in_team", "team", search: "OFFICE", limit: 3);
        var sales = _db.Engine.FindChoices("test.in_team", "team", search: "sales-");
        var all = _db.Engine.FindChoices("test.in_team", "team");

        Assert.Equal(("team", 4), (offices.Noun, offices.Total));
        Assert.Equal(["east", "north", "south"], offices.Values.Select(v => v.Value));
        Assert.Equal([new DataChoice("sales-1", "Sales one"), new DataChoice("sales-2", "Sales two")], sales.Values);
        Assert.Equal(14, all.Total);
        Assert.Equal("Customer support", all.Values[0].Name);
    }

    [Fact]
    public void FindChoices_FixedList_ListsTheAllowedValues()
    {
        var roles = _db.Engine.FindChoices("test.in_team", "role");

        Assert.Equal(["lead", "member"], roles.Values.Select(v => v.Value));
        Assert.Equal("value", roles.Noun);
    }

    [Theory]
    [InlineData("test.no_such", "team", "No plugin contributes a condition type 'test.no_such'.")]
    [InlineData("test.in_team", "tema", "Condition type 'test.in_team' has no parameter 'tema'; its parameters are: team, role.")]
    public void FindChoices_UnknownTypeOrParameter_ThrowsNamingIt(string type, string parameter, string message)
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => _db.Engine.FindChoices(type, parameter));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Closest_TypoOfAName_RanksThatEntityFirst()
    {
        DataChoice[] choices = [new("a1", "Spring sale"), new("a2", "Summer sale"), new("a3", "Winter clearance")];

        Assert.Equal("a1", ChoiceSearch.Closest(choices, "sprng sale", 1).Single().Value);
        Assert.Equal("a3", ChoiceSearch.Closest(choices, "winter", 1).Single().Value);
    }

    public void Dispose() => _db.Dispose();
}
