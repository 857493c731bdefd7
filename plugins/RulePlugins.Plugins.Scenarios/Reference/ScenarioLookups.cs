using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Plugins.Scenarios.Reference;

/// <summary>The scenarios a condition may name: the rows of <c>scenarios</c>, each an id and a name.</summary>
public static class ScenarioLookups
{
    /// <summary>The scenario ids with their names, read through the lookup <c>scenarios.catalog</c>.</summary>
    public static readonly DataChoices Scenarios = DataChoices.FromRows<ScenarioRow>(
        "scenario", "scenarios.catalog", ScenarioTables.Scenarios, row => row.Id, row => row.Name);
}
