namespace RulePlugins.Sdk.Runtime;

/// <summary>
/// The base class of every generated segment predicate. Implementations are stateless and thread-safe:
/// the host evaluates one instance on all cores at once.
/// </summary>
public abstract class CompiledPredicate
{
    /// <summary>True when <paramref name="subject"/> is a member of the segment at the instant of <paramref name="clock"/>.</summary>
    public abstract bool Evaluate(in Subject subject, in EvaluationClock clock);

    /// <summary>How many conditions (leaves) the tree has; <see cref="EvaluateCondition"/> numbers them in document order.</summary>
    public virtual int ConditionCount => 0;

    /// <summary>
    /// Evaluates condition <paramref name="index"/> alone (leaves numbered in document order), to explain an answer.
    /// Not used on the hot path.
    /// </summary>
    public virtual bool EvaluateCondition(int index, in Subject subject, in EvaluationClock clock) =>
        throw new NotSupportedException("This predicate was generated without per-condition evaluation.");

    /// <summary>
    /// The value condition <paramref name="index"/> compares (its type's <c>EmitValue</c>), to explain an answer; null
    /// when the condition has none. Not used on the hot path.
    /// </summary>
    public virtual object? ConditionValue(int index, in Subject subject, in EvaluationClock clock) => null;
}
