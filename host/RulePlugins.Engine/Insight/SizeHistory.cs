namespace RulePlugins.Engine.Insight;

/// <summary>A segment's size after one successful run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="At">The run's evaluation instant, Unix milliseconds.</param>
/// <param name="Members">Members after the run.</param>
/// <param name="Entered">Profiles the run added.</param>
/// <param name="Left">Profiles the run removed.</param>
public sealed record SizePoint(long RunId, long At, long Members, long Entered, long Left);
