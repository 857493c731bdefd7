using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RulePlugins.Engine;
using RulePlugins.Reliability.Tests.Fuzzing;
using RulePlugins.Service;

namespace RulePlugins.Reliability.Tests;

/// <summary>
/// Mutated documents, orders, query strings, path ids and raw bytes sent to the real service on a loopback port
/// (<see cref="FuzzSettings.HttpCases"/> of them): whatever a client sends, the answer is never a 5xx.
/// </summary>
public sealed class ServiceFuzzTests : IAsyncLifetime
{
    private const string ApiKey = "reliability-key-0123456789";
    private static readonly string[] PathIds = ["nlid%0A", "%00", "a%2Fb", "..", "%2E%2E", "UPPER", "-", "x%E2%80%A8y", "%F0%9F%98%80", "%FF", new string('a', 300), "seg%20id"];
    private static readonly string[] Queries = ["", "?explain=true", "?explain=false", "?explain=yes", "?explain=", "?explain=%00", "?explain=true&explain=false"];
    private static readonly string[] Reads =
    [
        "/segments?subject={0}", "/segments/{0}", "/segments/{0}/versions", "/segments/{0}/versions/{1}", "/segments/{0}/source?version={1}",
        "/segments/{0}/diagnostics", "/segments/{0}/members?after={1}&limit={1}", "/segments/{0}/membership-log?after={1}&limit={1}",
        "/runs?segment={0}&before={1}&limit={1}", "/runs/{1}", "/condition-types?subject={0}", "/condition-types/{0}", "/plugins/{0}", "/order-segments",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ruleplugins-reliability", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private HttpClient _client = null!;
    private FuzzCorpus _corpus = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "service.db");
        using (var engine = RuleEngine.Open(new EngineOptions { DatabasePath = database, PluginDirectory = RealPlugins.Directory }))
        {
            engine.GenerateDemoData(100, seed: 3);
            _corpus = new FuzzCorpus(engine);
        }

        _app = ServiceHost.Create(
        [
            "--urls", "http://127.0.0.1:0", $"--RuleHost:ApiKey={ApiKey}", $"--RuleHost:Database:Path={database}",
            $"--RuleHost:PluginDirectory={RealPlugins.Directory}", "--RuleHost:Scheduling:Enabled=false", "--Logging:LogLevel:Default=None",
            // Test runs share the cores with other test processes, which would keep idle-policy compile workers waiting.
            "--RuleHost:Compilation:IdleWorkers=false",
        ]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
        _client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
    }

    [Fact]
    public async Task Send_MutatedRequests_NeverAnswer5xx()
    {
        var stopwatch = Stopwatch.StartNew();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var ct = TestContext.Current.CancellationToken;
        foreach (var index in FuzzSettings.Indexes(FuzzSettings.HttpCases))
        {
            var random = new Random(FuzzSettings.CaseSeed(FuzzSettings.Seed, index) ^ 0x5EED);
            var (request, log) = Request(random);
            var description = $"{request.Method} {request.RequestUri}";
            using (request)
            {
                using var response = await _client.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(ct);
                    failures.Add($"case {index} ({FuzzSettings.Replay(nameof(Send_MutatedRequests_NeverAnswer5xx), index)}): {description} answered {status}: {body}" +
                        $"{Environment.NewLine}    mutations: {string.Join("; ", log)}");
                }
            }
        }

        var summary = string.Join(", ", statuses.Select(s => $"{s.Value} x {s.Key}"));
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {FuzzSettings.Seed}: {FuzzSettings.HttpCases} requests ({summary}) in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"seed {FuzzSettings.Seed}: {failures.Count} answers were 5xx ({summary}):{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(10))}");
    }

    private (HttpRequestMessage Request, List<string> Log) Request(Random random)
    {
        var mutator = new Mutator(random, _corpus.Vocabulary);
        var log = new List<string>();
        string Pick(IReadOnlyList<string> items) => items[random.Next(items.Count)];
        string SegmentId() => random.Next(4) == 0 ? Pick(PathIds) : Pick(_corpus.OrderSegments);
        var roll = random.Next(20);
        if (roll < 7)
        {
            var (text, steps) = mutator.Mutate(_corpus.Documents[random.Next(_corpus.Documents.Count)]);
            log.AddRange(steps);
            var id = IdOf(text) is { } own && random.Next(4) != 0 ? Uri.EscapeDataString(own) : SegmentId();
            return (new HttpRequestMessage(HttpMethod.Put, $"/segments/{id}") { Content = Json(text) }, log);
        }

        if (roll < 9)
        {
            var (text, steps) = mutator.Mutate(_corpus.Documents[random.Next(_corpus.Documents.Count)]);
            log.AddRange(steps);
            return (new HttpRequestMessage(HttpMethod.Post, random.Next(2) == 0 ? "/segments" : "/segments/preview") { Content = Json(text) }, log);
        }

        if (roll < 16)
        {
            var (text, steps) = mutator.Mutate(_corpus.Orders[random.Next(_corpus.Orders.Count)]);
            log.AddRange(steps);
            return (new HttpRequestMessage(HttpMethod.Post, $"/order-segments/{SegmentId()}/evaluate{Pick(Queries)}") { Content = Json(text) }, log);
        }

        if (roll < 18)
        {
            var bytes = new byte[random.Next(1, 600)];
            random.NextBytes(bytes);
            log.Add($"{bytes.Length} random bytes");
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = random.Next(3) == 0 ? new MediaTypeHeaderValue("text/plain") : new MediaTypeHeaderValue("application/json");
            var path = Pick(["/segments", "/segments/preview", $"/segments/{SegmentId()}", $"/order-segments/{SegmentId()}/evaluate"]);
            return (new HttpRequestMessage(path == "/segments" || path.EndsWith("evaluate", StringComparison.Ordinal) || path.EndsWith("preview", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Put, path) { Content = content }, log);
        }

        if (roll == 18)
        {
            log.Add("an action with odd values");
            return random.Next(3) switch
            {
                0 => (new HttpRequestMessage(HttpMethod.Post, $"/segments/{SegmentId()}/recalculate"), log),
                1 => (new HttpRequestMessage(HttpMethod.Post, $"/runs/{Pick(["1", "-1", "0", "99999999999"])}/cancel"), log),
                _ => (new HttpRequestMessage(HttpMethod.Delete, $"/segments/{Pick(PathIds)}"), log),
            };
        }

        var query = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(Reads), SegmentId(),
            Pick(["-1", "0", "1", "abc", "99999999999999999999", "1e3", "%00", "", "2147483648", "-9223372036854775808"]));
        log.Add("read with odd values");
        return (new HttpRequestMessage(HttpMethod.Get, query), log);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string? IdOf(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp directory.
        }
    }
}
