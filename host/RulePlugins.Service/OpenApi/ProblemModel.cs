namespace RulePlugins.Service.OpenApi;

/// <summary>
/// The problem details every refusal answers with (<c>application/problem+json</c>, RFC 9457), as the contract
/// documents them: the standard members and the service's extensions, present when they apply.
/// </summary>
public sealed record ProblemModel
{
    /// <summary>A URI naming the kind of problem.</summary>
    public string? Type { get; init; }

    /// <summary>The kind of problem in words, e.g. "The segment document is invalid".</summary>
    public required string Title { get; init; }

    /// <summary>The HTTP status.</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong with this request, e.g. "2 errors; nothing was stored.".</summary>
    public string? Detail { get; init; }

    /// <summary>The request's trace id, for the service's logs.</summary>
    public string? TraceId { get; init; }

    /// <summary>For a refused document or order: each problem at its JSON path.</summary>
    public IReadOnlyList<ProblemErrorModel>? Errors { get; init; }

    /// <summary>For a segment in use: the segments that refer to it.</summary>
    public IReadOnlyList<string>? Referrers { get; init; }
}

/// <summary>One problem at a JSON path of the request.</summary>
/// <param name="Path">Where, e.g. <c>rules.items[0].params.days</c> or <c>$.items[2].quantity</c>.</param>
/// <param name="Message">What is wrong, with the allowed values or the closest names where there are some.</param>
public sealed record ProblemErrorModel(string Path, string Message);
