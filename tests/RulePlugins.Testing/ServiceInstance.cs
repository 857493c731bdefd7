using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Engine;
using RulePlugins.Service;

namespace RulePlugins.Testing;

/// <summary>How a test service is configured.</summary>
public sealed record ServiceSettings
{
    /// <summary>Profiles of demo data generated before the service starts.</summary>
    public int Profiles { get; init; } = 300;

    /// <summary>Whether reads need no key.</summary>
    public bool OpenReads { get; init; }

    /// <summary>Whether the scheduler runs.</summary>
    public bool Scheduling { get; init; }

    /// <summary>The scheduler's default interval.</summary>
    public TimeSpan DefaultInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The database provider; <c>sqlite</c> uses a file in the instance's folder.</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>The connection string for a server provider.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Profiles per recalculation batch: small, so runs have several batches and report progress.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Replaces services before the host is built (a fixed clock, say).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? Configure { get; init; }

    /// <summary>Runs on an engine over the database after the demo data, before the service starts (saving segments, say).</summary>
    public Action<RuleEngine>? Prepare { get; init; }

    /// <summary>Extra <c>--Key=Value</c> arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}

/// <summary>
/// The real service on a free loopback port (Kestrel), over the plugins copied beside the tests and a throw-away
/// SQLite database with demo data. <see cref="RestartAsync"/> stops it and starts a new one on the same database.
/// A test project that uses it imports <c>plugins/Plugins.targets</c>, which copies the plugins into <c>plugins/</c> beside its binaries.
/// </summary>
public sealed class ServiceInstance : IAsyncDisposable
{
    /// <summary>The key the service is configured with.</summary>
    public const string ApiKey = "test-key-0123456789";

    private readonly ServiceSettings _settings;
    private WebApplication? _app;

    private ServiceInstance(ServiceSettings settings)
    {
        _settings = settings;
        Folder = Path.Combine(Path.GetTempPath(), "ruleplugins-service-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "service.db");
    }

    /// <summary>The plugin folder beside the test binaries: the real plugins and the test plugins the test project copies there.</summary>
    public static string PluginDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The temporary folder.</summary>
    public string Folder { get; }

    /// <summary>The SQLite database file.</summary>
    public string DatabasePath { get; }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client that sends no key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The running application.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("The service is not running.");

    /// <summary>Creates the database with demo data and starts the service.</summary>
    public static async Task<ServiceInstance> StartAsync(ServiceSettings? settings = null)
    {
        var instance = new ServiceInstance(settings ?? new ServiceSettings());
        using (var engine = RuleEngine.Open(instance.EngineOptions()))
        {
            engine.GenerateDemoData(instance._settings.Profiles, seed: 7);
            instance._settings.Prepare?.Invoke(engine);
        }

        await instance.StartServiceAsync();
        return instance;
    }

    /// <summary>The engine settings of the instance's database.</summary>
    public EngineOptions EngineOptions() => new()
    {
        Provider = _settings.Provider,
        ConnectionString = _settings.ConnectionString,
        DatabasePath = DatabasePath,
        PluginDirectory = PluginDirectory,
    };

    /// <summary>Opens a connection to the instance's database.</summary>
    public System.Data.Common.DbConnection OpenDatabase() =>
        (_settings.ConnectionString is { } connectionString
            ? Engine.Data.Database.Create(_settings.Provider, connectionString)
            : Engine.Data.Database.Sqlite(DatabasePath)).Open();

    /// <summary>Stops the service (as on shutdown) and starts a new one over the same database.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartServiceAsync();
    }

    /// <summary>Stops the service gracefully.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            Client.Dispose();
            Anonymous.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Reads a JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>JSON content from text.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>
    /// Polls a run until it leaves queued/running; after <paramref name="timeout"/> it throws <see cref="TimeoutException"/>,
    /// which fails the test.
    /// </summary>
    public async Task<JsonElement> WaitForRunAsync(long runId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await Client.GetFromJsonAsync<JsonElement>($"/runs/{runId}");
            var status = run.GetProperty("status").GetString();
            if (status is not ("queued" or "running"))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} is still {status} after the timeout.");
            }

            await Task.Delay(50);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp directory.
        }
    }

    private async Task StartServiceAsync()
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            $"--RuleHost:ApiKey={ApiKey}",
            $"--RuleHost:Database:Path={DatabasePath}",
            $"--RuleHost:Database:Provider={_settings.Provider}",
            $"--RuleHost:Database:ConnectionString={_settings.ConnectionString}",
            $"--RuleHost:PluginDirectory={PluginDirectory}",
            $"--RuleHost:OpenReads={_settings.OpenReads}",
            $"--RuleHost:Scheduling:Enabled={_settings.Scheduling}",
            $"--RuleHost:Scheduling:DefaultInterval={_settings.DefaultInterval}",
            "--RuleHost:Scheduling:PollInterval=00:00:00.200",
            $"--RuleHost:BatchSize={_settings.BatchSize}",
            "--Logging:LogLevel:Default=Warning",
            // Test runs share the cores with other test processes, which would keep idle-policy compile workers waiting.
            "--RuleHost:Compilation:IdleWorkers=false",
            // Compiling on the service's own threads spares every test service the start of its worker processes
            // (a runtime and Roslyn each); the tests of process isolation ask for it in their arguments, which come later and win.
            "--RuleHost:Compilation:Isolation=thread",
            .. _settings.Arguments,
        ];
        var app = ServiceHost.Create(args, _settings.Configure);
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        Anonymous = new HttpClient { BaseAddress = new Uri(address) };
    }
}
