namespace RulePlugins.Plugins.Loyalty.Data;

/// <summary>
/// One spell of a profile in a loyalty program: a row of <c>loyalty_participations</c>. A profile joins at a time and
/// may leave; one that joins again has another row.
/// </summary>
public sealed class ParticipationRow
{
    /// <summary>The program (<see cref="LoyaltyProgramRow.Id"/>).</summary>
    public string? ProgramId { get; set; }

    /// <summary>When the profile joined, Unix milliseconds (UTC).</summary>
    public long JoinedAt { get; set; }

    /// <summary>When it left, Unix milliseconds (UTC); null while it is a participant.</summary>
    public long? LeftAt { get; set; }
}
