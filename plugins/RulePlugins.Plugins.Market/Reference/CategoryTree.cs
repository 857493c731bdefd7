using RulePlugins.Plugins.Market.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Market.Reference;

/// <summary>The product category tree: a category includes all its descendants. Ids compare ignoring case and surrounding white space.</summary>
public sealed class CategoryTree
{
    private const int MaxDepth = 64;
    private readonly Dictionary<string, string?> _parents;

    /// <summary>Creates the tree from (category, parent) pairs.</summary>
    public CategoryTree(IEnumerable<KeyValuePair<string, string?>> parents)
    {
        _parents = new Dictionary<string, string?>(Text.IgnoreCaseComparer);
        foreach (var (category, parent) in parents)
        {
            _parents[category] = string.IsNullOrWhiteSpace(parent) ? null : parent;
        }
    }

    /// <summary>Builds the tree from the rows of <c>market_categories</c>.</summary>
    public static CategoryTree FromRows(IReadOnlyList<CategoryRow> rows) =>
        new(rows.Where(r => !string.IsNullOrWhiteSpace(r.Id)).Select(r => KeyValuePair.Create(r.Id!, r.ParentId)));

    /// <summary>
    /// True when <paramref name="category"/> is one of <paramref name="roots"/> or lies below one of them.
    /// An unknown category is only itself; a cycle in the data stops the walk instead of looping.
    /// </summary>
    public bool IsWithin(string? category, HashSet<string> roots)
    {
        for (var depth = 0; category is not null && depth < MaxDepth; depth++)
        {
            if (roots.Contains(category))
            {
                return true;
            }

            category = _parents.TryGetValue(category, out var parent) ? parent : null;
        }

        return false;
    }
}
