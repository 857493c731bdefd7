using RulePlugins.Sdk.Conditions;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Campaigns.Reference;

/// <summary>
/// The entities of one reference table (the campaigns, or their groups), each an id and the name a rule builder shows.
/// Ids compare ignoring case and surrounding white space; a row without an id is left out, and the first row of an id wins.
/// Immutable.
/// </summary>
public sealed class EntityNames
{
    private readonly Dictionary<string, string> _names;

    /// <summary>Creates the directory from (id, name) choices.</summary>
    public EntityNames(IEnumerable<DataChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        _names = new Dictionary<string, string>(Text.IgnoreCaseComparer);
        foreach (var choice in choices.Where(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            _names.TryAdd(choice.Value.Trim(), string.IsNullOrWhiteSpace(choice.Name) ? choice.Value.Trim() : choice.Name.Trim());
        }

        Choices = [.. _names.Select(pair => new DataChoice(pair.Key, pair.Value)).OrderBy(c => c.Value, StringComparer.Ordinal)];
    }

    /// <summary>Every entity, ordered by id.</summary>
    public IReadOnlyList<DataChoice> Choices { get; }

    /// <summary>The name of <paramref name="id"/>, or null when it is not known.</summary>
    public string? NameOf(string? id) => id is not null && _names.TryGetValue(id, out var name) ? name : null;
}
