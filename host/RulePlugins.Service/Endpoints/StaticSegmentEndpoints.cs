using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RulePlugins.Engine;
using RulePlugins.Engine.Store;
using RulePlugins.Service.Http;
using RulePlugins.Service.Runs;

using RulePlugins.Service.OpenApi;

namespace RulePlugins.Service.Endpoints;

/// <summary>Static segments: created without rules, members imported from CSV or JSON bodies.</summary>
public static class StaticSegmentEndpoints
{
    /// <summary>Maps <c>/static-segments</c>.</summary>
    public static IEndpointRouteBuilder MapStaticSegments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/static-segments").WithTags("Static segments");
        group.MapPost("/", Created<StaticSegmentModel> (StaticSegmentRequest request, RuleEngine engine) =>
        {
            var created = engine.CreateStaticSegment(request.Id ?? string.Empty, request.Name ?? request.Id ?? string.Empty);
            return TypedResults.Created($"/segments/{created.Id}", new StaticSegmentModel(created.Id, created.Name, 0));
        }).WithDescription("Creates a static segment: no rules, members set by import. 400 for a bad or taken id.")
            .Contract("CreateStaticSegment", "Create a static segment", 400, 409);
        group.MapPut("/{id}/members", (string id, HttpRequest request, RuleEngine engine, RunCoordinator runs, CancellationToken cancellationToken) =>
            ImportAsync(id, ImportMode.Replace, request, engine, runs, cancellationToken))
            .WithDescription("Replaces the members with the profile ids of the body: text/csv (one id per line, optional header) or application/json (an array). A malformed line or an unknown id refuses it all (400) and changes nothing.")
            .Contract("ReplaceStaticMembers", "Replace a static segment's members", 400, 404, 409, 413, 415);
        group.MapPost("/{id}/members", (string id, string? mode, HttpRequest request, RuleEngine engine, RunCoordinator runs, CancellationToken cancellationToken) =>
            ImportAsync(id, mode?.Trim().ToLowerInvariant() switch
            {
                null or "" or "add" => ImportMode.Add,
                "remove" => ImportMode.Remove,
                _ => throw new RequestRefusedException(StatusCodes.Status400BadRequest, "Invalid query parameter", $"mode must be add or remove, got '{mode}'; PUT replaces."),
            }, request, engine, runs, cancellationToken))
            .WithDescription("Adds (?mode=add, the default) or removes (?mode=remove) the profile ids of the body; like PUT otherwise.")
            .Contract("ChangeStaticMembers", "Add or remove static members", 400, 404, 409, 413, 415);
        return app;
    }

    private static async Task<Ok<ImportModel>> ImportAsync(string id, ImportMode mode, HttpRequest request, RuleEngine engine, RunCoordinator runs, CancellationToken cancellationToken)
    {
        var info = engine.Find(id) ?? throw new SegmentNotFoundException(id);
        if (info.Status != SegmentStatus.Static)
        {
            throw new RequestRefusedException(StatusCodes.Status409Conflict, "Not a static segment", $"Segment '{id}' has rules: its members come from recalculation, not import.");
        }

        var type = request.ContentType ?? string.Empty;
        var format = type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json
            : type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Csv
            : throw new RequestRefusedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported body", $"Send the profile ids as text/csv or application/json, not '{type}'.");

        // The body goes to a temporary file first (read asynchronously, memory bounded), then is imported from there.
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            {
                await request.Body.CopyToAsync(file, cancellationToken);
            }

            ImportResult result;
            try
            {
                result = await Task.Run(
                    () =>
                    {
                        using var stream = File.OpenRead(path);
                        return engine.ImportMembers(id, stream, format, mode, cancellationToken);
                    },
                    cancellationToken);
            }
            catch (ImportRefusedException refused)
            {
                throw new ImportRequestRefusedException(refused);
            }

            if (result.Entered + result.Left > 0)
            {
                runs.CascadeFrom(id);
            }

            return TypedResults.Ok(new ImportModel(id, mode.ToString().ToLowerInvariant(), result.RunId, result.Rows, result.Members, result.Entered, result.Left, Math.Round(result.Duration.TotalMilliseconds, 1)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

/// <summary>The body of <c>POST /static-segments</c>.</summary>
/// <param name="Id">The id: 1 to 64 lower-case letters, digits or dashes.</param>
/// <param name="Name">The name; the id when left out.</param>
public sealed record StaticSegmentRequest(string? Id, string? Name);

/// <summary>A static segment.</summary>
public sealed record StaticSegmentModel(string Id, string Name, long Members);

/// <summary>What an import did.</summary>
public sealed record ImportModel(string SegmentId, string Mode, long RunId, long Rows, long Members, long Entered, long Left, double DurationMs);

/// <summary>An import refused with 400: what was wrong, how many, where, and that nothing was applied.</summary>
public sealed class ImportRequestRefusedException(ImportRefusedException refused) : Exception(refused.Message)
{
    /// <summary>The engine's refusal.</summary>
    public ImportRefusedException Refused { get; } = refused;
}
