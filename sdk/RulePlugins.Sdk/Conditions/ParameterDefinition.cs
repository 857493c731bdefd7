namespace RulePlugins.Sdk.Conditions;

/// <summary>The type of a condition parameter as it appears in a segment document.</summary>
public enum ParameterKind
{
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>A JSON number without a fractional part (64-bit).</summary>
    Integer,
    /// <summary>A JSON number (decimal).</summary>
    Number,
    /// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>A JSON string holding an ISO 8601 date (<c>2026-01-31</c>) or date and time with offset; stored as Unix milliseconds (UTC).</summary>
    Date,
    /// <summary>A JSON array of strings.</summary>
    StringList,
    /// <summary>A JSON array of numbers.</summary>
    NumberList,
    /// <summary>A JSON array of whole numbers (64-bit).</summary>
    IntegerList,
}

/// <summary>Makes a parameter depend on the value of another one (usually the operator).</summary>
/// <param name="Parameter">The parameter whose value decides.</param>
/// <param name="Values">The values of <paramref name="Parameter"/> for which this parameter is required.</param>
public sealed record ParameterCondition(string Parameter, IReadOnlyList<string> Values);

/// <summary>Whether a parameter must, may or must not be given, for one value of the parameter it depends on.</summary>
public enum ParameterUsage
{
    /// <summary>Giving it is an error: the condition would not use it.</summary>
    Refused,
    /// <summary>It may be given or left out.</summary>
    Optional,
    /// <summary>It must be given.</summary>
    Required,
}

/// <summary>
/// How a parameter depends on the value of another one (usually the operator): required for some values, optional for
/// others, refused for every other value and when the other parameter is left out. For example <c>times</c> of a
/// counting condition: <c>new ParameterDependency("operator", RequiredFor: ["at_least"], OptionalFor: ["exists"])</c>
/// is required for <c>at_least</c>, optional for <c>exists</c>, refused for <c>not_once</c>.
/// </summary>
/// <param name="Parameter">The parameter whose value decides.</param>
/// <param name="RequiredFor">The values of <paramref name="Parameter"/> for which this parameter must be given.</param>
/// <param name="OptionalFor">The values of <paramref name="Parameter"/> for which this parameter may be given.</param>
public sealed record ParameterDependency(string Parameter, IReadOnlyList<string> RequiredFor, IReadOnlyList<string> OptionalFor)
{
    /// <summary>
    /// The usage for <paramref name="value"/>, the raw value of <see cref="Parameter"/> (<c>null</c> when it was left
    /// out, which refuses this parameter). Values compare ordinally.
    /// </summary>
    public ParameterUsage For(string? value) =>
        value is null ? ParameterUsage.Refused
        : RequiredFor.Contains(value, StringComparer.Ordinal) ? ParameterUsage.Required
        : OptionalFor.Contains(value, StringComparer.Ordinal) ? ParameterUsage.Optional
        : ParameterUsage.Refused;

    /// <summary>
    /// This dependency limited to <paramref name="values"/> (the values a condition offers), or <c>null</c> when none of
    /// them uses the parameter. Order follows the dependency's own lists.
    /// </summary>
    public ParameterDependency? LimitedTo(IEnumerable<string> values)
    {
        var offered = values.ToHashSet(StringComparer.Ordinal);
        var required = RequiredFor.Where(offered.Contains).ToArray();
        var optional = OptionalFor.Where(offered.Contains).ToArray();
        return required.Length == 0 && optional.Length == 0 ? null : new ParameterDependency(Parameter, required, optional);
    }

    /// <summary>
    /// The values of <see cref="Parameter"/> that refuse this parameter: those of <paramref name="allowedValues"/> (the
    /// other parameter's allowed values) that are neither in <see cref="RequiredFor"/> nor in <see cref="OptionalFor"/>.
    /// </summary>
    public IReadOnlyList<string> RefusedFor(IEnumerable<string> allowedValues) =>
        [.. allowedValues.Where(v => For(v) == ParameterUsage.Refused)];
}

/// <summary>
/// One parameter of a condition type: its name, type, whether it is required, and the values it allows.
/// A parameter with <see cref="DependsOn"/> is required, optional or refused according to the value of another
/// parameter; <see cref="RequiredWhen"/> is the shorthand for "required for these values, refused otherwise".
/// </summary>
public sealed record ParameterDefinition
{
    /// <summary>Creates a parameter definition.</summary>
    public ParameterDefinition(string name, ParameterKind kind, string description)
    {
        Name = name;
        Kind = kind;
        Description = description;
    }

