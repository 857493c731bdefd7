namespace RulePlugins.Engine.Insight.Explain;

/// <summary>Why one profile is, or is not, a member of a segment: the tree, each node's answer and the data it read.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Version">The version whose predicate was evaluated (the current one).</param>
/// <param name="ProfileId">The profile.</param>
/// <param name="Member">Whether the tree holds for the profile at <see cref="EvaluatedAt"/>.</param>
/// <param name="EvaluatedAt">The evaluation instant ("now" of the evaluation), Unix milliseconds.</param>
/// <param name="Instant">Why that instant: the last successful run's, the one asked for, or now.</param>
/// <param name="RunId">The last successful run, whose membership is stored; null before the first.</param>
/// <param name="StoredMember">Whether the stored membership (the last run's result) holds the profile; null before the first run.</param>
/// <param name="Root">The tree.</param>
public sealed record ProfileExplanation(
    string SegmentId, int Version, long ProfileId, bool Member, long EvaluatedAt, string Instant, long? RunId, bool? StoredMember, ExplainedNode Root);

/// <summary>One node of an explained tree.</summary>
/// <param name="Path">The node, e.g. <c>rules.items[0]</c>.</param>
/// <param name="Description">The condition in words, or the group's "ALL of 2 items" / "ANY of 3 items".</param>
/// <param name="Held">Whether the node holds for the profile; a group's answer follows from its items, each evaluated alone.</param>
/// <param name="Items">A group's items; empty for a condition.</param>
/// <param name="Data">For a condition, the rows it read for the profile, per table.</param>
/// <param name="Value">For a condition that shows one, the value it compared (a balance, a count), as text; else null.</param>
public sealed record ExplainedNode(string Path, string Description, bool Held, IReadOnlyList<ExplainedNode> Items, IReadOnlyList<ExplainedRows> Data, string? Value = null);

/// <summary>The rows of one table a condition read for the profile: within its time window, with the columns it reads.</summary>
/// <param name="Table">The table.</param>
/// <param name="Window">The rows' time window in words; null when the condition reads every row.</param>
/// <param name="Count">How many rows there are.</param>
/// <param name="Columns">The columns shown, as the condition declares them.</param>
/// <param name="Rows">The first rows (at most <see cref="ProfileExplainer.MaxRows"/>), values as text (instants in UTC), null for an empty value.</param>
public sealed record ExplainedRows(string Table, string? Window, long Count, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);
