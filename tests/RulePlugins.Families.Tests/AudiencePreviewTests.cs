using System.Text.Json;
using System.Text.Json.Nodes;
using RulePlugins.Plugins.Campaigns;
using RulePlugins.Plugins.Goals;
using RulePlugins.Plugins.Loyalty;
using RulePlugins.Plugins.Market;
using RulePlugins.Plugins.ProfileFields;
using RulePlugins.Plugins.Scenarios;
using RulePlugins.Plugins.Segments;
using RulePlugins.Plugins.Segments.DemoData;
using RulePlugins.Plugins.Weblayers;
using RulePlugins.Sdk;
using RulePlugins.Testing;

namespace RulePlugins.Families.Tests;

/// <summary>
/// On the demo database of every family, an audience preview's counts are what recalculations store: the root's for
/// each example segment, and each inner node's against that node saved as a segment of its own and recalculated.
/// </summary>
public sealed class AudiencePreviewTests
{
    private static IRulePlugin[] Plugins =>
        [new ProfileFieldsPlugin(), new MarketPlugin(), new ScenariosPlugin(), new CampaignsPlugin(), new SegmentsPlugin(), new WeblayersPlugin(), new GoalsPlugin(), new LoyaltyPlugin()];

    [Fact]
    public async Task CountAudienceAsync_EveryExampleAndItsNodes_EqualsTheRecalculatedMembers()
    {
        using var db = new TestDatabase(Plugins);
        var engine = db.Engine;
        engine.GenerateDemoData(1_500);

        // The static segment the segments plugin's example reads, as the demo imports it: every seventh profile.
        engine.CreateStaticSegment(SegmentsDemoData.StaticSegmentId, "VIP customers");
        var csv = "profile_id\n" + string.Join("\n", Enumerable.Range(1, 1_500 / 7).Select(i => i * 7));
        engine.ImportMembers(SegmentsDemoData.StaticSegmentId, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), Engine.Store.ImportFormat.Csv, Engine.Store.ImportMode.Replace);
        var profileExamples = new List<string>();
        foreach (var json in engine.ExampleSegments())
        {
            var saved = engine.Save(json);
            if (engine.GetSubject(saved.Id) == SubjectKinds.Profile)
            {
                profileExamples.Add(saved.Id);
            }
        }

        foreach (var id in engine.InDependencyOrder(profileExamples))
        {
            engine.Recalculate(id);
        }

        var families = new HashSet<string>();
        var nodesChecked = 0;
        foreach (var id in profileExamples)
        {
            var document = engine.GetVersion(id)!.Document;
            var count = await engine.CountAudienceAsync(document, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(engine.MemberCount(id) == count.Members, $"{id}: preview {count.Members}, recalculation {engine.MemberCount(id)}");
            families.UnionWith(JsonNode.Parse(document)!["rules"]!.ToJsonString().Split("\"type\":\"").Skip(1).Select(t => t[..t.IndexOf('.')]));

            // Each inner node on its own, saved and recalculated as a segment, while the plugins keep their data.
            foreach (var node in count.Nodes.Skip(1).Where(_ => count.Nodes.Count > 2).Take(6))
            {
                var alone = Alone(document, node.Path, $"{id}-node-{nodesChecked++}");
                engine.Save(alone);
                var run = engine.Recalculate(JsonNode.Parse(alone)!["id"]!.GetValue<string>());
                Assert.True(run.Members == node.Count, $"{id} {node.Path}: preview {node.Count}, recalculation {run.Members}");
            }
        }

        Assert.True(profileExamples.Count >= 15, $"only {profileExamples.Count} profile examples");
        Assert.True(nodesChecked >= 10, $"only {nodesChecked} inner nodes checked");
        Assert.Superset(new HashSet<string> { "profile", "market", "scenarios", "campaigns", "segments", "weblayers", "goals", "loyalty" }, families);
    }

    // The node at path (rules.items[1].items[0]) as the root of a new document: a group as it is, a condition in an AND group.
    private static string Alone(string document, string path, string id)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        JsonNode node = root["rules"]!;
        foreach (var step in path.Split('.').Skip(1))
        {
            var index = int.Parse(step["items[".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            node = node["items"]![index]!;
        }

        var rules = node["op"] is null ? new JsonObject { ["op"] = "and", ["items"] = new JsonArray(node.DeepClone()) } : node.DeepClone();
        root["id"] = id;
        root["name"] = id;
        root["rules"] = rules;
        root.Remove("schedule");
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
