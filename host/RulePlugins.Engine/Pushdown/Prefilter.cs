using System.Collections.Immutable;
using System.Text;
using RulePlugins.Engine.Data;

namespace RulePlugins.Engine.Pushdown;

/// <summary>
/// The SQL part of a segment tree: a filter on <c>profiles p</c> (and the one-row tables it joins) that holds for every
/// member, so a recalculation loads and judges only the candidates it selects. The compiled predicate stays the judge of
/// every candidate: the filter may let through profiles that are not members, never keep out one that is.
/// </summary>
/// <param name="Joins">The joins of one-row-per-subject tables, each <c>LEFT JOIN table jN ON ...</c>.</param>
/// <param name="Where">The filter.</param>
/// <param name="Parameters">Its parameter values by name (without <c>@</c>); <c>now</c> is the run's instant, bound per run.</param>
/// <param name="Translated">The paths of the conditions whose translation is part of the filter.</param>
/// <param name="Judged">The paths of the conditions the filter leaves to the predicate alone.</param>
public sealed record Prefilter(
    ImmutableArray<string> Joins, string Where, ImmutableArray<KeyValuePair<string, object>> Parameters, ImmutableArray<string> Translated, ImmutableArray<string> Judged)
{
    /// <summary>The name of the parameter holding the run's instant in Unix milliseconds.</summary>
    public const string NowParameter = "now";

    /// <summary>The candidates of one batch: the ids after <c>@after</c> up to <c>@upto</c> that pass the filter, ascending.</summary>
    internal string SelectIdsBetween() =>
        $"SELECT p.id FROM profiles p{string.Concat(Joins.Select(j => " " + j))} WHERE p.id > @after AND p.id <= @upto AND ({Where}) ORDER BY p.id";

    /// <summary>The batch a prefiltered run covers next: the last of the <c>@limit</c> profile ids after <c>@after</c>, and how many there are.</summary>
    internal static string SelectBatchRange(ISqlDialect dialect) =>
        $"SELECT MAX(id) AS Upto, COUNT(*) AS Covered FROM ({dialect.Limit("SELECT id FROM profiles WHERE id > @after ORDER BY id")}) b";

    /// <summary>The candidate query for reading (a developer's view): the filter over every profile, one clause per line.</summary>
    public string Describe()
    {
        var text = new StringBuilder("SELECT p.id\nFROM profiles p\n");
        foreach (var join in Joins)
        {
            text.Append(join).Append('\n');
        }

        text.Append("WHERE ").Append(Where).Append('\n');
        foreach (var (name, value) in Parameters)
        {
            text.Append("-- @").Append(name).Append(" = ").Append(name == NowParameter ? "the run's instant (Unix ms)" : Show(value)).Append('\n');
        }

        text.Append("-- translated: ").Append(Translated.IsEmpty ? "none" : string.Join(", ", Translated)).Append('\n');
        text.Append("-- judged by the predicate alone: ").Append(Judged.IsEmpty ? "none" : string.Join(", ", Judged)).Append('\n');
        return text.ToString();
    }

    private static string Show(object value) => value switch
    {
        string s => Sdk.Data.JsonText.Quote(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
