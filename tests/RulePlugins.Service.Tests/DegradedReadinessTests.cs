using System.Net;
using System.Text.Json;
using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary>
/// The service started over a plugin folder whose profile-fields plugin is not a valid assembly, with segments saved
/// earlier (when it loaded) that need it: readiness reports degraded with the plugin and the segments, and the
/// segments' diagnostics name the plugin's folder and its load failure.
/// </summary>
public sealed class DegradedReadinessTests : IDisposable
{
    private const string ProfileFields = "RulePlugins.Plugins.ProfileFields";
    private static readonly string[] ProfileSegments = ["degraded-a", "degraded-b", "degraded-c"];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _plugins = Path.Combine(Path.GetTempPath(), "ruleplugins-service-tests", "broken-plugins-" + Guid.NewGuid().ToString("N"));

    public DegradedReadinessTests()
    {
        // A copy of the service's plugins in which the profile-fields assembly is garbage (BadImageFormatException).
        foreach (var file in Directory.GetFiles(PluginDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_plugins, Path.GetRelativePath(PluginDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllBytes(Path.Combine(_plugins, ProfileFields, ProfileFields + ".dll"), "this is not an assembly"u8.ToArray());
    }

    private string BrokenFolder => Path.Combine(_plugins, ProfileFields);

    private ServiceSettings Settings(bool? degradedIsReady = null) => new()
    {
        // Saved while every plugin loads: three profile segments on profile fields and one order segment on the market plugin.
        Prepare = engine =>
        {
            foreach (var id in ProfileSegments)
            {
                engine.Save(SegmentDocuments.City(id, "City of " + id));
            }

            engine.Save(engine.ExampleSegments().First(json => json.Contains("\"cart-three-products\"", StringComparison.Ordinal)));
        },
        Arguments =
        [
            $"--RuleHost:PluginDirectory={_plugins}",
            .. degradedIsReady is { } value ? [$"--RuleHost:Health:DegradedIsReady={value}"] : Array.Empty<string>(),
        ],
    };

    [Fact]
    public async Task Ready_PluginFailedAndSegmentsUnavailable_Answers503DegradedNamingPluginFolderAndSegments()
    {
        await using var service = await StartAsync(Settings());

        var response = await service.Anonymous.GetAsync("/health/ready", _ct);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var plugin = Assert.Single(body.GetProperty("failedPlugins").EnumerateArray());
        Assert.Equal(ProfileFields, plugin.GetProperty("name").GetString());
        Assert.Equal(BrokenFolder, plugin.GetProperty("folder").GetString());
        Assert.StartsWith("BadImageFormatException", plugin.GetProperty("reason").GetString());
        var unavailable = body.GetProperty("unavailableSegments").EnumerateArray().ToList();
        Assert.Equal(ProfileSegments, unavailable.Select(s => s.GetProperty("id").GetString()));
        foreach (var segment in unavailable)
        {
            var reason = segment.GetProperty("reason").GetString()!;
            Assert.Contains("condition type profile.city is unknown", reason);
            Assert.Contains($"plugin folder {BrokenFolder} failed to load (BadImageFormatException", reason);
        }

        // The order segment of the plugin that did load still answers, and liveness is unaffected.
        Assert.Equal(HttpStatusCode.OK, (await service.Anonymous.GetAsync("/health", _ct)).StatusCode);
        Assert.DoesNotContain(unavailable, s => s.GetProperty("id").GetString() == "cart-three-products");
    }

    [Fact]
    public async Task Ready_DegradedIsReadySetting_Answers200StillSayingDegraded()
    {
        await using var service = await StartAsync(Settings(degradedIsReady: true));

        var response = await service.Anonymous.GetAsync("/health/ready", _ct);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal(3, body.GetProperty("unavailableSegments").GetArrayLength());
    }

    [Fact]
    public async Task Diagnostics_SegmentOfPluginThatFailedToLoad_NamesFolderAndFailure()
    {
        await using var service = await StartAsync(Settings());

        var diagnostics = await JsonAsync(await service.Client.GetAsync($"/segments/{ProfileSegments[0]}/diagnostics", _ct));

        Assert.Equal("unavailable", diagnostics.GetProperty("status").GetString());
        var reason = diagnostics.GetProperty("statusReason").GetString()!;
        Assert.StartsWith($"condition type profile.city is unknown: plugin folder {BrokenFolder} failed to load (BadImageFormatException", reason);
        Assert.DoesNotContain("unknown condition type", reason);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_plugins, recursive: true);
        }
        catch (IOException)
        {
            // Plugin assemblies stay mapped while loaded.
        }
    }
}
