using RulePlugins.Engine.Model;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Evaluation;

/// <summary>
/// A validated tree flattened for answering node by node: every node in pre-order (the root first, a group before its
/// items), each condition with its number in document order as the generated <see cref="CompiledPredicate.EvaluateCondition"/>
/// expects. <see cref="Evaluate"/> evaluates each condition alone and combines the groups here, so every node gets an
/// answer whatever its siblings say; it allocates nothing. Used to explain an order, to explain a profile and to count a
/// draft's audience per node.
/// </summary>
internal sealed class ConditionTree
{
    private readonly int[][] _children;
    private readonly int[] _condition;
    private readonly bool[] _and;

    public ConditionTree(BoundSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var nodes = new List<BoundNode>();
        var children = new List<int[]>();
        var conditionIndex = new List<int>();
        var conditions = 0;
        Flatten(segment.Root, nodes, children, conditionIndex, ref conditions);
        Nodes = nodes;
        ConditionCount = conditions;
        _children = [.. children];
        _condition = [.. conditionIndex];
        _and = [.. nodes.Select(n => n is BoundGroup { Operator: LogicalOperator.And })];
    }

    /// <summary>Every node in pre-order; index 0 is the root.</summary>
    public IReadOnlyList<BoundNode> Nodes { get; }

    /// <summary>How many conditions (leaves) the tree has.</summary>
    public int ConditionCount { get; }

    /// <summary>The indexes in <see cref="Nodes"/> of a group's items; empty for a condition.</summary>
    public IReadOnlyList<int> Children(int node) => _children[node];

    /// <summary>
    /// Fills <paramref name="holds"/> (one entry per node, <see cref="Nodes"/>' order) with whether each node holds for
    /// <paramref name="subject"/>. Throws when <paramref name="predicate"/> was compiled from another tree.
    /// </summary>
    public void Evaluate(CompiledPredicate predicate, in Subject subject, in EvaluationClock clock, Span<bool> holds)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (predicate.ConditionCount != ConditionCount)
        {
            throw new InvalidOperationException($"The predicate has {predicate.ConditionCount} conditions where its tree has {ConditionCount}.");
        }

        // From the last node back: every item comes after its group, so it is answered first.
        for (var n = holds.Length - 1; n >= 0; n--)
        {
            if (_condition[n] >= 0)
            {
                holds[n] = predicate.EvaluateCondition(_condition[n], subject, clock);
                continue;
            }

            var and = _and[n];
            var result = and;
            foreach (var child in _children[n])
            {
                if (holds[child] != and)
                {
                    result = !and;
                    break;
                }
            }

            holds[n] = result;
        }
    }

    private static int Flatten(BoundNode node, List<BoundNode> nodes, List<int[]> children, List<int> conditionIndex, ref int conditions)
    {
        var index = nodes.Count;
        nodes.Add(node);
        children.Add([]);
        conditionIndex.Add(node is BoundCondition ? conditions++ : -1);
        if (node is BoundGroup group)
        {
            var items = new int[group.Items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Flatten(group.Items[i], nodes, children, conditionIndex, ref conditions);
            }

            children[index] = items;
        }

        return index;
    }
}
