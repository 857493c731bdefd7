using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Scenarios.Data;

/// <summary>The scenarios plugin's tables.</summary>
public static class ScenarioTables
{
    /// <summary>The scenarios (reference data): an id documents store and a name people see.</summary>
    public static readonly TableDefinition Scenarios = TableDefinition.Reference(
        "scenarios",
        typeof(ScenarioRow),
        [new("id", ColumnType.Text) { Nullable = false }, new("name", ColumnType.Text)]) with { RowKeyColumn = "id" };

    /// <summary>
    /// Runs of profiles through scenarios, many per profile: when each entered, and when and how it ended (both null
    /// while the run is active). Read by profile, and only the runs entered up to now, hence the index.
    /// </summary>
    public static readonly TableDefinition Runs = new(
        "scenario_runs",
        "profile_id",
        typeof(ScenarioRunRow),
        [
            new("scenario_id", ColumnType.Text) { Nullable = false },
            new("entered_at", ColumnType.Timestamp) { Nullable = false },
            new("finished_at", ColumnType.Timestamp),
            new("outcome", ColumnType.Text),
        ])
    {
        Indexes = [new IndexDefinition("ix_scenario_runs_profile_entered", ["profile_id", "entered_at"])],
    };
}
