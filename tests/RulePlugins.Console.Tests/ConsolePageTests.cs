namespace RulePlugins.Console.Tests;

/// <summary>The console's page as a browser loads it, without a key.</summary>
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
        await Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await SaveDocScreenshotAsync(Page, "console-home");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Root_OnPhoneWidth_LoadsAtPhoneWidthWithoutErrors()
    {
        var phone = await NewPhonePageAsync();

        var response = await phone.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        Assert.Equal(Phone.Width, await phone.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.Equal("RulePlugins console", await phone.TitleAsync());
        await phone.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        AssertNoPageErrors();
    }
}
