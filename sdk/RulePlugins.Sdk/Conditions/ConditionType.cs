using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Logic;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Sdk.Conditions;

/// <summary>
/// A kind of leaf condition in a segment tree ("city equals", "at least N paid orders").
/// The host validates a condition's parameters against <see cref="Parameters"/>, then asks the
/// type for the data it reads, a plain-English description, and a C# boolean expression.
/// </summary>
public abstract class ConditionType
{
    /// <summary>Stable identifier used in segment documents, e.g. <c>profile.city</c> or <c>market.orders</c>.</summary>
    public abstract string Id { get; }

    /// <summary>Short human title for rule builders, e.g. "City".</summary>
    public abstract string Title { get; }

    /// <summary>What the condition means, including how it treats empty values; shown in the catalogue.</summary>
    public virtual string Description => Title;

    /// <summary>
    /// The subject this condition applies to: <see cref="SubjectKinds.Profile"/>, or a kind a plugin declares with a
    /// <see cref="Data.SubjectDefinition"/> (the market plugin's <c>order</c>).
    /// </summary>
    public virtual string Subject => SubjectKinds.Profile;

    /// <summary>The parameters a condition of this type accepts.</summary>
    public abstract IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>
    /// Checks rules that span several parameters (for example <c>min &lt;= max</c>). Called only after every
    /// parameter passed its own checks. The default accepts everything.
    /// </summary>
    public virtual IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => [];

    /// <summary>The tables and columns this condition reads, optionally bounded by a time window.</summary>
    public abstract IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments);

    /// <summary>The lookups (reference data) the generated expression reads; none by default.</summary>
    public virtual IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => [];

    /// <summary>A plain-English description of one condition, e.g. <c>city equals "Moscow" (ignoring case)</c>.</summary>
    public abstract string Describe(ConditionArguments arguments);

    /// <summary>
    /// Returns a C# expression of type <see cref="bool"/> that is true when the subject satisfies the condition.
    /// Build it with <see cref="EmitContext.Expression"/>: interpolated values are written as literals,
    /// never as code.
    /// </summary>
    public abstract Code Emit(ConditionArguments arguments, EmitContext context);

    /// <summary>
    /// A SQL filter that holds for every subject this condition holds for (it may hold for more), so the host loads and
    /// judges only the subjects that pass it; null (the default) when there is none, and the compiled predicate judges every
    /// subject. Build it through <paramref name="context"/>; the SDK's operator families offer theirs
    /// (<see cref="Operators.StringOperators.Translate"/>, <see cref="Operators.CountOperators.Translate"/>, ...).
    /// Differential tests run every tree with and without the filter and must find the same members.
    /// </summary>
    public virtual SqlCode? Translate(ConditionArguments arguments, SqlContext context) => null;

    /// <summary>
    /// What the host's logic checks may know of a condition (<see cref="ConditionLogic"/>): the quantity it tests and
    /// the values for which it holds; null when they can know nothing. The default reads the SDK's operator parameters
    /// (<see cref="ConditionLogic.FromOperators"/>); a type whose operators complement each other under its own names
    /// overrides this to name the pairs.
    /// </summary>
    public virtual ConditionLogic? Logic(ConditionArguments arguments) => ConditionLogic.FromOperators(this, arguments);

    /// <summary>
    /// An expression of the value the condition compares for the subject (a balance, a count of rows), shown beside the
    /// rows when the host explains why a profile is or is not a member; null (the default) when there is none to show.
    /// It is emitted into a method of its own with <c>subject</c> and <c>clock</c> in scope, evaluated only for
    /// explanations, and built like <see cref="Emit"/>: through <paramref name="context"/>, never from user text.
    /// </summary>
    public virtual Code? EmitValue(ConditionArguments arguments, EmitContext context) => null;
}

/// <summary>A problem with one parameter of a condition, found by <see cref="ConditionType.Validate"/>.</summary>
/// <param name="Parameter">The parameter the problem belongs to.</param>
/// <param name="Message">What is wrong, in words a rule author understands.</param>
public sealed record ArgumentError(string Parameter, string Message);