    /// <summary>The name used in the document's <c>params</c> object.</summary>
    public string Name { get; }

    /// <summary>The JSON type the value must have.</summary>
    public ParameterKind Kind { get; }

    /// <summary>What the parameter means.</summary>
    public string Description { get; }

    /// <summary>Whether a value must be given. Ignored when <see cref="DependsOn"/> (or <see cref="RequiredWhen"/>) is set.</summary>
    public bool Required { get; init; } = true;

    /// <summary>
    /// Shorthand for a <see cref="DependsOn"/> that is required for <see cref="ParameterCondition.Values"/> and refused
    /// for every other value. Reading it gives <c>null</c> when the dependency has optional values, which this shape cannot
    /// say: readers use <see cref="DependsOn"/>.
    /// </summary>
    public ParameterCondition? RequiredWhen
    {
        get => DependsOn is { OptionalFor.Count: 0 } dependency ? new ParameterCondition(dependency.Parameter, dependency.RequiredFor) : null;
        init => DependsOn = value is null ? null : new ParameterDependency(value.Parameter, value.Values, []);
    }

    /// <summary>
    /// When set, whether the parameter is required, optional or refused depends on the value of another parameter
    /// (see <see cref="ParameterDependency"/>); <see cref="Required"/> is then ignored. The host enforces it when a
    /// document is validated, with the parameter's path and the deciding value, and the catalogue shows it.
    /// </summary>
    public ParameterDependency? DependsOn { get; init; }

    /// <summary>For strings and string lists: the only values accepted (ordinal comparison, unless <see cref="AllowedValuesIgnoreCase"/>).</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>
    /// For <see cref="AllowedValues"/> that name data compared ignoring case (order statuses): a value is accepted in
    /// any case and with surrounding white space, and the condition receives it as listed (<c>" NEW"</c> binds as
    /// <c>new</c>). False by default: a fixed choice such as an operator is written exactly as listed.
    /// </summary>
    public bool AllowedValuesIgnoreCase { get; init; }

    /// <summary>For numbers, integers and number lists: the smallest value accepted.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>For numbers, integers and number lists: the largest value accepted.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>
    /// For strings: the value is the id of another segment of the same subject. The host refuses a reference to a
    /// segment that does not exist (or to the segment itself), recalculates the referenced segment first, and
    /// refuses to delete a segment while another one refers to it.
    /// </summary>
    public bool ReferencesSegment { get; init; }

    /// <summary>
    /// For strings and string lists naming an entity: the values come from reference data (the currencies of a rates
    /// table, say). The host refuses any other value at save time, with the known ones, and lists them in the catalogue.
    /// </summary>
    public DataChoices? ChoicesFrom { get; init; }

    /// <summary>
    /// For a parameter naming an entity (<see cref="ChoicesFrom"/>): the column of the condition's rows that holds the
    /// entity's id (<c>popup_id</c> in <c>popup_events</c>), so the host can tell when the entity has no rows at all and
    /// warn that the condition reads nothing (lint). For a free-text string or string list (no <see cref="ChoicesFrom"/>,
    /// a region say): the column the values are compared with, so lint names a value that no row holds, ignoring case.
    /// Null when no column of the condition's tables holds it.
    /// </summary>
    public string? MatchesColumn { get; init; }

    /// <summary>A required string parameter limited to <paramref name="values"/>.</summary>
    public static ParameterDefinition Choice(string name, string description, IReadOnlyList<string> values) =>
        new(name, ParameterKind.String, description) { AllowedValues = values };

    /// <summary>Whether the parameter applies (is not refused), given the other arguments' raw string values.</summary>
    public bool AppliesWhen(Func<string, string?> valueOf) => UsageWhen(valueOf) != ParameterUsage.Refused;

    /// <summary>
    /// Whether the parameter is required, optional or refused, given the other arguments' raw string values
    /// (<paramref name="valueOf"/> returns <c>null</c> for one left out): <see cref="DependsOn"/> decides when set,
    /// otherwise <see cref="Required"/>.
    /// </summary>
    public ParameterUsage UsageWhen(Func<string, string?> valueOf) =>
        DependsOn is { } dependency ? dependency.For(valueOf(dependency.Parameter))
        : Required ? ParameterUsage.Required
        : ParameterUsage.Optional;
}
