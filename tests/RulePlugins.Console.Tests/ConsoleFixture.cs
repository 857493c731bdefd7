using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using RulePlugins.Engine;
using RulePlugins.Engine.Store;
using RulePlugins.Sdk;
using RulePlugins.Testing;

namespace RulePlugins.Console.Tests;

/// <summary>
/// What the browser tests share, started once: the real service on a loopback port over a SQLite database with every
/// plugin's demo data for <see cref="Profiles"/> profiles and the plugins' example segments (the profile ones recalculated),
/// and a headless Chromium (<see cref="ChromiumLocator"/>). Without a browser nothing is started and every browser test
/// is skipped with <see cref="ChromiumLocation.SkipReason"/>.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Profiles of demo data.</summary>
    public const int Profiles = 2_000;

    /// <summary>
    /// The static segment the segments plugin's example reads (<c>SegmentsDemoData.StaticSegmentId</c>), imported before
    /// the examples are saved; every seventh profile, as the demo imports it.
    /// </summary>
    public const string StaticSegmentId = "demo-vip";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ServiceInstance? _service;
    private List<string> _profileExamples = [];

    /// <summary>The browser the tests launch, or why there is none.</summary>
    public ChromiumLocation Chromium { get; } = ChromiumLocator.Find();

    /// <summary>The running service; its <see cref="ServiceInstance.Client"/> sends the key.</summary>
    public ServiceInstance Service => _service ?? throw new InvalidOperationException("The service is not running: " + (Chromium.SkipReason ?? "it did not start."));

    /// <summary>The launched browser; each test opens contexts of its own.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("No browser: " + (Chromium.SkipReason ?? "it did not start."));

    /// <summary>The service's address, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public string BaseAddress => Service.Client.BaseAddress!.ToString();

    /// <summary>The example profile segments, saved and recalculated, in the order they were saved.</summary>
    public IReadOnlyList<string> ProfileExamples => _profileExamples;

    /// <summary>How long the demo database, the service and the browser took to start.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (Chromium.ExecutablePath is not { } executable)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        // The demo data and the examples' compilation run on the engine before the service starts: off this thread, while the browser starts.
        var service = Task.Run(() => ServiceInstance.StartAsync(new ServiceSettings { Profiles = Profiles, Prepare = Prepare }));
        // The browser is the machine's; the driver must never fetch one.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                // CI runs as root, where Chromium's sandbox cannot start.
                Args = ["--no-sandbox"],
            });
        }
        finally
        {
            // Awaited even when the browser failed, so DisposeAsync stops a service that did start.
            _service = await service;
        }

        StartTime = stopwatch.Elapsed;
        TestContext.Current.SendDiagnosticMessage(
            $"Console tests: service at {BaseAddress} over {Profiles:N0} profiles and {Chromium.ExecutablePath} {_browser.Version} started in {StartTime.TotalSeconds:0.0} s.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    /// <summary>The static segment first (an example reads it), then every example saved, then the profile ones recalculated in dependency order.</summary>
    private void Prepare(RuleEngine engine) => _profileExamples = [.. DemoExamples.SaveAndRecalculate(engine, Profiles, StaticSegmentId)];
}
