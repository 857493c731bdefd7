using RulePlugins.Engine.Plugins;

namespace RulePlugins.Engine.Validation;

/// <summary>Parses and binds a segment document in one call; throws with every error found.</summary>
public sealed class SegmentValidator(PluginCatalog catalog, ValidationLimits? limits = null)
{
    private readonly ValidationLimits _limits = limits ?? new ValidationLimits();

    /// <summary>The limits in force.</summary>
    public ValidationLimits Limits => _limits;

    /// <summary>Returns every problem of <paramref name="json"/>; an empty list means it is valid.</summary>
    public IReadOnlyList<ValidationError> Check(string json) => TryValidate(json, out _).Errors;

    /// <summary>Validates <paramref name="json"/>; throws <see cref="SegmentValidationException"/> listing every error.</summary>
    public BoundSegment Validate(string json)
    {
        var (errors, id) = TryValidate(json, out var segment);
        return segment ?? throw new SegmentValidationException(id, errors);
    }

    private (IReadOnlyList<ValidationError> Errors, string? Id) TryValidate(string json, out BoundSegment? segment)
    {
        var errors = new List<ValidationError>();
        segment = null;
        var document = new SegmentDocumentParser(_limits).Parse(json, errors);
        if (document is not null)
        {
            segment = new SegmentBinder(catalog, _limits).Bind(document, errors);
        }

        if (errors.Count > 0)
        {
            segment = null;
        }

        return (errors, string.IsNullOrEmpty(document?.Id) ? null : document.Id);
    }
}
