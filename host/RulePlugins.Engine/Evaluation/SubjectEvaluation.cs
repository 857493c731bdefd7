using System.Collections.Immutable;
using System.Text;

namespace RulePlugins.Engine.Evaluation;

/// <summary>Whether one node of the tree held for the subject, with its children for a group.</summary>
/// <param name="Path">The node's path in the document, e.g. <c>rules.items[1]</c>.</param>
/// <param name="Description">The condition in words, or "ALL of 3" / "ANY of 2" for a group.</param>
/// <param name="Held">Whether the node held.</param>
/// <param name="Items">A group's children; empty for a condition.</param>
public sealed record NodeOutcome(string Path, string Description, bool Held, ImmutableArray<NodeOutcome> Items);

/// <summary>The answer of a segment for one subject document, and on request which conditions held.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Version">The segment version evaluated.</param>
/// <param name="Matched">True when the subject is in the segment.</param>
/// <param name="Explanation">Every node with whether it held (every condition is evaluated, none skipped); null unless asked for.</param>
public sealed record SubjectEvaluation(string SegmentId, int Version, bool Matched, NodeOutcome? Explanation)
{
    /// <summary>The answer and explanation as indented lines a support person can read.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .Append(Matched ? "MATCHED" : "NOT MATCHED")
            .Append($": segment \"{SegmentId}\" v{Version}")
            .AppendLine();
        if (Explanation is not null)
        {
            Append(text, Explanation, 1);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, NodeOutcome node, int depth)
    {
        text.Append(' ', depth * 2)
            .Append(node.Held ? "[held]     " : "[not held] ")
            .Append(node.Path).Append(": ").Append(node.Description)
            .AppendLine();
        foreach (var item in node.Items)
        {
            Append(text, item, depth + 1);
        }
    }
}
