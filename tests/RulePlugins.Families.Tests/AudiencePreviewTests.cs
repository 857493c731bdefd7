using System.Text.Json;
using System.Text.Json.Nodes;

namespace RulePlugins.Families.Tests;

/// <summary>
/// On the demo database of every family, an audience preview's counts are what recalculations store: the root's for
/// each example segment, and each inner node's against that node saved as a segment of its own and recalculated.
/// </summary>
public sealed class AudiencePreviewTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public async Task CountAudienceAsync_EveryExampleAndItsNodes_EqualsTheRecalculatedMembers()
    {
        var engine = demo.Engine;
        var profileExamples = demo.ProfileExamples;
        var families = new HashSet<string>();
        var nodesChecked = 0;
        foreach (var id in profileExamples)
        {
            var document = engine.GetVersion(id)!.Document;
            var count = await engine.CountAudienceAsync(document, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(engine.MemberCount(id) == count.Members, $"{id}: preview {count.Members}, recalculation {engine.MemberCount(id)}");
            families.UnionWith(DemoDatabaseFixture.Families(document));

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
        Assert.Superset(DemoDatabaseFixture.AllFamilies.ToHashSet(), families);
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
