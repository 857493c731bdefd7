namespace RulePlugins.Engine.Validation;

/// <summary>One problem in a segment document, at a JSON path such as <c>rules.items[1].params.days</c>.</summary>
/// <param name="Path">Where the problem is.</param>
/// <param name="Message">What is wrong and, where it helps, what is allowed.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A segment document was refused. Nothing was saved.</summary>
public sealed class SegmentValidationException : Exception
{
    /// <summary>Creates the exception with every error found.</summary>
    public SegmentValidationException(string? segmentId, IReadOnlyList<ValidationError> errors)
        : base(FormatMessage(segmentId, errors))
    {
        SegmentId = segmentId;
        Errors = errors;
    }

    /// <summary>The segment id, when the document had a readable one.</summary>
    public string? SegmentId { get; }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    private static string FormatMessage(string? segmentId, IReadOnlyList<ValidationError> errors)
    {
        var owner = segmentId is null ? "Segment document" : $"Segment '{segmentId}'";
        return $"{owner} is invalid ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):"
            + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
    }
}

/// <summary>Limits on the size of segment documents. The defaults are safe for a shared service.</summary>
public sealed record ValidationLimits
{
    /// <summary>The largest document accepted, in bytes of UTF-8.</summary>
    public int MaxDocumentBytes { get; init; } = 256 * 1024;

    /// <summary>The deepest nesting of groups (the root group is depth 1).</summary>
    public int MaxDepth { get; init; } = 8;

    /// <summary>The most nodes (groups and conditions) in one tree.</summary>
    public int MaxNodes { get; init; } = 500;

    /// <summary>The most items in one list parameter.</summary>
    public int MaxListItems { get; init; } = 1_000;

    /// <summary>The longest string value, in characters.</summary>
    public int MaxStringLength { get; init; } = 1_000;
}
