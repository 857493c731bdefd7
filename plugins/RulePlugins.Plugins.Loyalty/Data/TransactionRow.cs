namespace RulePlugins.Plugins.Loyalty.Data;

/// <summary>
/// One entry of a profile's points ledger in a program: a row of <c>loyalty_transactions</c>, an accrual or a spend
/// (<see cref="TransactionKinds"/>). Expirations are not rows: they follow from the accruals' expiry times.
/// </summary>
public sealed class TransactionRow
{
    /// <summary>The transaction id; breaks ties between accruals that would otherwise be consumed in the same place.</summary>
    public long Id { get; set; }

    /// <summary>The program (<see cref="LoyaltyProgramRow.Id"/>).</summary>
    public string? ProgramId { get; set; }

    /// <summary><c>accrual</c> or <c>spend</c>; a row of any other kind is ignored.</summary>
    public string? Kind { get; set; }

    /// <summary>How many points were accrued or spent (whole points); a row with zero or fewer points changes nothing.</summary>
    public long Points { get; set; }

    /// <summary>When the accrual or spend happened, Unix milliseconds (UTC). A row after now has not happened yet.</summary>
    public long OccurredAt { get; set; }

    /// <summary>An accrual's promo action (<see cref="PromoActionRow.Id"/>); null for spends.</summary>
    public string? PromoActionId { get; set; }

    /// <summary>An accrual's point type (<see cref="PointTypeRow.Id"/>); null for spends.</summary>
    public string? PointType { get; set; }

    /// <summary>
    /// When an accrual's points become usable, Unix milliseconds; null: at once (at <see cref="OccurredAt"/>). Points
    /// are usable from the later of the two instants, that instant included.
    /// </summary>
    public long? ActivatesAt { get; set; }

    /// <summary>When an accrual's unspent points expire, Unix milliseconds; null: never. At that instant they are gone.</summary>
    public long? ExpiresAt { get; set; }
}
