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

/// <summary>
/// One parameter of a condition type: its name, type, whether it is required, and the values it allows.
/// A parameter with <see cref="RequiredWhen"/> is required when that condition holds and refused otherwise.
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

    /// <summary>Whether a value must be given. Ignored when <see cref="RequiredWhen"/> is set.</summary>
    public bool Required { get; init; } = true;

    /// <summary>When set, the parameter is required exactly when this condition holds.</summary>
    public ParameterCondition? RequiredWhen { get; init; }

    /// <summary>For strings and string lists: the only values accepted (ordinal comparison).</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

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

    /// <summary>A required string parameter limited to <paramref name="values"/>.</summary>
    public static ParameterDefinition Choice(string name, string description, IReadOnlyList<string> values) =>
        new(name, ParameterKind.String, description) { AllowedValues = values };

    /// <summary>Whether the parameter applies, given the other arguments' raw string values.</summary>
    public bool AppliesWhen(Func<string, string?> valueOf)
    {
        if (RequiredWhen is null)
        {
            return true;
        }

        var other = valueOf(RequiredWhen.Parameter);
        return other is not null && RequiredWhen.Values.Contains(other, StringComparer.Ordinal);
    }
}
