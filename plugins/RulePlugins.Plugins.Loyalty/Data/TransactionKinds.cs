namespace RulePlugins.Plugins.Loyalty.Data;

/// <summary>What a row of <c>loyalty_transactions</c> records, as its <c>kind</c> column stores it.</summary>
public static class TransactionKinds
{
    /// <summary>Points credited to the profile (under a promo action, of a point type, maybe with an activation and an expiry time).</summary>
    public const string Accrual = "accrual";

    /// <summary>Points the profile used; a spend consumes active points, earliest-expiring first.</summary>
    public const string Spend = "spend";

    /// <summary>Both kinds.</summary>
    public static IReadOnlyList<string> All { get; } = [Accrual, Spend];
}
