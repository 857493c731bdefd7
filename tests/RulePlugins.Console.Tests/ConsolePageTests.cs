using System.Text.Json;
using Microsoft.Playwright;
using RulePlugins.Testing;

namespace RulePlugins.Console.Tests;

/// <summary>The console's page as a browser loads it, without a key and then with it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsolePageTests(ConsoleFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Root_InBrowser_Returns200WithTitleAndStrictCspAndNoErrors()
    {
        var response = await Page.GotoAsync("/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("RulePlugins console", await Page.TitleAsync());
        var policy = await response.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await SaveDocScreenshotAsync(Page, "console-no-key");
        AssertNoPageErrors();
        AssertOnlyKeyRefusals();
    }

    [Fact]
    public async Task Root_OnPhoneWidth_LoadsAtPhoneWidthWithoutErrorsOrSidewaysScroll()
    {
        var phone = await NewPhonePageAsync();

        var response = await phone.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        Assert.Equal("RulePlugins console", await phone.TitleAsync());
        await phone.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertFitsPhoneWidthAsync(phone);
        AssertNoPageErrors();
        AssertOnlyKeyRefusals();
    }

    [Fact]
    public async Task SegmentsPage_OnPhoneWidthWithKey_DoesNotScrollSideways()
    {
        var phone = await NewPhonePageAsync();
        await phone.GotoAsync("/#/segments");

        await UseApiKeyAsync(phone);

        await Assertions.Expect(phone.Locator("#main").GetByRole(AriaRole.Rowheader).First).ToBeVisibleAsync();
        await AssertFitsPhoneWidthAsync(phone);
        await SaveDocScreenshotAsync(phone, "console-segments-phone");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task UseApiKey_OnSegmentsPage_ListsTheSegmentsTheApiHas()
    {
        await Page.GotoAsync("/#/segments");

        await UseApiKeyAsync(Page);

        var rowHeaders = Page.Locator("#main").GetByRole(AriaRole.Rowheader);
        await Assertions.Expect(rowHeaders.First).ToBeVisibleAsync();
        var shown = (await rowHeaders.AllInnerTextsAsync()).Select(text => text.Trim()).Order(StringComparer.Ordinal).ToList();
        using var response = await Service.Client.GetAsync("/segments", CancellationToken);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken));
        var stored = list.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(stored, shown);
        Assert.All(Fixture.ProfileExamples, id => Assert.Contains(id, shown));
        Assert.Contains(ConsoleFixture.StaticSegmentId, shown);
        Assert.DoesNotContain(ServiceInstance.ApiKey, Page.Url, StringComparison.Ordinal);
        await SaveDocScreenshotAsync(Page, "console-segments");
        AssertNoPageErrors();
    }

    /// <summary>
    /// Fails unless the page is no wider than the phone: wide content scrolls inside its own box, not the page. A phone
    /// widens its layout viewport to content wider than the screen, so both the document and the viewport are compared with
    /// the screen's width.
    /// </summary>
    private static async Task AssertFitsPhoneWidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= Phone.Width && widths[1] == Phone.Width,
            $"The page is {widths[0]} px wide (layout viewport {widths[1]} px) on a {Phone.Width} px screen.");
    }

    /// <summary>Without a key only the API refuses (401: the console asks whether it may read, the browser asks for an icon); no asset fails.</summary>
    private void AssertOnlyKeyRefusals()
    {
        var failed = FailedResponses;
        Assert.All(failed, r => Assert.Equal(401, r.Status));
        Assert.DoesNotContain(failed, r => r.Path == "/" || r.Path.StartsWith("/console/", StringComparison.Ordinal));
    }
}
