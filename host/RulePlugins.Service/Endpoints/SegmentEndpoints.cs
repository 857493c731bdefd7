using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RulePlugins.Engine.Insight.Preview;
using RulePlugins.Engine;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Store;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Data;
using RulePlugins.Service.Http;
using RulePlugins.Service.Runs;

using RulePlugins.Service.OpenApi;

namespace RulePlugins.Service.Endpoints;

/// <summary>
/// Segments: save (validated and compiled at save time; a refused document stores nothing), read, list, delete,
/// versions, generated source and compile diagnostics; members and the membership log.
/// </summary>
public static class SegmentEndpoints
{
    /// <summary>Maps <c>/segments</c>.</summary>
    public static IEndpointRouteBuilder MapSegments(this IEndpointRouteBuilder app)
    {
        var segments = app.MapGroup("/segments").WithTags("Segments");

        // A save that finds the compiler busy answers 503 with Retry-After; one whose compile worker died, 500 saying so.
        // Nothing was stored either way.
        segments.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (CompilationBusyException busy)
            {
                var seconds = (long)Math.Ceiling(busy.RetryAfter.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    detail: busy.Message,
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The compiler is busy; retry later",
                    extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds, ["traceId"] = context.HttpContext.TraceIdentifier });
            }
            catch (CompileWorkerException failed)
            {
                // A compile worker died (or could not compile) on this save: the service is fine, the save failed.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RulePlugins.Service.Compilation")
                    .LogError(failed, "Compile worker failure while saving segment {Segment}", failed.SegmentId);
                return TypedResults.Problem(
                    detail: failed.Message,
                    statusCode: StatusCodes.Status500InternalServerError,
                    title: "The compiler failed on this save; nothing was stored",
                    extensions: new Dictionary<string, object?> { ["traceId"] = context.HttpContext.TraceIdentifier });
            }
        });
        segments.MapGet("/", (string? subject, RuleEngine engine, IOptions<ServiceOptions> options) =>
            TypedResults.Ok(engine.Segments().Where(s => subject is null || s.Subject == subject).Select(s => SegmentSummaryModel.From(s) with
            {
                Members = s.Subject == Sdk.SubjectKinds.Profile ? engine.MemberCount(s.Id) : null,
                LastRun = engine.Runs(s.Id, before: null, limit: 1) is [var last, ..] ? RunModel.From(last) : null,
                Schedule = Schedules.Of(engine.Links(s.Id), options.Value.Scheduling),
            }).ToList()))
            .WithDescription("Lists segments, optionally of one subject (profile, order), with each one's member count, newest run and schedule.")
            .Contract("ListSegments", "List segments");
        segments.MapPost("/", CreateAsync)
            .WithDescription("Creates a segment from a document; 409 when the id exists (replace it with PUT).")
            .Accepts<JsonElement>("application/json")
            .Contract("CreateSegment", "Create a segment", 400, 409, 413, 422, 500);
        segments.MapPost("/preview", PreviewAsync)
            .WithDescription("Validates a document and returns the C# it would compile to and its lint warnings; with ?count=true (or ?sample=N, a sample of about N profiles) also its member count and each node's, evaluated now. Nothing is stored.")
            .Accepts<JsonElement>("application/json")
            .Contract("PreviewSegment", "Preview a draft segment", 400, 413);
        segments.MapPut("/{id}", ReplaceAsync)
            .WithDescription("Creates or replaces a segment; the document's id must be the one in the path.")
            .Accepts<JsonElement>("application/json")
            .Contract("SaveSegment", "Create or replace a segment", 400, 409, 413, 422, 500);
        segments.MapGet("/{id}", Get).WithDescription("A segment with its current document, schedule and references.")
            .Contract("GetSegment", "Get a segment", 404);
        segments.MapDelete("/{id}", (string id, RuleEngine engine, RunCoordinator runs) =>
        {
            if (runs.IsActive(id))
            {
                throw new SegmentInUseException(id, "it has a queued or running recalculation; cancel it or wait for it to finish", []);
            }

            engine.Delete(id);
            return TypedResults.NoContent();
        }).WithDescription("Deletes a segment; 409 while another segment refers to it or it is being recalculated.")
            .Contract("DeleteSegment", "Delete a segment", 404, 409);
        segments.MapGet("/{id}/versions", (string id, RuleEngine engine) =>
        {
            var info = Find(engine, id);
            return TypedResults.Ok(engine.Versions(id)
                .Select(v => new VersionModel(v.Version, DateTimeOffset.FromUnixTimeMilliseconds(v.CreatedAt), v.Hash, v.Version == info.CurrentVersion))
                .ToList());
        }).WithDescription("The stored versions, oldest first.")
            .Contract("ListSegmentVersions", "List a segment's versions", 404);
        segments.MapGet("/{id}/versions/{version:int}", (string id, int version, RuleEngine engine) =>
        {
            var info = Find(engine, id);
            var stored = engine.GetVersion(id, version)
                ?? throw new RequestRefusedException(StatusCodes.Status404NotFound, "No such version", $"Segment '{id}' has no version {version}.");
            return TypedResults.Ok(new VersionDetailModel(stored.Version, DateTimeOffset.FromUnixTimeMilliseconds(stored.CreatedAt), stored.Hash, stored.Version == info.CurrentVersion, Parse(stored.Document)));
        }).WithDescription("One stored version with its document.")
            .Contract("GetSegmentVersion", "Get a segment version", 404);
        segments.MapGet("/{id}/source", (string id, int? version, RuleEngine engine) =>
        {
            Find(engine, id);
            var stored = engine.GetVersion(id, version)
                ?? throw new RequestRefusedException(StatusCodes.Status404NotFound, "No such version", $"Segment '{id}' has no version {version}.");
            return TypedResults.Text(stored.Source, "text/plain; charset=utf-8");
        }).WithDescription("The generated C# source of the current version, or of ?version=N.").Produces<string>(contentType: "text/plain")
            .Contract("GetSegmentSource", "Get a segment's generated source", 404);
        segments.MapGet("/{id}/diagnostics", Diagnostics).WithDescription("How the current version compiled, and why a segment is unavailable.")
            .Contract("GetSegmentDiagnostics", "Get a segment's diagnostics", 404);
        segments.MapGet("/{id}/members", (string id, long? after, int? limit, RuleEngine engine) =>
        {
            Find(engine, id);
            var size = Paging.Limit(limit);
            var items = engine.Members(id, Paging.Position("after", after), size);
            return TypedResults.Ok(new MembersPage(id, engine.MemberCount(id), items, items.Count == size ? items[^1] : null));
        }).WithDescription("Member profile ids, ascending, a page at a time (keyset: pass next as after).")
            .Contract("ListSegmentMembers", "List a segment's members", 400, 404);
        segments.MapGet("/{id}/history", (string id, int? limit, RuleEngine engine) =>
        {
            Find(engine, id);
            var points = engine.SizeHistory(id, Paging.Limit(limit))
                .Select(p => new SizePointModel(p.RunId, DateTimeOffset.FromUnixTimeMilliseconds(p.At), p.Members, p.Entered, p.Left))
                .ToList();
            return TypedResults.Ok(new SizeHistoryModel(id, points));
        }).WithDescription("Members, entered and left after each successful run, oldest first (the last ?limit runs), from the stored runs.")
            .Contract("GetSegmentHistory", "Get a segment's size history", 400, 404);
        segments.MapGet("/{id}/explain/{profileId:long}", (string id, long profileId, DateTimeOffset? at, RuleEngine engine) =>
        {
            Find(engine, id);
            try
            {
                var explanation = engine.Explain(id, profileId, at);
                return TypedResults.Ok(new ExplanationModel(
                    explanation.SegmentId, explanation.Version, explanation.ProfileId, explanation.Member, DateTimeOffset.FromUnixTimeMilliseconds(explanation.EvaluatedAt),
                    explanation.Instant, explanation.RunId, explanation.StoredMember, explanation.Root));
            }
            catch (KeyNotFoundException ex)
            {
                throw new RequestRefusedException(StatusCodes.Status404NotFound, "No such profile", ex.Message);
            }
        }).WithDescription("Why a profile is or is not a member: each node's answer and the rows each condition read, at the last run's instant (or ?at=).")
            .Contract("ExplainProfile", "Explain a profile's membership", 404);
        segments.MapGet("/{id}/membership-log", (string id, long? after, int? limit, RuleEngine engine) =>
        {
            Find(engine, id);
            var size = Paging.Limit(limit);
            var items = engine.MembershipLog(id, Paging.Position("after", after), size)
                .Select(c => new MembershipChangeModel(c.Id, c.ProfileId, c.Change, c.RunId, DateTimeOffset.FromUnixTimeMilliseconds(c.At)))
                .ToList();
            return TypedResults.Ok(new MembershipLogPage(id, items, items.Count == size ? items[^1].Id : null));
        }).WithDescription("Entered/left changes, oldest first, a page at a time (keyset: pass next as after).")
            .Contract("ListMembershipLog", "List membership changes", 400, 404);
        return app;
    }

    private static async Task<Created<SaveModel>> CreateAsync(HttpRequest request, RuleEngine engine, CancellationToken cancellationToken)
    {
        var json = await ReadDocumentAsync(request, engine, cancellationToken);
        var model = await SaveAsync(engine, json, document =>
        {
            if (engine.Find(document.Id) is not null)
            {
                throw new RequestRefusedException(StatusCodes.Status409Conflict, "The segment exists", $"Segment '{document.Id}' exists; replace it with PUT /segments/{document.Id}.");
            }
        }, cancellationToken);
        return TypedResults.Created($"/segments/{model.Id}", model);
    }

    private static async Task<Results<Ok<SaveModel>, Created<SaveModel>>> ReplaceAsync(string id, HttpRequest request, RuleEngine engine, CancellationToken cancellationToken)
    {
        var json = await ReadDocumentAsync(request, engine, cancellationToken);
        var existed = false;
        var model = await SaveAsync(engine, json, document =>
        {
            if (document.Id != id)
            {
                throw new SegmentValidationException(document.Id, [new ValidationError("id", $"is {JsonText.Quote(document.Id)}, but the path names segment {JsonText.Quote(id)}; they must be the same")]);
            }

            existed = engine.Find(id) is not null;
        }, cancellationToken);
        return existed ? TypedResults.Ok(model) : TypedResults.Created($"/segments/{id}", model);
    }

    private static async Task<Ok<PreviewModel>> PreviewAsync(HttpRequest request, RuleEngine engine, bool? count, int? sample, CancellationToken cancellationToken)
    {
        if (sample is < 1)
        {
            throw new RequestRefusedException(StatusCodes.Status400BadRequest, "Invalid sample", $"sample must be a whole number of profiles, 1 or more; got {sample}.");
        }

        var json = await ReadDocumentAsync(request, engine, cancellationToken);
        var preview = await engine.PreviewAsync(json, cancellationToken);
        var audience = count == true || sample is not null
            ? AudienceModel.From(await engine.CountAudienceAsync(json, new AudienceCountOptions { SampleSize = sample }, cancellationToken))
            : null;
        var source = preview.Source;
        return TypedResults.Ok(new PreviewModel(
            source.SegmentId, source.Text, [.. source.Plan.Tables.Select(t => t.Table.Name).Order(StringComparer.Ordinal)], [.. preview.Warnings.Select(WarningModel.From)], audience));
    }

    /// <summary>Saves without holding a request thread: the compilation runs on the engine's compile threads.</summary>
    private static async Task<SaveModel> SaveAsync(RuleEngine engine, string json, Action<SegmentDocument> beforeSave, CancellationToken cancellationToken)
    {
        var result = await engine.SaveAsync(json, beforeSave, cancellationToken);
        return new SaveModel(
            result.Id, result.Version, result.Created, Math.Round(result.CompileTime.TotalMilliseconds, 1), $"/segments/{result.Id}/source", [.. result.Warnings.Select(WarningModel.From)]);
    }

    private static async Task<string> ReadDocumentAsync(HttpRequest request, RuleEngine engine, CancellationToken cancellationToken) =>
        await RequestBody.ReadTextAsync(request, engine.Options.Limits.MaxDocumentBytes, cancellationToken);

    private static Ok<SegmentModel> Get(string id, RuleEngine engine, IOptions<ServiceOptions> options)
    {
        var info = Find(engine, id);
        var links = engine.Links(id);

        // A static segment has no document: its members are imported (status static).
        var document = engine.GetVersion(id) is { } stored ? Parse(stored.Document) : Parse("null");
        return TypedResults.Ok(new SegmentModel(
            info.Id, info.Name, info.Subject, info.CurrentVersion, info.Status, info.StatusReason, DateTimeOffset.FromUnixTimeMilliseconds(info.UpdatedAt),
            Schedules.Of(links, options.Value.Scheduling), links?.References ?? [], engine.Referrers(id), document));
    }

    private static Ok<DiagnosticsModel> Diagnostics(string id, RuleEngine engine)
    {
        var info = Find(engine, id);
        var stored = engine.GetVersion(id)!;
        IReadOnlyList<string> tables = [];
        IReadOnlyList<ProblemError> diagnostics = [];
        if (info.Status == SegmentStatus.Ready)
        {
            tables = [.. engine.GetPlan(id).Tables.Select(t => t.Table.Name).Order(StringComparer.Ordinal)];
        }
        else
        {
            diagnostics = [new ProblemError("(segment)", info.StatusReason ?? "unavailable")];
        }

        return TypedResults.Ok(new DiagnosticsModel(
            id, stored.Version, info.Status, info.StatusReason, stored.Hash, CountLines(stored.Source), stored.Assembly.Length, tables, diagnostics));
    }

    private static SegmentInfo Find(RuleEngine engine, string id) => engine.Find(id) ?? throw new SegmentNotFoundException(id);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static int CountLines(string text) => text.Length == 0 ? 0 : text.AsSpan().Count('\n') + (text[^1] == '\n' ? 0 : 1);
}
