using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RulePlugins.Engine;
using RulePlugins.Engine.Store;
using RulePlugins.Service.Http;

using RulePlugins.Service.OpenApi;

namespace RulePlugins.Service.Endpoints;

/// <summary>Liveness and readiness, open to probes without a key.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>/health</c> and <c>/health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/", () => TypedResults.Ok(new ReadinessModel("alive", new Dictionary<string, string>())))
            .WithDescription("Liveness: the process answers.")
            .Contract("GetLiveness", "Liveness");
        group.MapGet("/ready", Results<Ok<ReadinessModel>, JsonHttpResult<ReadinessModel>> (RuleEngine engine, IOptions<ServiceOptions> options) =>
        {
            var checks = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var ready = true;
            var catalog = engine.Catalog;
            if (catalog.Plugins.Length == 0)
            {
                checks["plugins"] = "no plugin is loaded";
                ready = false;
            }
            else
            {
                checks["plugins"] = $"{catalog.Plugins.Length} loaded"
                    + (catalog.Failures.Length > 0 ? $"; {catalog.Failures.Length} failed: {string.Join(", ", catalog.Failures.Select(f => f.Name))}" : string.Empty);
            }

            List<UnavailableSegmentModel> unavailable = [];
            try
            {
                var segments = engine.Segments();
                unavailable = [.. segments.Where(s => s.Status == SegmentStatus.Unavailable).Select(s => new UnavailableSegmentModel(s.Id, s.StatusReason ?? "unknown reason"))];
                checks["database"] = $"reachable ({engine.DatabaseProvider})";
                checks["segments"] = $"{segments.Count - unavailable.Count} ready"
                    + (unavailable.Count > 0 ? $"; {unavailable.Count} unavailable: {string.Join(", ", unavailable.Select(u => u.Id))}" : string.Empty);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                checks["database"] = $"unreachable ({engine.DatabaseProvider})";
                ready = false;
            }

            // Informational: readiness does not wait for the pre-warm.
            checks["compiler"] = engine.WarmUp switch
            {
                null => $"cold (not pre-warmed); {engine.PendingCompilations} saves compiling or waiting",
                { IsCompletedSuccessfully: true } warm => $"warm (pre-warmed in {warm.Result.TotalMilliseconds:0} ms); {engine.PendingCompilations} saves compiling or waiting",
                { IsCompleted: true } => $"pre-warm failed; {engine.PendingCompilations} saves compiling or waiting",
                _ => $"warming up; {engine.PendingCompilations} saves compiling or waiting",
            };
            checks["compiler"] += engine.CompileWorkers is { } workers
                ? $"; process isolation, {workers.ProcessIds.Count} of {engine.Options.Compilation.MaxConcurrency} workers running ({workers.Started} started in all)"
                : "; thread isolation";
            var degraded = ready && (catalog.Failures.Length > 0 || unavailable.Count > 0);
            var status = !ready ? "not ready" : degraded ? "degraded" : "ready";
            var model = new ReadinessModel(status, checks, [.. catalog.Failures.Select(PluginFailureModel.From)], unavailable);
            var answersReady = ready && (!degraded || options.Value.Health.DegradedIsReady);
            return answersReady ? TypedResults.Ok(model) : TypedResults.Json(model, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithDescription(
            "Readiness: ready (plugins loaded, database reachable, every stored segment available); degraded (a plugin failed to load or a segment is " +
            "unavailable, listed in the body: 503, or 200 with RuleHost:Health:DegradedIsReady); not ready (503).")
            .Contract("GetReadiness", "Readiness")
            .Produces<ReadinessModel>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
