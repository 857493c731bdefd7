using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Plugins.Goals.Reference;

/// <summary>The goals and pixels a condition may name: the rows of <c>goals</c> and <c>pixels</c>, each an id and a name.</summary>
public static class GoalLookups
{
    /// <summary>The goal ids with their names, read through the lookup <c>goals.catalog</c>.</summary>
    public static readonly DataChoices Goals = DataChoices.FromRows<GoalRow>(
        "goal", "goals.catalog", GoalTables.Goals, row => row.Id, row => row.Name);

    /// <summary>The pixel ids with their names, read through the lookup <c>goals.pixels</c>.</summary>
    public static readonly DataChoices Pixels = DataChoices.FromRows<PixelRow>(
        "pixel", "goals.pixels", GoalTables.Pixels, row => row.Id, row => row.Name);
}
