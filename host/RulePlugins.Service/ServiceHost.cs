using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RulePlugins.Engine;
using RulePlugins.Service.Console;
using RulePlugins.Service.Endpoints;
using RulePlugins.Service.Http;
using RulePlugins.Service.Runs;
using RulePlugins.Service.Security;

namespace RulePlugins.Service;

/// <summary>
/// Builds the host service: the engine as a singleton (plugins loaded and stored segments compiled at start),
/// the run queue and the scheduler as hosted services, and the HTTP endpoints behind the API key.
/// </summary>
public static class ServiceHost
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--db"] = $"{ServiceOptions.Section}:Database:Path",
        ["--provider"] = $"{ServiceOptions.Section}:Database:Provider",
        ["--connection"] = $"{ServiceOptions.Section}:Database:ConnectionString",
        ["--plugins"] = $"{ServiceOptions.Section}:PluginDirectory",
    };

    /// <summary>
    /// Creates the application from command-line arguments (<c>--urls</c>, <c>--db</c>, <c>--plugins</c>, any
    /// <c>--RuleHost:Key=value</c>) and the environment. <paramref name="configure"/> can replace services (tests).
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        if (args.Count(a => a == "--plugins" || a.StartsWith("--plugins=", StringComparison.Ordinal)) > 1)
        {
            // The switch maps to one setting, so a second --plugins would silently replace the first.
            throw new ServiceConfigurationException(
                $"--plugins is given more than once; the service takes one (it sets {ServiceOptions.Section}:PluginDirectory). " +
                $"Give further plugin folders as --{ServiceOptions.Section}:PluginDirectories:0=DIR, --{ServiceOptions.Section}:PluginDirectories:1=DIR, ...");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddCommandLine(args, Switches);
        // Request-by-request framework logs only when asked for in configuration (Logging:LogLevel).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddOptions<ServiceOptions>().Bind(builder.Configuration.GetSection(ServiceOptions.Section));
        var settings = builder.Configuration.GetSection(ServiceOptions.Section).Get<ServiceOptions>() ?? new ServiceOptions();
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            // Refused before anything starts: no database is opened, no port bound.
            throw new ServiceConfigurationException(
                $"No API key is configured; set {ServiceOptions.Section}:ApiKey (for example the environment variable {ServiceOptions.Section}__ApiKey).");
        }

        // A wrong compilation setting (Isolation) is refused here too, before anything starts.
        _ = settings.Compilation.Apply(new Engine.Compilation.CompilationSettings());

        // HTTPS endpoints (--urls https://..., with Kestrel's certificate settings) work as in the full builder.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        // The run queue and the scheduler need the engine, so it opens when the host starts, before Kestrel takes
        // requests: plugins load and stored segments compile once, at start.
        builder.Services.AddSingleton(services => OpenEngine(services.GetRequiredService<IOptions<ServiceOptions>>().Value, services));
        builder.Services.AddSingleton<RunCoordinator>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RunCoordinator>());
        builder.Services.AddSingleton<RecalculationScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RecalculationScheduler>());
        builder.Services.AddHostedService<CompilerWarmUp>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(openApi => OpenApi.ApiContract.Configure(openApi, settings.OpenReads));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.WriteIndented = false);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseConsoleSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseConsole();
        app.MapOpenApi();
        app.MapHealth();
        app.MapCatalog();
        app.MapSegments();
        app.MapRuns();
        app.MapStaticSegments();
        app.MapOrderSegments();
        return app;
    }

    private static RuleEngine OpenEngine(ServiceOptions settings, IServiceProvider services)
    {
        var options = new EngineOptions
        {
            Provider = settings.Database.Provider,
            ConnectionString = string.IsNullOrEmpty(settings.Database.ConnectionString) ? null : settings.Database.ConnectionString,
            DatabasePath = settings.Database.Path,
            Leases = new Engine.Runs.RunLeaseOptions { Duration = settings.RunLease },
            Compilation = settings.Compilation.Apply(new Engine.Compilation.CompilationSettings()),
        };
        if (!string.IsNullOrEmpty(settings.PluginDirectory))
        {
            options = options with { PluginDirectory = settings.PluginDirectory };
        }

        if (settings.PluginDirectories.Any(d => !string.IsNullOrWhiteSpace(d)))
        {
            options = options with { PluginDirectories = [options.PluginDirectory, .. settings.PluginDirectories.Where(d => !string.IsNullOrWhiteSpace(d))] };
        }

        var engine = RuleEngine.Open(options, services.GetRequiredService<TimeProvider>());
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("RulePlugins.Service");
        foreach (var failure in engine.Catalog.Failures)
        {
            logger.LogWarning("Plugin {Plugin} in {Folder} was not loaded: {Reason}", failure.Name, failure.Folder, failure.Reason);
        }

        // Describe() shows the connection string with its password replaced.
        logger.LogInformation(
            "Engine ready: {Plugins} plugins from {PluginDirectories}, {Segments} segments, database {Database}, host id {HostId}",
            engine.Catalog.Plugins.Length, string.Join(", ", options.PluginDirectories), engine.Segments().Count, engine.DescribeDatabase(), engine.HostId);
        return engine;
    }
}

/// <summary>The service's configuration is incomplete or wrong; the message says which setting.</summary>
public sealed class ServiceConfigurationException(string message) : Exception(message);
