using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RulePlugins.Service.OpenApi;

/// <summary>
/// What the OpenAPI document says beyond the endpoints' own metadata: the title, licence and contact, tags with
/// descriptions, servers without a trailing slash, and the API key as an <c>apiKey</c> security scheme, required on
/// every operation the key guards (every write, and reads unless <see cref="ServiceOptions.OpenReads"/>), each of
/// which also documents its 401. Each endpoint names its operation id, summary and refusals with
/// <see cref="Contract"/>.
/// </summary>
public static class ApiContract
{
    /// <summary>The security scheme's name in the document.</summary>
    public const string SecuritySchemeName = "ApiKey";

    /// <summary>The media type of every refusal.</summary>
    public const string ProblemMediaType = "application/problem+json";

    private const string SegmentExample =
        """{"schemaVersion":1,"id":"young-moscow","name":"Young Moscow","rules":{"op":"and","items":[""" +
        """{"type":"profile.city","params":{"operator":"equals","value":"Moscow"}},""" +
        """{"type":"profile.age","params":{"operator":"in_range","min":18,"max":30}}]}}""";

    private const string OrderExample =
        """{"id":1001,"currency":"RUB","channel":"website","contact_point":"cart","region":"Moscow","items":[""" +
        """{"product_id":"P-1","quantity":2,"price":450},{"product_id":"P-2","quantity":1,"price":1200},{"product_id":"P-3","quantity":1,"price":90}]}""";

    // The request bodies that carry an example: a segment document, and an order.
    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["CreateSegment"] = SegmentExample,
        ["SaveSegment"] = SegmentExample,
        ["PreviewSegment"] = SegmentExample,
        ["EvaluateOrder"] = OrderExample,
    };

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Catalogue", "The plugins loaded and the condition types they contribute, with parameter schemas and the values entity parameters accept: what a rule builder is rendered from."),
        ("Segments", "Segment documents: validated, linted and compiled at save; their versions, generated source, members, history and explanations."),
        ("Runs", "Recalculations of profile segments: queued, watched with their progress, cancelled."),
        ("Static segments", "Segments without rules whose members are imported."),
        ("Order segments", "Segments evaluated against one order at a time, as a promotion applies its benefits."),
        ("Health", "Liveness and readiness probes; never keyed."),
    ];

    /// <summary>
    /// Names the endpoint's operation id and short summary (its longer text stays in the description), and documents
    /// each refusal <paramref name="refusals"/> as a <see cref="ProblemModel"/>. The 401 of a keyed operation is added
    /// by the document itself.
    /// </summary>
    public static RouteHandlerBuilder Contract(this RouteHandlerBuilder builder, string operationId, string summary, params int[] refusals)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithName(operationId).WithSummary(summary);
        foreach (var status in refusals)
        {
            builder.Produces<ProblemModel>(status, ProblemMediaType);
        }

        return builder;
    }

    /// <summary>Adds the document and operation transformers; <paramref name="openReads"/> is the service's setting.</summary>
    public static void Configure(OpenApiOptions options, bool openReads)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var path = "/" + (context.Description.RelativePath ?? string.Empty);
            var isRead = context.Description.HttpMethod is "GET" or "HEAD";
            if (path.StartsWith("/health", StringComparison.Ordinal) || (openReads && isRead))
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, context.Document)] = [] });
            operation.Responses ??= [];
            // Every keyed operation documents at least one refusal, so the problem schema is in the components.
            await context.GetOrCreateSchemaAsync(typeof(ProblemModel), null, cancellationToken);
            operation.Responses[StatusCodes.Status401Unauthorized.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = $"No key, or a wrong one, in the {Security.ApiKeyMiddleware.HeaderName} header.",
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemModel), context.Document) } },
            };
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Routing.IEndpointNameMetadata>().FirstOrDefault()?.EndpointName is { } name &&
                Examples.TryGetValue(name, out var example) && operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json))
            {
                json.Example = System.Text.Json.Nodes.JsonNode.Parse(example);
            }

            return Task.CompletedTask;
        });
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "RulePlugins service";
        document.Info.Description =
            "Segments of profiles and orders, built from plugins' condition types, validated and compiled at save, recalculated in batches " +
            $"or evaluated one order at a time. Every write needs the service's key in the {Security.ApiKeyMiddleware.HeaderName} header; reads need it too unless the service opens them.";
        // No public address exists for either yet, so neither names a URL.
        document.Info.License = new OpenApiLicense { Name = "Proprietary: all rights reserved by the RulePlugins maintainers" };
        document.Info.Contact = new OpenApiContact { Name = "RulePlugins maintainers" };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = Security.ApiKeyMiddleware.HeaderName,
            Description = "The service's key (configuration RuleHost:ApiKey), compared in constant time.",
        };
    }
}
