namespace RulePlugins.Plugins.Loyalty.Data;

/// <summary>One loyalty program: a row of <c>loyalty_programs</c>.</summary>
public sealed class LoyaltyProgramRow
{
    /// <summary>The program id, what segment documents store (<c>bonus-club</c>).</summary>
    public string? Id { get; set; }

    /// <summary>What people call it (<c>Bonus Club</c>).</summary>
    public string? Name { get; set; }
}
