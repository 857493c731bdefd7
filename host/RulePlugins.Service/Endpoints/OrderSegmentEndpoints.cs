using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RulePlugins.Engine;
using RulePlugins.Sdk.Data;
using RulePlugins.Service.Http;

using RulePlugins.Service.OpenApi;

namespace RulePlugins.Service.Endpoints;

/// <summary>
/// Order segments: list them, and evaluate one order against one in real time. The evaluation is the hot path:
/// the compiled predicate and the reference data stay in memory, so a request costs no database round trip.
/// </summary>
public static class OrderSegmentEndpoints
{
    /// <summary>Maps <c>/order-segments</c>.</summary>
    public static IEndpointRouteBuilder MapOrderSegments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/order-segments").WithTags("Order segments");
        group.MapGet("/", (RuleEngine engine) =>
            TypedResults.Ok(engine.Segments().Where(s => engine.Catalog.IsDocumentSubject(s.Subject)).Select(SegmentSummaryModel.From).ToList()))
            .WithDescription("Lists order segments: the segments whose subject is evaluated from a document (subject order), saved through /segments.")
            .Contract("ListOrderSegments", "List the order segments");
        group.MapPost("/{id}/evaluate", EvaluateAsync)
            .WithDescription("Evaluates one order; ?explain=true also says which conditions held.")
            .Accepts<JsonElement>("application/json")
            .Contract("EvaluateOrder", "Evaluate one order", 400, 404, 409, 413, 500);
        return app;
    }

    private static async Task<Ok<EvaluationModel>> EvaluateAsync(
        string id, bool? explain, HttpRequest request, RuleEngine engine, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(request, options.Value.MaxOrderBytes, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Memory, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new SubjectFormatException(ex.Path is { Length: > 0 } path ? path : "$", $"is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            // The compiled segment is in memory; only a segment not loaded yet costs a database read.
            if (engine.GetSubject(id) == Sdk.SubjectKinds.Profile)
            {
                throw new RequestRefusedException(StatusCodes.Status400BadRequest, "Not an order segment",
                    $"Segment '{id}' selects profiles; profiles are recalculated (POST /segments/{id}/recalculate), not evaluated from a document.");
            }

            return TypedResults.Ok(EvaluationModel.From(engine.Evaluate(id, document.RootElement, explain ?? false)));
        }
    }
}
