using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RulePlugins.Testing;
using static Microsoft.Playwright.Assertions;

namespace RulePlugins.Console.Tests;

/// <summary>
/// The rule builder as a marketer uses it: a nested segment built from the catalogue, an error shown on the node it
/// names and fixed, the seed's OR-with-negations flaw warned about, per-node counts equal to the API's, save, and the
/// generated source.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class BuilderFlowTests(ConsoleFixture fixture) : BrowserTest(fixture)
{
    private ILocator Node(string path) => Page.Locator($"[data-path='{path}']").First;

    private ILocator Param(string path, string name) => Node(path).Locator($"[data-param='{name}']").First;

    private ILocator ErrorsOf(string path) => Page.Locator($"[data-errors-for='{path}']").First;

    private async Task ChooseTypeAsync(string path, string typeId) =>
        await Node(path).Locator(".type-select").First.SelectOptionAsync(typeId);

    private async Task OpenBuilderAsync(string id, string name)
    {
        await Page.GotoAsync("/#/builder");
        await UseApiKeyAsync(Page);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Rule builder" })).ToBeVisibleAsync();
        await Page.Locator("#doc-id").FillAsync(id);
        await Page.Locator("#doc-name").FillAsync(name);
    }

    private Task AddConditionAsync(string groupPath) =>
        Page.GetByRole(AriaRole.Button, new() { Name = $"Add a condition to {groupPath}", Exact = true }).ClickAsync();

    private Task AddGroupAsync(string groupPath) =>
        Page.GetByRole(AriaRole.Button, new() { Name = $"Add a group to {groupPath}", Exact = true }).ClickAsync();

    private async Task<JsonObject> DraftAsync() =>
        JsonNode.Parse((await Page.Locator("pre.json").TextContentAsync())!)!.AsObject();

    private async Task<long> CountShownAsync(string path) =>
        long.Parse((await Page.Locator($"[data-count-for='{path}']").TextContentAsync())!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    // A profile condition, then an OR group holding a market condition and a participation condition.
    private async Task BuildNestedAsync()
    {
        await AddConditionAsync("rules");
        await ChooseTypeAsync("rules.items[0]", "profile.city");
        await Param("rules.items[0]", "operator").Locator("select").SelectOptionAsync("equals");
        await Param("rules.items[0]", "value").Locator("input").FillAsync("Moscow");

        await AddGroupAsync("rules");
        await ChooseTypeAsync("rules.items[1].items[0]", "market.orders");
        await Param("rules.items[1].items[0]", "operator").Locator("select").SelectOptionAsync("exists");
        await Param("rules.items[1].items[0]", "created_in_last_days").Locator("input").FillAsync("90");
        await AddConditionAsync("rules.items[1]");
        await ChooseTypeAsync("rules.items[1].items[1]", "segments.membership");
        await Param("rules.items[1].items[1]", "segment").Locator("input").FillAsync("moscow-adults");
        await Param("rules.items[1].items[1]", "operator").Locator("select").SelectOptionAsync("in_segment");
    }

    [Fact]
    public async Task Builder_NestedSegmentFromTheCatalogue_CountsEqualTheApiAndSaveShowsTheSource()
    {
        await OpenBuilderAsync("console-nested", "Moscow, and recent buyers or adults");
        await BuildNestedAsync();

        await Expect(Page.Locator(".builder-preview .status")).ToContainTextAsync("counted in", new() { Timeout = 20_000 });
        var draft = await DraftAsync();
        Assert.Equal("or", draft["rules"]!["items"]![1]!["op"]!.GetValue<string>());
        var preview = await Service.Client.PostAsJsonAsync("/segments/preview?count=true", draft, CancellationToken);
        preview.EnsureSuccessStatusCode();
        var audience = (await preview.Content.ReadFromJsonAsync<JsonElement>(CancellationToken)).GetProperty("audience");
        foreach (var node in audience.GetProperty("nodes").EnumerateArray())
        {
            Assert.Equal(node.GetProperty("count").GetInt64(), await CountShownAsync(node.GetProperty("path").GetString()!));
        }

        Assert.Equal(5, audience.GetProperty("nodes").GetArrayLength());
        await SaveDocScreenshotAsync(Page, "builder", fullPage: true);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save segment", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".save-status")).ToContainTextAsync("Saved version 1");
        var stored = await Service.Client.GetFromJsonAsync<JsonElement>("/segments/console-nested", CancellationToken);
        Assert.Equal("ready", stored.GetProperty("status").GetString());

        await Page.GetByRole(AriaRole.Link, new() { Name = "Open the segment page" }).ClickAsync();
        var source = await Service.Client.GetStringAsync("/segments/console-nested/source", CancellationToken);
        await Expect(Page.Locator("pre.source")).ToContainTextAsync("rules.items[1].items[1]");
        Assert.Equal(source.Trim(), (await Page.Locator("pre.source").TextContentAsync())!.Trim());
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Builder_MissingValueThenFixed_ErrorOnTheParameterThenGone()
    {
        await OpenBuilderAsync("console-error", "Errors shown where they are");
        await AddConditionAsync("rules");
        await AddGroupAsync("rules");
        await ChooseTypeAsync("rules.items[1].items[0]", "profile.age");
        await Param("rules.items[1].items[0]", "operator").Locator("select").SelectOptionAsync("greater");
        await ChooseTypeAsync("rules.items[0]", "profile.gender");
        await Param("rules.items[0]", "operator").Locator("select").SelectOptionAsync("is_not_empty");

        var slot = ErrorsOf("rules.items[1].items[0].params.value");
        await Expect(slot).ToContainTextAsync("required", new() { Timeout = 20_000 });
        await Expect(Param("rules.items[1].items[0]", "value").Locator("input")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(ErrorsOf("rules.items[0]")).ToBeEmptyAsync();

        await Param("rules.items[1].items[0]", "value").Locator("input").FillAsync("30");

        await Expect(slot).ToBeEmptyAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator(".builder-preview .status")).ToContainTextAsync("counted in");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Builder_OrOfNegations_WarnedOnTheGroupAndMarkedOnTheDiagram()
    {
        await OpenBuilderAsync("console-flaw", "Not Moscow or not Kazan");
        await Page.GetByRole(AriaRole.Radio, new() { Name = "ANY may hold (OR)" }).First.CheckAsync();
        foreach (var (index, city) in new[] { (0, "Moscow"), (1, "Kazan") })
        {
            await AddConditionAsync("rules");
            await ChooseTypeAsync($"rules.items[{index}]", "profile.city");
            await Param($"rules.items[{index}]", "operator").Locator("select").SelectOptionAsync("not_equals");
            await Param($"rules.items[{index}]", "value").Locator("input").FillAsync(city);
        }

        await Expect(ErrorsOf("rules")).ToContainTextAsync("or-of-negations", new() { Timeout = 20_000 });
        await Expect(Page.Locator(".diagram [data-path='rules']").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("warned"));
        await Expect(Page.Locator(".diagram [data-path='rules.items[0]']").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("warned"));
        await SaveDocScreenshotAsync(Page, "diagram-warning", fullPage: true);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply the suggested rewrite" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "ALL must hold (AND)" }).First).ToBeCheckedAsync();
        await Expect(ErrorsOf("rules")).Not.ToContainTextAsync("or-of-negations", new() { Timeout = 20_000 });
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Builder_Keyboard_DiagramIsATreeTheArrowKeysWalk()
    {
        await OpenBuilderAsync("console-keys", "Keyboard");
        await BuildNestedAsync();
        await Expect(Page.Locator(".builder-preview .status")).ToContainTextAsync("counted in", new() { Timeout = 20_000 });

        var root = Page.Locator(".diagram [data-path='rules']").First;
        await root.FocusAsync();
        await Page.Keyboard.PressAsync("ArrowDown");
        await Expect(Page.Locator(".diagram [data-path='rules.items[0]']").First).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("ArrowDown");
        await Page.Keyboard.PressAsync("ArrowLeft");
        await Expect(Page.Locator(".diagram [data-path='rules.items[1]']").First).ToHaveAttributeAsync("aria-expanded", "false");
        await Page.Keyboard.PressAsync("End");
        await Expect(Page.Locator(".diagram [data-path='rules.items[1]']").First).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Builder_PhoneWidth_NoSidewaysScrolling()
    {
        var phone = await NewPhonePageAsync();
        await phone.GotoAsync("/#/builder");
        await UseApiKeyAsync(phone);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Add a condition to rules", Exact = true }).ClickAsync();
        await phone.Locator("[data-path='rules.items[0]'] .type-select").SelectOptionAsync("market.orders");

        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(overflow <= 0, $"the builder is {overflow} px wider than the phone screen");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ForgetKey_WithADraftOpen_TheTabHoldsNoKeyAndAReplaceIsRefused()
    {
        await OpenBuilderAsync("console-no-key", "Forgotten key");
        await AddConditionAsync("rules");
        await ChooseTypeAsync("rules.items[0]", "profile.gender");
        await Param("rules.items[0]", "operator").Locator("select").SelectOptionAsync("is_empty");
        Assert.DoesNotContain(ServiceInstance.ApiKey, Page.Url, StringComparison.Ordinal);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Forget", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "An API key is needed" })).ToBeVisibleAsync();
        Assert.Null(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('ruleplugins.apiKey')"));
        Assert.Empty(await Page.Context.CookiesAsync());
        var status = await Page.EvaluateAsync<int>(
            "async () => (await fetch('/segments/console-no-key', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status");
        Assert.Equal(401, status);
        var missing = await Service.Client.GetAsync("/segments/console-no-key", CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
