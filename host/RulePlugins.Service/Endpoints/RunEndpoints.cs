using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RulePlugins.Engine;
using RulePlugins.Service.Http;
using RulePlugins.Service.Runs;

using RulePlugins.Service.OpenApi;

namespace RulePlugins.Service.Endpoints;

/// <summary>Recalculation: start one or all (202 with the run id), status with progress, cancel, history.</summary>
public static class RunEndpoints
{
    /// <summary>Maps <c>/runs</c> and the recalculate actions under <c>/segments</c>.</summary>
    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapPost("/segments/{id}/recalculate", (string id, RuleEngine engine, RunCoordinator runs) =>
        {
            var info = engine.Find(id) ?? throw new SegmentNotFoundException(id);
            if (info.Subject != Sdk.SubjectKinds.Profile)
            {
                throw new RequestRefusedException(StatusCodes.Status400BadRequest, "Not a profile segment",
                    $"Segment '{id}' selects {info.Subject}s; it is evaluated one {info.Subject} at a time (POST /order-segments/{id}/evaluate), not recalculated.");
            }

            if (info.Status == Engine.Store.SegmentStatus.Static)
            {
                throw new RequestRefusedException(StatusCodes.Status409Conflict, "A static segment",
                    $"Segment '{id}' is static: its members are set by import (PUT /static-segments/{id}/members), not recalculated.");
            }

            var runId = runs.Enqueue(id, "api");
            return TypedResults.Accepted($"/runs/{runId}", new RunQueuedModel(runId, id, "queued"));
        }).WithTags("Runs").WithDescription("Queues a recalculation of one profile segment; 409 when it already has a queued or running run.")
            .Contract("RecalculateSegment", "Recalculate a segment", 400, 404, 409);

        app.MapPost("/segments/recalculate", (RunCoordinator runs) =>
        {
            var queued = runs.EnqueueMany(null, "api");
            return TypedResults.Accepted("/runs", new RunsQueuedModel([.. queued.Select(q => new RunQueuedModel(q.RunId, q.SegmentId, "queued"))]));
        }).WithTags("Runs").WithDescription("Queues every ready profile segment without a queued or running run, referred-to segments first.")
            .Contract("RecalculateAll", "Recalculate every segment");

        var group = app.MapGroup("/runs").WithTags("Runs");
        group.MapGet("/", (string? segment, long? before, int? limit, RuleEngine engine, RunCoordinator runs) =>
            TypedResults.Ok(Page(engine, runs, segment, before, limit)))
            .WithDescription("Runs newest first, of every segment or ?segment=ID (keyset: pass next as before).")
            .Contract("ListRuns", "List runs", 400);
        group.MapGet("/{id:long}", Results<Ok<RunModel>, ProblemHttpResult> (long id, RunCoordinator runs) =>
            runs.Status(id) is { } status
                ? TypedResults.Ok(RunModel.From(status))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run", detail: $"There is no run {id}."))
            .WithDescription("A run with its statistics; while it runs, its progress (scanned of total, rate, ETA).")
            .Contract("GetRun", "Get a run", 404);
        group.MapPost("/{id:long}/cancel", Results<Ok<CancelModel>, Accepted<CancelModel>, ProblemHttpResult> (long id, RunCoordinator runs) =>
            runs.Cancel(id) switch
            {
                CancelOutcome.Cancelled => TypedResults.Ok(new CancelModel(id, "cancelled")),
                CancelOutcome.Cancelling => TypedResults.Accepted($"/runs/{id}", new CancelModel(id, "cancelling")),
                CancelOutcome.AlreadyFinished => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run has finished", detail: $"Run {id} is not queued or running."),
                CancelOutcome.OwnedElsewhere => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The run belongs to another host",
                    detail: $"Run {id} is live on another host ({runs.OwnerOf(id)}); cancel it there, or wait: a run whose host stops is reclaimed when its lease expires."),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such run", detail: $"There is no run {id}."),
            })
            .WithDescription("Cancels a queued or running run; a cancelled run leaves the previous membership as it was.")
            .Contract("CancelRun", "Cancel a run", 404, 409);

        app.MapGet("/segments/{id}/runs", (string id, long? before, int? limit, RuleEngine engine, RunCoordinator runs) =>
        {
            _ = engine.Find(id) ?? throw new SegmentNotFoundException(id);
            return TypedResults.Ok(Page(engine, runs, id, before, limit));
        }).WithTags("Runs").WithDescription("The runs of one segment, newest first.")
            .Contract("ListSegmentRuns", "List a segment's runs", 400, 404);
        return app;
    }

    private static RunsPage Page(RuleEngine engine, RunCoordinator runs, string? segment, long? before, int? limit)
    {
        var size = Paging.Limit(limit);
        var items = engine.Runs(segment, before is null ? null : Paging.Position("before", before), size)
            .Select(r => RunModel.From(runs.WithProgress(r)))
            .ToList();
        return new RunsPage(items, items.Count == size ? items[^1].Id : null);
    }
}
