namespace RulePlugins.Engine.Insight.Preview;

/// <summary>How an audience preview counts.</summary>
public sealed record AudienceCountOptions
{
    /// <summary>
    /// Count over about this many profiles instead of all of them: whole blocks of <see cref="BlockSize"/> consecutive
    /// profile ids, the blocks drawn at random without replacement, so every profile is as likely to be counted; null
    /// (the default) counts every profile.
    /// </summary>
    public int? SampleSize { get; init; }

    /// <summary>Profiles per sampled block, and per batch read.</summary>
    public int BlockSize { get; init; } = 1_000;

    /// <summary>The random draw of the blocks; a fixed seed gives the same sample on the same data.</summary>
    public int? Seed { get; init; }
}

/// <summary>How many profiles one node of the tree holds for.</summary>
/// <param name="Path">The node, e.g. <c>rules.items[1]</c> (the root is <c>rules</c>).</param>
/// <param name="Description">The condition in words, or the group's "ALL of 3 items" / "ANY of 2 items".</param>
/// <param name="Count">Profiles counted for which the node holds.</param>
public sealed record NodeCount(string Path, string Description, long Count);

/// <summary>
/// An audience preview: a draft's member count and each node's, evaluated at <see cref="EvaluatedAt"/> without storing
/// anything.
/// </summary>
/// <param name="Members">Profiles counted for which the whole tree holds.</param>
/// <param name="Counted">Profiles evaluated: every profile, or the sample.</param>
/// <param name="Profiles">Profiles in the database.</param>
/// <param name="Sampled">Whether <see cref="Counted"/> is a sample; then <see cref="EstimatedMembers"/> scales it up.</param>
/// <param name="EstimatedMembers">The member count over every profile: <see cref="Members"/>, or scaled from the sample.</param>
/// <param name="Nodes">Every node in document order, the root first.</param>
/// <param name="EvaluatedAt">The evaluation instant ("now"), Unix milliseconds.</param>
/// <param name="Duration">How long compiling and counting took.</param>
public sealed record AudienceCount(
    long Members, long Counted, long Profiles, bool Sampled, long EstimatedMembers, IReadOnlyList<NodeCount> Nodes, long EvaluatedAt, TimeSpan Duration);
