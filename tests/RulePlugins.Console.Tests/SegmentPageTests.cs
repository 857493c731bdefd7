using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RulePlugins.Console.Tests;

/// <summary>
/// A segment's page and the order tester as a user reads them: the list's member counts, a recalculation watched to
/// its end, the member count equal to the API's, "why (not)" for a member and a non-member, and an order tested
/// against an order segment, each answer checked against the API.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SegmentPageTests(ConsoleFixture fixture) : BrowserTest(fixture)
{
    private const string Segment = "moscow-adults";

    private async Task<JsonElement> GetAsync(string path) => await Service.Client.GetFromJsonAsync<JsonElement>(path, CancellationToken);

    private static long Number(string? text) => long.Parse(text!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [Fact]
    public async Task SegmentsList_EveryProfileSegment_ShowsTheApisMemberCount()
    {
        await Page.GotoAsync("/#/segments");
        await UseApiKeyAsync(Page);
        await Expect(Page.Locator("table.segments tbody tr").First).ToBeVisibleAsync();

        var segments = await GetAsync("/segments");
        foreach (var segment in segments.EnumerateArray().Where(s => s.GetProperty("subject").GetString() == "profile"))
        {
            var id = segment.GetProperty("id").GetString()!;
            var members = await GetAsync($"/segments/{id}/members?limit=1");
            Assert.Equal(members.GetProperty("total").GetInt64(), Number(await Page.Locator($"tr[data-segment='{id}'] [data-members]").TextContentAsync()));
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task Recalculate_FromTheSegmentPage_ProgressToTheEndAndTheMemberCountOfTheApi()
    {
        await Page.GotoAsync($"/#/segments/{Segment}");
        await UseApiKeyAsync(Page);
        var runsBefore = (await GetAsync($"/segments/{Segment}/runs")).GetProperty("items").GetArrayLength();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Recalculate", Exact = true }).ClickAsync();

        await Expect(Page.Locator(".recalc")).ToContainTextAsync("succeeded", new() { Timeout = 60_000 });
        await Expect(Page.Locator("[data-progress]")).ToContainTextAsync($"{ConsoleFixture.Profiles:N0} / {ConsoleFixture.Profiles:N0} profiles scanned");
        await Expect(Page.Locator("progress")).ToHaveAttributeAsync("value", "100");
        var total = (await GetAsync($"/segments/{Segment}/members?limit=1")).GetProperty("total").GetInt64();
        await Expect(Page.Locator("[data-member-count]")).ToHaveTextAsync(total.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(Page.Locator("table.runs tbody tr")).ToHaveCountAsync(Math.Min(10, runsBefore + 1));
        await SaveDocScreenshotAsync(Page, "segment-page", fullPage: true);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task WhyNot_OneMemberAndOneNonMember_AnswerAsTheApiAndTheStoredMembership()
    {
        var members = (await GetAsync($"/segments/{Segment}/members?limit=1000")).GetProperty("items").EnumerateArray().Select(m => m.GetInt64()).ToHashSet();
        var member = members.First();
        var nonMember = Enumerable.Range(1, ConsoleFixture.Profiles).Select(i => (long)i).First(i => !members.Contains(i));
        await Page.GotoAsync($"/#/segments/{Segment}");
        await UseApiKeyAsync(Page);

        foreach (var (profile, isMember) in new[] { (member, true), (nonMember, false) })
        {
            await Page.Locator("#explain-profile").FillAsync(profile.ToString(CultureInfo.InvariantCulture));
            await Page.GetByRole(AriaRole.Button, new() { Name = "Explain", Exact = true }).ClickAsync();

            var verdict = Page.Locator(".explanation .verdict");
            await Expect(verdict).ToContainTextAsync($"Profile {profile} is {(isMember ? "" : "not ")}a member");
            var api = await GetAsync($"/segments/{Segment}/explain/{profile}");
            Assert.Equal(isMember, api.GetProperty("member").GetBoolean());
            var tree = Page.GetByRole(AriaRole.Tree);
            await Expect(tree.GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(3);
            var conditions = api.GetProperty("root").GetProperty("items").EnumerateArray().ToList();
            foreach (var condition in conditions)
            {
                var item = tree.Locator($"[data-path='{condition.GetProperty("path").GetString()}']");
                await Expect(item.Locator(".held").First).ToHaveTextAsync(condition.GetProperty("held").GetBoolean() ? "held" : "not held");
            }

            // The age condition shows the age it compared.
            await Expect(tree.Locator("[data-path='rules.items[1]'] .value")).ToContainTextAsync($"value compared: {conditions[1].GetProperty("value").GetString()}");
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task SourceDiff_TwoVersions_ShowsTheChangedLines()
    {
        static StringContent Adults(int age) => new(
            """{"schemaVersion":1,"id":"console-diff","name":"Adults","rules":{"op":"and","items":[{"type":"profile.age","params":{"operator":"greater_or_equal","value":AGE}}]}}"""
                .Replace("AGE", age.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            System.Text.Encoding.UTF8, "application/json");
        (await Service.Client.PutAsync("/segments/console-diff", Adults(18), CancellationToken)).EnsureSuccessStatusCode();
        (await Service.Client.PutAsync("/segments/console-diff", Adults(21), CancellationToken)).EnsureSuccessStatusCode();
        await Page.GotoAsync("/#/segments/console-diff");
        await UseApiKeyAsync(Page);

        await Page.Locator("#source-compare").SelectOptionAsync("1");

        await Expect(Page.Locator(".diff-added").First).ToBeVisibleAsync();
        var added = await Page.Locator(".diff-added").AllTextContentsAsync();
        var removed = await Page.Locator(".diff-removed").AllTextContentsAsync();
        Assert.Contains(added, l => l.Contains(">= 21L", StringComparison.Ordinal));
        Assert.Contains(removed, l => l.Contains(">= 18L", StringComparison.Ordinal));
        Assert.DoesNotContain(added, l => l.Contains(">= 18L", StringComparison.Ordinal));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task OrderTester_TheExampleOrder_AnswersAsTheApi()
    {
        var segment = "website-cart-10-percent";
        await Page.GotoAsync($"/#/orders/{segment}");
        await UseApiKeyAsync(Page);
        var order = await Page.Locator("#order-json").InputValueAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Test the order", Exact = true }).ClickAsync();

        var answer = await (await Service.Client.PostAsync($"/order-segments/{segment}/evaluate?explain=true", new StringContent(order, System.Text.Encoding.UTF8, "application/json"), CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(CancellationToken);
        await Expect(Page.Locator(".explanation .verdict")).ToContainTextAsync(answer.GetProperty("matched").GetBoolean() ? "Matched" : "Not matched");
        await Expect(Page.GetByRole(AriaRole.Tree).GetByRole(AriaRole.Treeitem)).ToHaveCountAsync(1 + answer.GetProperty("explanation").GetProperty("items").GetArrayLength());

        await Page.Locator("#order-json").FillAsync("""{"currency":"RUB","channel":"mobile_app","items":[]}""");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Test the order", Exact = true }).ClickAsync();
        await Expect(Page.Locator(".explanation .verdict")).ToContainTextAsync("Not matched");
        AssertNoPageErrors();
    }
}
