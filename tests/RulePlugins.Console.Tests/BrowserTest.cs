using Microsoft.Playwright;
using RulePlugins.Testing;

namespace RulePlugins.Console.Tests;

/// <summary>
/// The base of a browser test: a fresh browser context and page per test (<see cref="Page"/>, 1280×800, the service as its
/// base address, no key), every page's console errors, uncaught errors and Content-Security-Policy violations collected in
/// <see cref="PageErrors"/>, its answers of 400 and above in <see cref="FailedResponses"/>, and a full-page screenshot of
/// each page of a failed test in <c>screenshots/</c> beside the test binaries, its path written to the test output.
/// Without a browser every test is skipped before it starts.
/// Derived classes carry <c>[Collection(ConsoleCollection.Name)]</c>.
/// </summary>
public abstract class BrowserTest(ConsoleFixture fixture) : IAsyncLifetime
{
    /// <summary>How Chromium's console reports an HTTP error answer; the answer itself is recorded in <see cref="FailedResponses"/>.</summary>
    private const string HttpErrorLine = "Failed to load resource: the server responded with a status of ";

    /// <summary>The default viewport.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>A phone's viewport.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly List<(IBrowserContext Context, IPage Page)> _pages = [];
    private readonly List<string> _errors = [];
    private readonly List<FailedResponse> _failedResponses = [];

    /// <summary>The shared service and browser.</summary>
    protected ConsoleFixture Fixture => fixture;

    /// <summary>The service; <see cref="ServiceInstance.Client"/> calls its API with the key.</summary>
    protected ServiceInstance Service => fixture.Service;

    /// <summary>The test's page at the desktop viewport, opened on nothing yet.</summary>
    protected IPage Page { get; private set; } = null!;

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <summary>
    /// What the test's pages reported so far: console errors (CSP violations among them) and uncaught errors. The browser's
    /// own line for an HTTP error answer ("Failed to load resource: the server responded with a status of ...") is not
    /// among them: that answer is in <see cref="FailedResponses"/>, with its method and status.
    /// </summary>
    protected IReadOnlyList<string> PageErrors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>The answers of 400 and above the test's pages received so far (a page without a key gets 401 from the API).</summary>
    protected IReadOnlyList<FailedResponse> FailedResponses
    {
        get
        {
            lock (_errors)
            {
                return [.. _failedResponses];
            }
        }
    }

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        if (fixture.Chromium.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        Page = await NewPageAsync(Desktop);
    }

    /// <summary>A page in a fresh context of its own (no cookies, no storage), its errors collected with the others.</summary>
    protected async Task<IPage> NewPageAsync(ViewportSize viewport, bool mobile = false)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport,
            BaseURL = fixture.BaseAddress,
            IsMobile = mobile,
            HasTouch = mobile,
        });
        var page = await context.NewPageAsync();
        lock (_errors)
        {
            _pages.Add((context, page));
        }

        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith(HttpErrorLine, StringComparison.Ordinal))
            {
                Record($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"uncaught error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (_errors)
                {
                    _failedResponses.Add(new FailedResponse(response.Request.Method, new Uri(response.Url).PathAndQuery, response.Status));
                }
            }
        };
        return page;
    }

    /// <summary>A page in a fresh context the width of a phone (390×844, touch, the mobile viewport meta honoured).</summary>
    protected Task<IPage> NewPhonePageAsync() => NewPageAsync(Phone, mobile: true);

    /// <summary>Fails the test, listing them, when the test's pages reported any error so far.</summary>
    protected void AssertNoPageErrors()
    {
        var errors = PageErrors;
        Assert.True(errors.Count == 0, $"The page reported {errors.Count} error(s):\n{string.Join("\n", errors)}");
    }

    /// <summary>Types <paramref name="key"/> (by default the service's) into the page's key form and submits it with "Use key".</summary>
    protected static async Task UseApiKeyAsync(IPage page, string key = ServiceInstance.ApiKey)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("#api-key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Use key", Exact = true }).ClickAsync();
    }

    /// <summary>Saves <c>docs/screenshots/NAME.png</c> for the README when <c>UPDATE_SCREENSHOTS=1</c>; otherwise does nothing (<see cref="DocScreenshots"/>).</summary>
    protected static Task<string?> SaveDocScreenshotAsync(IPage page, string name, bool fullPage = false) => DocScreenshots.SaveAsync(page, name, fullPage);

    /// <summary>The folder of the failed tests' screenshots: <c>screenshots/</c> beside the test binaries.</summary>
    public static string FailureScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        List<(IBrowserContext Context, IPage Page)> pages;
        lock (_errors)
        {
            pages = [.. _pages];
        }

        try
        {
            // xunit sets the result before it disposes the test class.
            if (TestContext.Current.TestState?.Result == TestResult.Failed)
            {
                await SaveFailureScreenshotsAsync(pages);
            }
        }
        finally
        {
            foreach (var (context, _) in pages)
            {
                await context.CloseAsync();
            }
        }
    }

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    private static async Task SaveFailureScreenshotsAsync(List<(IBrowserContext Context, IPage Page)> pages)
    {
        var context = TestContext.Current;
        var name = $"{context.TestClass?.TestClassSimpleName ?? "Unknown"}.{context.TestMethod?.MethodName ?? "Unknown"}";
        Directory.CreateDirectory(FailureScreenshotFolder);
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].Page.Url == "about:blank")
            {
                continue;
            }

            var path = Path.Combine(FailureScreenshotFolder, i == 0 ? $"{name}.png" : $"{name}.{i + 1}.png");
            try
            {
                await pages[i].Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                context.TestOutputHelper?.WriteLine($"Screenshot of the failed test's page at {pages[i].Page.Url}: {path}");
            }
            catch (PlaywrightException e)
            {
                context.TestOutputHelper?.WriteLine($"No screenshot of the failed test's page at {pages[i].Page.Url}: {e.Message}");
            }
        }
    }
}
