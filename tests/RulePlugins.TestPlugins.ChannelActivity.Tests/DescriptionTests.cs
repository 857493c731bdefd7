using RulePlugins.Testing;
using static RulePlugins.TestPlugins.ChannelActivity.Tests.ActivityDatabase;

namespace RulePlugins.TestPlugins.ChannelActivity.Tests;

/// <summary>How a condition reads in the generated source and in explanations: the words a marketer would use.</summary>
public sealed class DescriptionTests : IDisposable
{
    private readonly ActivityDatabase _db = new();

    [Theory]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "at_least", "times": 3, "last_days": 14}""", "opened on email at least 3 times in the last 14 days")]
    [InlineData("""{"event": "opened", "channel": "email", "operator": "not_once", "from": "2026-01-01", "to": "2026-01-31"}""", "opened on email not once between 2026-01-01 and 2026-01-31 (both included)")]
    [InlineData("""{"event": "clicked", "channel": "push", "operator": "exists"}""", "clicked on push at least once")]
    [InlineData("""{"event": "clicked", "channel": "push", "operator": "not_exists"}""", "clicked on push not once")]
    [InlineData("""{"event": "delivered", "channel": "sms", "operator": "not_exists", "times": 3, "next_days": 7}""", "delivered on sms fewer than 3 times in the next 7 days")]
    [InlineData("""{"event": "sent", "channel": "sms", "operator": "exists", "times": 2, "from": "2026-01-01"}""", "sent on sms at least 2 times on or after 2026-01-01")]
    [InlineData("""{"event": "sent", "channel": "sms", "operator": "at_least", "times": 1, "to": "2026-01-31"}""", "sent on sms at least once on or before 2026-01-31")]
    public void Generate_Condition_DescribesItInWords(string parameters, string expected)
    {
        var source = _db.Db.Engine.Generate(Documents.Single("words", "channel_activity.events", Params(parameters))).Text;

        Assert.Contains($"//   rules.items[0]: {expected}\n", source, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
