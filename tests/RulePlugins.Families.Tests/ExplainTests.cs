namespace RulePlugins.Families.Tests;

/// <summary>
/// On the demo database of every family, explaining a profile gives the stored membership of the last run: for members
/// and non-members of every example segment.
/// </summary>
public sealed class ExplainTests(DemoDatabaseFixture demo) : IClassFixture<DemoDatabaseFixture>
{
    [Fact]
    public void Explain_MembersAndNonMembersOfEveryExample_AgreesWithTheStoredMembership()
    {
        var engine = demo.Engine;
        var families = new HashSet<string>();
        var explained = 0;
        foreach (var id in demo.ProfileExamples)
        {
            var members = engine.Members(id, limit: DemoDatabaseFixture.Profiles).ToHashSet();
            var chosen = members.Take(3).Concat(Enumerable.Range(1, DemoDatabaseFixture.Profiles).Select(i => (long)i).Where(p => !members.Contains(p)).Take(3));
            foreach (var profile in chosen)
            {
                var explanation = engine.Explain(id, profile);
                Assert.True(explanation.Member == members.Contains(profile), $"{id}, profile {profile}: explained {explanation.Member}, stored {members.Contains(profile)}");
                Assert.Equal(members.Contains(profile), explanation.StoredMember);
                Assert.Equal(explanation.Member, explanation.Root.Held);
                explained++;
            }

            families.UnionWith(DemoDatabaseFixture.Families(engine.GetVersion(id)!.Document));
        }

        Assert.True(explained >= 60, $"only {explained} profiles explained");
        Assert.Superset(DemoDatabaseFixture.AllFamilies.ToHashSet(), families);
    }
}
