namespace RulePlugins.Plugins.Loyalty.Data;

/// <summary>One promo action of a loyalty program, under which points are accrued: a row of <c>loyalty_promo_actions</c>.</summary>
public sealed class PromoActionRow
{
    /// <summary>The promo action id, what segment documents and accruals store (<c>double-points</c>).</summary>
    public string? Id { get; set; }

    /// <summary>The program the promo action belongs to (<see cref="LoyaltyProgramRow.Id"/>).</summary>
    public string? ProgramId { get; set; }

    /// <summary>What people call it (<c>Double points weekend</c>).</summary>
    public string? Name { get; set; }
}
