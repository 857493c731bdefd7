using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RulePlugins.Console.Tests;

/// <summary>The catalogue page lists what the API's catalogue holds: every plugin with its version, every condition type with its parameters.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class CataloguePageTests(ConsoleFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Catalogue_EveryPluginAndConditionType_ListedAsTheApiHasThem()
    {
        await Page.GotoAsync("/#/catalogue");
        await UseApiKeyAsync(Page);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Catalogue", Exact = true })).ToBeVisibleAsync();
        var plugins = await Service.Client.GetFromJsonAsync<JsonElement>("/plugins", CancellationToken);
        var types = await Service.Client.GetFromJsonAsync<JsonElement>("/condition-types", CancellationToken);

        foreach (var plugin in plugins.GetProperty("plugins").EnumerateArray())
        {
            var row = Page.Locator("table.data tbody tr").Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = plugin.GetProperty("name").GetString()!, Exact = true }) });
            await Expect(row.Locator("td").First).ToHaveTextAsync(plugin.GetProperty("version").GetString()!);
        }

        await Expect(Page.Locator("details.type")).ToHaveCountAsync(types.GetArrayLength());
        var first = types[0];
        var details = Page.Locator("details.type").Filter(new() { HasText = first.GetProperty("id").GetString()! }).First;
        await details.Locator("summary").ClickAsync();
        await Expect(details.Locator("table.params tbody tr")).ToHaveCountAsync(first.GetProperty("parameters").GetArrayLength());
        await Expect(Page.GetByText("None: every plugin in the folder loaded.")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    // Presses Tab until the element has the focus, at most max times.
    private async Task TabUntilFocusedAsync(ILocator target, int max)
    {
        for (var i = 0; i < max && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await Page.Keyboard.PressAsync("Tab");
        }

        await Expect(target).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Builder_KeyboardAlone_AddsAConditionChoosesItsTypeAndFillsIt()
    {
        await Page.GotoAsync("/#/builder");
        await UseApiKeyAsync(Page);
        var add = Page.GetByRole(AriaRole.Button, new() { Name = "Add a condition to rules", Exact = true });
        await add.FocusAsync();

        await Page.Keyboard.PressAsync("Enter");

        // The new condition's type dropdown takes the focus; choosing from it and tabbing on fills the condition.
        var type = Page.Locator("[data-path='rules.items[0]'] .type-select");
        await Expect(type).ToBeFocusedAsync();
        await type.SelectOptionAsync("profile.city");
        await Expect(type).ToBeFocusedAsync();
        var op = Page.Locator("[data-path='rules.items[0]'] [data-param='operator'] select");
        await TabUntilFocusedAsync(op, 6);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("Kazan");

        await Expect(Page.Locator("[data-path='rules.items[0]'] [data-param='value'] input")).ToHaveValueAsync("Kazan");
        await Expect(Page.Locator(".diagram [data-path='rules.items[0]']")).ToContainTextAsync("city equals \"Kazan\"", new() { Timeout = 20_000 });
        AssertNoPageErrors();
    }
}
