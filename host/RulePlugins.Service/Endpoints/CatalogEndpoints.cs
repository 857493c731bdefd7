using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using RulePlugins.Engine;
using RulePlugins.Engine.Validation;
using RulePlugins.Service.Http;

using RulePlugins.Service.OpenApi;

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
            .WithDescription("Lists the loaded plugins and those that failed to load.")
            .Contract("ListPlugins", "List the plugins");
        plugins.MapGet("/{name}", Results<Ok<PluginModel>, ProblemHttpResult> (string name, RuleEngine engine) =>
            engine.Catalog.Plugins.FirstOrDefault(p => p.Name == name) is { } plugin
                ? TypedResults.Ok(PluginModel.From(plugin))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such plugin", detail: $"No plugin is named '{name}'."))
            .WithDescription("One plugin.")
            .Contract("GetPlugin", "Get a plugin", 404);

        var types = app.MapGroup("/condition-types").WithTags("Catalogue");
        types.MapGet("/", (string? subject, RuleEngine engine) => TypedResults.Ok(
            engine.Catalog.ConditionTypes
                .Where(r => subject is null || r.Type.Subject == subject)
                .Select(r => ConditionTypeModel.From(r, engine.Choices))
                .ToList()))
            .WithDescription("Lists condition types with their parameter schemas, optionally for one subject (profile, order).")
            .Contract("ListConditionTypes", "List the condition types");
        types.MapGet("/{id}", Results<Ok<ConditionTypeModel>, ProblemHttpResult> (string id, RuleEngine engine) =>
            engine.Catalog.TryGetConditionType(id, out var registration)
                ? TypedResults.Ok(ConditionTypeModel.From(registration, engine.Choices))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such condition type", detail: $"No plugin contributes a condition type '{id}'."))
            .WithDescription("One condition type with its parameter schema.")
            .Contract("GetConditionType", "Get a condition type", 404);
        types.MapGet("/{id}/parameters/{name}/values", Results<Ok<ChoicePageModel>, ProblemHttpResult> (string id, string name, string? search, int? limit, RuleEngine engine) =>
            {
                if (limit is < 1 or > ChoiceSearch.MaxLimit)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad limit", detail: $"limit must be from 1 to {ChoiceSearch.MaxLimit}, got {limit}.");
                }

                try
                {
                    var page = engine.FindChoices(id, name, search, limit ?? 50);
                    return TypedResults.Ok(new ChoicePageModel(id, name, page.Noun, page.Total, [.. page.Values.Select(v => new ChoiceModel(v.Value, v.Name))]));
                }
                catch (KeyNotFoundException ex)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such list of values", detail: ex.Message);
                }
            })
            .WithDescription("The values a parameter accepts, with their names (the entities of reference data, or a fixed list), for a rule builder's dropdown: those whose id or name contains search, ordered by name, at most limit (default 50, up to 1000).")
            .Contract("ListParameterValues", "List the values a parameter accepts", 400, 404);
        return app;
    }
}
