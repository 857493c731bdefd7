using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Conditions;
using RulePlugins.Testing;
using static RulePlugins.TestPlugins.ChannelActivity.Tests.ActivityDatabase;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>
/// The per-operator rules of <c>times</c> (optional for exists and not_exists, required for at_least, refused for
/// not_once) as the catalogue states them and as saving enforces them, and the window parameters' cross-checks. A
/// refused document stores nothing.
/// </summary>
public sealed class ParameterRuleTests : IDisposable
{
    private readonly ActivityDatabase _db = new();

    private ValidationError Refused(string parameters)
    {
        var exception = Assert.Throws<SegmentValidationException>(() => _db.Db.Engine.Save(Documents.Single("refused", "channel_activity.events", Params(parameters))));
        Assert.Empty(_db.Db.Engine.Segments());
        return Assert.Single(exception.Errors);
    }

    [Fact]
    public void Catalogue_Times_IsRequiredForAtLeastOptionalForExistsAndRefusedForNotOnce()
    {
        Assert.True(_db.Db.Engine.Catalog.TryGetConditionType("channel_activity.events", out var registration));
        var parameters = registration.Type.Parameters;

        var times = Assert.Single(parameters, p => p.Name == "times");
        var dependency = Assert.IsType<ParameterDependency>(times.DependsOn);
        var operators = Assert.Single(parameters, p => p.Name == "operator").AllowedValues!;

        Assert.Equal("operator", dependency.Parameter);
        Assert.Equal(["at_least"], dependency.RequiredFor);
        Assert.Equal(["exists", "not_exists"], dependency.OptionalFor);
        Assert.Equal(["not_once"], dependency.RefusedFor(operators));
        Assert.Null(times.RequiredWhen);
    }

    [Fact]
    public void Save_AtLeastWithoutTimes_IsRefusedAtTimesNamingTheOperator()
    {
        var error = Refused("""{"event": "opened", "channel": "email", "operator": "at_least", "last_days": 14}""");

        Assert.Equal("rules.items[0].params.times", error.Path);
        Assert.StartsWith("is required when operator is 'at_least': a whole number from 1 to 1000000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_NotOnceWithTimes_IsRefusedAtTimesNamingTheOperatorAndWhereItApplies()
    {
        var error = Refused("""{"event": "opened", "channel": "email", "operator": "not_once", "times": 2}""");

        Assert.Equal("rules.items[0].params.times", error.Path);
        Assert.Equal("is not used when operator is 'not_once'; it is required when operator is 'at_least' and optional when operator is 'exists' or 'not_exists'", error.Message);
    }

    [Theory]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "exists"}""")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "exists", "times": 2}""")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "not_exists"}""")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "not_exists", "times": 2}""")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "not_once", "from": "2026-01-01"}""")]
    public void Save_TimesGivenOrLeftOutWhereOptional_IsAccepted(string parameters)
    {
        var result = _db.Db.Engine.Save(Documents.Single("accepted", "channel_activity.events", Params(parameters)));

        Assert.Equal(1, result.Version);
    }

    [Theory]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "exists", "last_days": 14, "from": "2026-01-01"}""", "last_days", "give either last_days or from/to, not both")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "exists", "next_days": 7, "to": "2026-01-01"}""", "next_days", "give either next_days or from/to, not both")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "exists", "next_days": 7, "last_days": 7}""", "next_days", "give either next_days or last_days, not both")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "exists", "from": "2026-02-01", "to": "2026-01-31"}""", "to", "must not be before from (2026-02-01), got 2026-01-31")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "exists", "last_days": 0}""", "last_days", "0 is out of range; a whole number from 1 to 36500")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "at_least", "times": 0}""", "times", "0 is out of range; a whole number from 1 to 1000000")]
    [InlineData("""{"event": "read", "channel": "email", "operator": "exists"}""", "event", "\"read\" is not allowed; allowed values: sent, delivered, opened, clicked")]
    public void Save_BadWindowOrCount_IsRefusedWithThePathAndWhy(string parameters, string parameter, string message)
    {
        var error = Refused(parameters);

        Assert.Equal($"rules.items[0].params.{parameter}", error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Save_FromAndToOnTheSameDay_IsAcceptedAsOneWholeDay()
    {
        var result = _db.Db.Engine.Save(Documents.Single("one-day", "channel_activity.events", Params("""{"event": "opened", "channel": "email", "operator": "exists", "from": "2026-01-31T20:00:00Z", "to": "2026-01-31T01:00:00Z"}""")));

        Assert.Contains("between 2026-01-31 and 2026-01-31 (both included)", result.Source.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
