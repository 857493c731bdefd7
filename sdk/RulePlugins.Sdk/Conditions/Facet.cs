using RulePlugins.Sdk.Data;
using RulePlugins.Sdk.Emit;
using RulePlugins.Sdk.Sql;

namespace RulePlugins.Sdk.Conditions;

/// <summary>
/// One optional part of a filter condition ("status is one of", "placed through", "contains a product of"): the
/// parameters it adds, their cross-checks, the columns it reads, the lookups it needs, its words and the property it
/// sets on the plugin's runtime filter object, all in one class. A condition lists its facets in a
/// <see cref="FacetSet"/>; a facet whose parameters are left out does not apply. Used for the grouping conditions of
/// orders, and for any family whose rows are selected by several independent optional checks.
/// </summary>
public abstract class Facet
{
    /// <summary>The parameters this facet adds to the condition, all optional (or depending on one of them).</summary>
    public abstract IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>Whether the document gives this facet; by default, when any of its <see cref="Parameters"/> is given.</summary>
    public virtual bool IsGiven(ConditionArguments arguments) => Parameters.Any(p => arguments.Has(p.Name));

    /// <summary>Checks across this facet's parameters, called only when it <see cref="IsGiven"/>; none by default.</summary>
    public virtual IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => [];

    /// <summary>The tables and columns this facet's check reads (the condition bounds them by its time window).</summary>
    public abstract IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments);

    /// <summary>The lookups this facet's check reads; none by default.</summary>
    public virtual IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => [];

    /// <summary>The check in words, e.g. <c>status is one of paid, delivered</c>.</summary>
    public abstract string Describe(ConditionArguments arguments);

    /// <summary>
    /// The properties this facet sets on the runtime filter object, each with a C# expression built through
    /// <paramref name="context"/>; none when the facet acts elsewhere (a time window passed to the counting call, say).
    /// </summary>
    public abstract IEnumerable<FacetSetting> Emit(ConditionArguments arguments, EmitContext context);

    /// <summary>
    /// A SQL filter on one row of the table that holds for every row this facet's check passes (it may hold for more),
    /// read through <paramref name="rows"/>; null (the default) when there is none. See <see cref="ConditionType.Translate"/>.
    /// </summary>
    public virtual SqlCode? Translate(ConditionArguments arguments, SqlRows rows) => null;
}

/// <summary>One property of a runtime filter object and the expression it is initialised with.</summary>
/// <param name="Property">The property name: letters, digits and underscores (checked with <see cref="EmitContext.Identifier"/>).</param>
/// <param name="Value">The expression.</param>
public readonly record struct FacetSetting(string Property, Code Value);

/// <summary>
/// The facets of one filter, in the order their parameters and words appear: gives the condition's facet parameters,
/// runs the checks of the facets given, merges what they read, describes them, and emits the filter object's
/// initializer.
/// </summary>
public sealed class FacetSet
{
    /// <summary>Creates the set; parameter names must be unique across the facets.</summary>
    public FacetSet(params Facet[] facets)
    {
        Facets = facets;
        Parameters = [.. facets.SelectMany(f => f.Parameters)];
        if (Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Parameter '{twice.Key}' is added by two facets.", nameof(facets));
        }
    }

    /// <summary>The facets, in order.</summary>
    public IReadOnlyList<Facet> Facets { get; }

    /// <summary>Every facet's parameters, in order.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>The facets the document gives.</summary>
    public IEnumerable<Facet> Given(ConditionArguments arguments) => Facets.Where(f => f.IsGiven(arguments));

    /// <summary>The checks of every facet given.</summary>
    public IEnumerable<ArgumentError> Validate(ConditionArguments arguments) => Given(arguments).SelectMany(f => f.Validate(arguments));

    /// <summary>What the facets given read (several requirements on one table are merged by the host).</summary>
    public IEnumerable<DataRequirement> GetDataRequirements(ConditionArguments arguments) => Given(arguments).SelectMany(f => f.GetDataRequirements(arguments));

    /// <summary>The lookups the facets given read, each once.</summary>
    public IEnumerable<LookupDefinition> GetLookups(ConditionArguments arguments) => Given(arguments).SelectMany(f => f.GetLookups(arguments)).Distinct();

    /// <summary>True when a facet given reads <paramref name="table"/>.</summary>
    public bool Reads(ConditionArguments arguments, TableDefinition table) => GetDataRequirements(arguments).Any(r => r.Table == table);

    /// <summary>The facets given in words, joined by <paramref name="separator"/>; <paramref name="none"/> when none is given.</summary>
    public string Describe(ConditionArguments arguments, string none, string separator = "; ")
    {
        var parts = Given(arguments).Select(f => f.Describe(arguments)).Where(p => p.Length > 0).ToList();
        return parts.Count == 0 ? none : string.Join(separator, parts);
    }

    /// <summary>The row filters of every facet given that has one, joined by AND; null when none has.</summary>
    public SqlCode? Translate(ConditionArguments arguments, SqlRows rows) => SqlContext.And(Given(arguments).Select(f => f.Translate(arguments, rows)));

    /// <summary>
    /// <c>new T { Property = value, ... }</c> for <paramref name="filterType"/> with the settings of every facet given, one per
    /// line, or <c>new T()</c> when none sets anything. Declare it with <see cref="EmitContext.StaticField"/> so it is built once.
    /// </summary>
    public Code EmitInitializer(ConditionArguments arguments, EmitContext context, Type filterType)
    {
        var lines = Given(arguments)
            .SelectMany(f => f.Emit(arguments, context))
            .Select(s => context.Expression($"    {context.Identifier(s.Property)} = {s.Value},"))
            .ToList();
        var type = context.TypeName(filterType);
        return lines.Count == 0
            ? context.Expression($"new {type}()")
            : context.Expression($"new {type}\n{{\n{Code.Join("\n", lines)}\n}}");
    }
}
