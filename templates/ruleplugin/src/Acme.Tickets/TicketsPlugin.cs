using RulePlugins.Sdk;
using RulePlugins.Sdk.Data;

namespace Acme.Tickets;

/// <summary>Support tickets per profile and one condition over them, <c>tickets.opened</c>.</summary>
public sealed class TicketsPlugin : IRulePlugin
{
    /// <summary>The statuses, as documents name them.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["open", "closed"];

    /// <summary>The tickets, many per profile, read by the time they were opened.</summary>
    public static readonly TableDefinition Tickets = new(
        "tickets",
        "profile_id",
        typeof(TicketRow),
        [
            new("status", ColumnType.Text) { Nullable = false },
            new("opened_at", ColumnType.Timestamp),
        ])
    {
        Indexes = [new IndexDefinition("ix_tickets_profile_opened", ["profile_id", "opened_at"])],
    };

    /// <inheritdoc />
    public void Register(IPluginBuilder builder) => builder
        .AddTable(Tickets)
        .AddConditionType(new TicketsOpenedCondition())
        .AddDemoData(new TicketsDemoData());
}
