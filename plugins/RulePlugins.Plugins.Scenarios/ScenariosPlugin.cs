using RulePlugins.Plugins.Scenarios.Conditions;
using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Plugins.Scenarios.DemoData;
using RulePlugins.Plugins.Scenarios.Reference;
using RulePlugins.Sdk;

namespace RulePlugins.Plugins.Scenarios;

/// <summary>
/// Participation in automation scenarios: the scenarios (reference data, an id and a name each), the runs of profiles
/// through them (entered, finished, outcome), and the condition <c>scenarios.participation</c>: was in a scenario at
/// least once, never was, is currently in it, is currently not in it, completed it, exited it with an error.
/// </summary>
public sealed class ScenariosPlugin : IRulePlugin
{
    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(ScenarioTables.Scenarios)
        .AddTable(ScenarioTables.Runs)
        .AddLookup(ScenarioLookups.Scenarios.Lookup)
        .AddConditionType(new ParticipationCondition())
        .AddDemoData(new ScenariosDemoData());
}
