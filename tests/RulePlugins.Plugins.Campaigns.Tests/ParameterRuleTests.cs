using RulePlugins.Engine.Validation;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Campaigns.Tests;

/// <summary>
/// The family's per-operator parameter rules as saving enforces them for both condition types: a parameter an
/// operator does not use is refused, one it needs must be given, and a period may not end before it begins. Each
/// refusal names the parameter's path and stores nothing.
/// </summary>
public sealed class ParameterRuleTests : IDisposable
{
    private readonly CampaignsBed _db = new();

    public static TheoryData<string, string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var kind in SpellKind.All)
        {
            data.Add(kind.Name, """{"operator": "currently_in", "times": 2}""", "times", "is not used when operator is 'currently_in'");
            data.Add(kind.Name, """{"operator": "never_entered", "last_days": 30}""", "last_days", "is not used when operator is 'never_entered'");
            data.Add(kind.Name, """{"operator": "not_entered_last_days"}""", "last_days", "is required when operator is 'not_entered_last_days'");
            data.Add(kind.Name, """{"operator": "entered_times_last_days", "last_days": 30}""", "times", "is required when operator is 'entered_times_last_days'");
            data.Add(kind.Name, """{"operator": "not_entered_in_period", "from": "2026-02-01", "to": "2026-01-31"}""", "to", "must not be before from (2026-02-01), got 2026-01-31");
            data.Add(kind.Name, """{"operator": "in_campaign"}""", "operator", "\"in_campaign\" is not allowed; allowed values: currently_in, currently_not_in, ever_entered");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Save_ParameterTheOperatorRefusesOrLacks_IsRefusedAtItsPathAndStoresNothing(string kind, string parameters, string parameter, string message)
    {
        var spellKind = SpellKind.Named(kind);
        var document = Documents.Single("refused", spellKind.Type, CampaignsBed.On(spellKind, parameters).ToObject());

        var error = Assert.Single(Assert.Throws<SegmentValidationException>(() => _db.Bed.Engine.Save(document)).Errors);

        Assert.Equal($"rules.items[0].params.{parameter}", error.Path);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(_db.Bed.Engine.Segments());
    }

    public void Dispose() => _db.Dispose();
}
