using RulePlugins.Engine;
using RulePlugins.Engine.Store;
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
/// Every family's demo data for 1,500 profiles on SQLite, the static segment the segments plugin's example reads (every
/// seventh profile, as the demo imports it), and every example segment saved and its profile segments recalculated.
/// </summary>
public sealed class DemoDatabaseFixture : IDisposable
{
    public const int Profiles = 1_500;

    private readonly TestDatabase _db =
        new(new ProfileFieldsPlugin(), new MarketPlugin(), new ScenariosPlugin(), new CampaignsPlugin(), new SegmentsPlugin(), new WeblayersPlugin(), new GoalsPlugin(), new LoyaltyPlugin());

    public DemoDatabaseFixture()
    {
        Engine.GenerateDemoData(Profiles);
        Engine.CreateStaticSegment(SegmentsDemoData.StaticSegmentId, "VIP customers");
        var csv = "profile_id\n" + string.Join("\n", Enumerable.Range(1, Profiles / 7).Select(i => i * 7));
        Engine.ImportMembers(SegmentsDemoData.StaticSegmentId, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), ImportFormat.Csv, ImportMode.Replace);
        var profileExamples = new List<string>();
        foreach (var json in Engine.ExampleSegments())
        {
            var saved = Engine.Save(json);
            if (Engine.GetSubject(saved.Id) == SubjectKinds.Profile)
            {
                profileExamples.Add(saved.Id);
            }
        }

        foreach (var id in Engine.InDependencyOrder(profileExamples))
        {
            Engine.Recalculate(id);
        }

        ProfileExamples = profileExamples;
    }

    public RuleEngine Engine => _db.Engine;

    /// <summary>The example profile segments, saved and recalculated, in catalogue order.</summary>
    public IReadOnlyList<string> ProfileExamples { get; }

    /// <summary>The condition families (the part of a type id before its dot) a document uses.</summary>
    public static IEnumerable<string> Families(string document) =>
        System.Text.Json.Nodes.JsonNode.Parse(document)!["rules"]!.ToJsonString().Split("\"type\":\"").Skip(1).Select(t => t[..t.IndexOf('.')]);

    public static readonly IReadOnlySet<string> AllFamilies = new HashSet<string> { "profile", "market", "scenarios", "campaigns", "segments", "weblayers", "goals", "loyalty" };

    public void Dispose() => _db.Dispose();
}
