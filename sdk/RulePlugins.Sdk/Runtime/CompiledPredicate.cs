namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// The base class of every generated segment predicate. Implementations are stateless and thread-safe:
/// the host evaluates one instance on all cores at once.
/// </summary>
public abstract class CompiledPredicate
{
    /// <summary>True when <paramref name="subject"/> is a member of the segment at the instant of <paramref name="clock"/>.</summary>
    public abstract bool Evaluate(in Subject subject, in EvaluationClock clock);
}
