using System.Globalization;
using System.Text;
using RulePlugins.Engine;
using RulePlugins.Engine.Store;
using RulePlugins.Sdk;

namespace RulePlugins.Testing;

/// <summary>The plugins' example segments on a demo database, as the demo sets them up.</summary>
public static class DemoExamples
{
    /// <summary>
    /// Creates the static segment an example reads (<paramref name="staticSegmentId"/>, every seventh profile of
    /// <paramref name="profiles"/>, as the demo imports it), saves every example segment, and recalculates the profile
    /// ones in dependency order. Returns the profile examples' ids in catalogue order.
    /// </summary>
    public static IReadOnlyList<string> SaveAndRecalculate(RuleEngine engine, int profiles, string staticSegmentId)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.CreateStaticSegment(staticSegmentId, "VIP customers");
        var csv = new StringBuilder("profile_id\n");
        for (var profile = 7; profile <= profiles; profile += 7)
        {
            csv.Append(profile.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        engine.ImportMembers(staticSegmentId, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), ImportFormat.Csv, ImportMode.Replace);
        var profileExamples = new List<string>();
        foreach (var document in engine.ExampleSegments())
        {
            var saved = engine.Save(document);
            if (engine.GetSubject(saved.Id) == SubjectKinds.Profile)
            {
                profileExamples.Add(saved.Id);
            }
        }

        foreach (var id in engine.InDependencyOrder(profileExamples))
        {
            engine.Recalculate(id);
        }

        return profileExamples;
    }
}
