using System.Collections.Immutable;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Engine.Validation;

/// <summary>A node of a validated tree.</summary>
internal abstract record BoundNode(string Path);

/// <summary>A validated group.</summary>
internal sealed record BoundGroup(string Path, LogicalOperator Operator, ImmutableArray<BoundNode> Items) : BoundNode(Path);

/// <summary>A validated condition: its type, the plugin that owns the type, typed arguments and a description.</summary>
internal sealed record BoundCondition(string Path, ConditionRegistration Registration, ConditionArguments Arguments, string Description) : BoundNode(Path)
{
    /// <summary>The condition type.</summary>
    public ConditionType Type => Registration.Type;
}

/// <summary>A segment document whose every condition was checked against the plugins' schemas.</summary>
internal sealed record BoundSegment(SegmentDocument Document, BoundGroup Root)
{
    /// <summary>Every condition, in document order.</summary>
    public IEnumerable<BoundCondition> Conditions => Flatten(Root);

    /// <summary>The plugins whose condition types the tree uses, ordered by name.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins =>
        [.. Conditions.Select(c => c.Registration.Plugin).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// The other segments this one refers to (parameters marked <see cref="ParameterDefinition.ReferencesSegment"/>),
    /// each with the path of the parameter, in document order.
    /// </summary>
    public IReadOnlyList<SegmentReference> References =>
        [.. Conditions.SelectMany(c => c.Type.Parameters
            .Where(p => p.ReferencesSegment && c.Arguments.GetOptionalString(p.Name) is not null)
            .Select(p => new SegmentReference($"{c.Path}.params.{p.Name}", c.Arguments.GetString(p.Name))))];

    private static IEnumerable<BoundCondition> Flatten(BoundNode node) => node switch
    {
        BoundCondition condition => [condition],
        BoundGroup group => group.Items.SelectMany(Flatten),
        _ => [],
    };
}

/// <summary>A parameter that names another segment.</summary>
/// <param name="Path">The parameter's path, e.g. <c>rules.items[0].params.segment</c>.</param>
/// <param name="SegmentId">The segment it names.</param>
internal sealed record SegmentReference(string Path, string SegmentId);
