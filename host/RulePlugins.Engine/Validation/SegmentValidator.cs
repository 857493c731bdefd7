using RulePlugins.Engine.Model;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Conditions;

namespace RulePlugins.Engine.Validation;

/// <summary>
/// Parses and binds a segment document in one call; throws with every error found. With
/// <paramref name="referenceData"/>, parameters whose values come from reference data
/// (<see cref="ParameterDefinition.ChoicesFrom"/>) are checked against it; without, they are not.
/// </summary>
internal sealed class SegmentValidator(PluginCatalog catalog, ValidationLimits? limits = null, IReferenceDataSource? referenceData = null)
{
    private readonly ValidationLimits _limits = limits ?? new ValidationLimits();

    /// <summary>The limits in force.</summary>
    public ValidationLimits Limits => _limits;

    /// <summary>
    /// The values <paramref name="parameter"/> accepts now, ordered, when they come from reference data; null for a
    /// parameter without <see cref="ParameterDefinition.ChoicesFrom"/> or a validator without reference data.
    /// </summary>
    public IReadOnlyList<string>? Choices(ParameterDefinition parameter) =>
        parameter.ChoicesFrom is { } choices && referenceData is not null ? SegmentBinder.Known(choices, referenceData.Model(choices.Lookup)) : null;

    /// <summary>
    /// The values <paramref name="parameter"/> accepts now with their names: from reference data for a parameter with
    /// <see cref="ParameterDefinition.ChoicesFrom"/> (read afresh, so an entity added or renamed since shows), its
    /// <see cref="ParameterDefinition.AllowedValues"/> for a fixed list; null for any other parameter, or for reference
    /// data without a validator that reads it.
    /// </summary>
    public IReadOnlyList<DataChoice>? NamedChoices(ParameterDefinition parameter) =>
        parameter.ChoicesFrom is { } choices
            ? referenceData is null ? null : SegmentBinder.KnownChoices(choices, referenceData.Reload(choices.Lookup))
            : parameter.AllowedValues is { } values ? [.. values.Select(v => new DataChoice(v, v))]
            : null;

    /// <summary>Returns every problem of <paramref name="json"/>; an empty list means it is valid.</summary>
    public IReadOnlyList<ValidationError> Check(string json) => TryValidate(json, out _).Errors;

    /// <summary>
    /// Validates <paramref name="json"/>; throws <see cref="SegmentValidationException"/> listing every error. With
    /// <paramref name="parsed"/>, the parsed document is checked before it is bound (a save's compile budget, so a
    /// document the budget refuses costs no binding); it throws to refuse it.
    /// </summary>
    public BoundSegment Validate(string json, Action<SegmentDocument>? parsed = null)
    {
        var (errors, id) = TryValidate(json, out var segment, parsed);
        return segment ?? throw new SegmentValidationException(id, errors);
    }

    private (IReadOnlyList<ValidationError> Errors, string? Id) TryValidate(string json, out BoundSegment? segment, Action<SegmentDocument>? parsed = null)
    {
        var errors = new List<ValidationError>();
        segment = null;
        var document = new SegmentDocumentParser(_limits).Parse(json, errors);
        if (document is not null && errors.Count == 0)
        {
            parsed?.Invoke(document);
        }

        if (document is not null)
        {
            segment = new SegmentBinder(catalog, _limits, referenceData).Bind(document, errors);
        }

        if (errors.Count > 0)
        {
            segment = null;
        }

        return (errors, string.IsNullOrEmpty(document?.Id) ? null : document.Id);
    }
}
