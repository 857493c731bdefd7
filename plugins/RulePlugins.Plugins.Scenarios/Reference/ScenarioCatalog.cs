using RulePlugins.Plugins.Scenarios.Data;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Scenarios.Reference;

/// <summary>
/// The scenarios of the <c>scenarios</c> table, each an id and a name (the id when the row has none), ordered by id.
/// Rows without an id are left out; of two rows with the same id (ignoring case and surrounding white space) the first counts.
/// </summary>
public sealed class ScenarioCatalog
{
    private ScenarioCatalog(IReadOnlyList<DataChoice> scenarios) => Scenarios = scenarios;

    /// <summary>The scenarios: each <see cref="DataChoice.Value"/> is the id, <see cref="DataChoice.Name"/> the name.</summary>
    public IReadOnlyList<DataChoice> Scenarios { get; }

    /// <summary>Builds the catalogue from the rows of <c>scenarios</c>.</summary>
    public static ScenarioCatalog FromRows(IReadOnlyList<ScenarioRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var seen = new HashSet<string>(Text.IgnoreCaseComparer);
        var scenarios = new List<DataChoice>();
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Id) || !seen.Add(row.Id.Trim()))
            {
                continue;
            }

            var id = row.Id.Trim();
            scenarios.Add(new DataChoice(id, string.IsNullOrWhiteSpace(row.Name) ? id : row.Name.Trim()));
        }

        scenarios.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));
        return new ScenarioCatalog(scenarios);
    }
}
