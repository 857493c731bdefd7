namespace RulePlugins.Plugins.Loyalty.Data;

/// <summary>One kind of points (<c>bonus</c>, <c>promo</c>, <c>status</c>): a row of <c>loyalty_point_types</c>.</summary>
public sealed class PointTypeRow
{
    /// <summary>The point type id, what segment documents and accruals store.</summary>
    public string? Id { get; set; }

    /// <summary>What people call it (<c>Promo points</c>).</summary>
    public string? Name { get; set; }
}
