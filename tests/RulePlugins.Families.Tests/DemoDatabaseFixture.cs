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
        ProfileExamples = DemoExamples.SaveAndRecalculate(Engine, Profiles, SegmentsDemoData.StaticSegmentId);
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
