using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RulePlugins.Engine;
using RulePlugins.Service.Http;

namespace RulePlugins.Service.Endpoints;

/// <summary>Liveness and readiness, open to probes without a key.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps <c>/health</c> and <c>/health/ready</c>.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("/", () => TypedResults.Ok(new ReadinessModel("alive", new Dictionary<string, string>())))
            .WithSummary("Liveness: the process answers.");
        group.MapGet("/ready", Results<Ok<ReadinessModel>, JsonHttpResult<ReadinessModel>> (RuleEngine engine) =>
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

            try
            {
                using var connection = engine.Database.Open();
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM segments");
                checks["database"] = $"reachable ({engine.Database.Dialect.Name})";
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                checks["database"] = $"unreachable ({engine.Database.Dialect.Name})";
                ready = false;
            }

            var model = new ReadinessModel(ready ? "ready" : "not ready", checks);
            return ready ? TypedResults.Ok(model) : TypedResults.Json(model, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithSummary("Readiness: plugins loaded and the database reachable; 503 otherwise.");
        return app;
    }
}
