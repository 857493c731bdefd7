namespace RulePlugins.Reliability.Tests;

/// <summary>What the catalogue advertises, over every loaded condition type: nothing a rule builder could offer but never use.</summary>
public sealed class CatalogueConsistencyTests
{
    [Fact]
    public void Catalogue_RequiredWhen_NamesOnlyValuesTheControllingParameterAllows()
    {
        var problems = new List<string>();
        foreach (var registration in RealPlugins.Catalog.ConditionTypes)
        {
            var type = registration.Type;
            foreach (var parameter in type.Parameters.Where(p => p.RequiredWhen is not null))
            {
                var when = parameter.RequiredWhen!;
                var controller = type.Parameters.FirstOrDefault(p => p.Name == when.Parameter);
                if (controller?.AllowedValues is not { } allowed)
                {
                    problems.Add($"{type.Id}.{parameter.Name}: depends on '{when.Parameter}', which is not a parameter with allowed values");
                    continue;
                }

                var foreign = when.Values.Where(v => !allowed.Contains(v, StringComparer.Ordinal)).ToList();
                if (foreign.Count > 0)
                {
                    problems.Add($"{type.Id}.{parameter.Name}: required when {when.Parameter} is {string.Join("|", foreign)}, which {when.Parameter} does not allow ({string.Join(", ", allowed)})");
                }
                else if (when.Values.Count == 0)
                {
                    problems.Add($"{type.Id}.{parameter.Name}: required for no value of {when.Parameter}, so it can never be given");
                }
            }
        }

        Assert.True(RealPlugins.Catalog.ConditionTypes.Count() >= 20, "the plugin folder should hold the profile and market plugins");
        Assert.Empty(problems);
    }
}
