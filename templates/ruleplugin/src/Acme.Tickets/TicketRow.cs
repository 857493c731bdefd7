namespace Acme.Tickets;

/// <summary>One support ticket of a profile: a row of <c>tickets</c>.</summary>
public sealed class TicketRow
{
    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string? Status { get; set; }

    /// <summary>When the ticket was opened, Unix milliseconds (UTC); null when the source did not say.</summary>
    public long? OpenedAt { get; set; }
}
