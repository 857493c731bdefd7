using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Plugins.Scenarios.Reference;

/// <summary>The scenarios plugin's lookups over its reference table.</summary>
public static class ScenarioLookups
{
    /// <summary>The scenarios with their names, for the choices of a <c>scenario</c> parameter.</summary>
    public static readonly LookupDefinition<ScenarioRow, ScenarioCatalog> Catalog =
        new("scenarios.catalog", ScenarioTables.Scenarios, ScenarioCatalog.FromRows);
}
