using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RulePlugins.Engine;
using RulePlugins.Service.Http;

namespace RulePlugins.Service.Endpoints;

/// <summary>The catalogue: plugins and the condition types they contribute, with parameter schemas.</summary>
public static class CatalogEndpoints
{
    /// <summary>Maps <c>/plugins</c> and <c>/condition-types</c>.</summary>
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var plugins = app.MapGroup("/plugins").WithTags("Catalogue");
        plugins.MapGet("/", (RuleEngine engine) => TypedResults.Ok(new PluginListModel(
            [.. engine.Catalog.Plugins.OrderBy(p => p.Name, StringComparer.Ordinal).Select(PluginModel.From)],
            [.. engine.Catalog.Failures.Select(PluginFailureModel.From)])))
            .WithSummary("Lists the loaded plugins and those that failed to load.");
        plugins.MapGet("/{name}", Results<Ok<PluginModel>, ProblemHttpResult> (string name, RuleEngine engine) =>
            engine.Catalog.Plugins.FirstOrDefault(p => p.Name == name) is { } plugin
                ? TypedResults.Ok(PluginModel.From(plugin))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such plugin", detail: $"No plugin is named '{name}'."))
            .WithSummary("One plugin.");

        var types = app.MapGroup("/condition-types").WithTags("Catalogue");
        types.MapGet("/", (string? subject, RuleEngine engine) => TypedResults.Ok(
            engine.Catalog.ConditionTypes
                .Where(r => subject is null || r.Type.Subject == subject)
                .Select(r => ConditionTypeModel.From(r, engine.Choices))
                .ToList()))
            .WithSummary("Lists condition types with their parameter schemas, optionally for one subject (profile, order).");
        types.MapGet("/{id}", Results<Ok<ConditionTypeModel>, ProblemHttpResult> (string id, RuleEngine engine) =>
            engine.Catalog.TryGetConditionType(id, out var registration)
                ? TypedResults.Ok(ConditionTypeModel.From(registration, engine.Choices))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such condition type", detail: $"No plugin contributes a condition type '{id}'."))
            .WithSummary("One condition type with its parameter schema.");
        return app;
    }
}
