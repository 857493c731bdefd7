using RulePlugins.Sdk.Data;

namespace Acme.Tickets;

/// <summary>
/// Demo tickets: profile p opens p mod 5 tickets, the k-th (k = 0, 1, ...) 1 + 5k days before now, open when k is even and
/// closed when it is odd. So every ticket is within the last 30 days, and "at least 3 tickets in the last 30 days"
/// selects the profiles whose id ends in 3, 4, 8 or 9: two in five.
/// </summary>
public sealed class TicketsDemoData : IDemoDataGenerator
{
    private const long Day = 86_400_000L;

    /// <inheritdoc />
    public void Generate(DemoDataContext context)
    {
        using var writer = context.OpenWriter(TicketsPlugin.Tickets, ["profile_id", "status", "opened_at"]);
        foreach (var profile in context.Profiles("tickets"))
        {
            for (var k = 0; k < profile % 5; k++)
            {
                writer.Add(profile, k % 2 == 0 ? "open" : "closed", context.NowUnixMilliseconds - ((1 + (5 * k)) * Day));
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> ExampleSegments =>
    [
        """
        {
          "schemaVersion": 1, "id": "frequent-reporters", "name": "At least 3 tickets in the last 30 days", "subject": "profile",
          "rules": { "op": "and", "items": [
            { "type": "tickets.opened", "params": { "operator": "at_least", "times": 3, "last_days": 30 } } ] }
        }
        """,
    ];
}
