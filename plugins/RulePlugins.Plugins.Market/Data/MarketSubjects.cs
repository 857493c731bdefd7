namespace RulePlugins.Plugins.Market.Data;

/// <summary>The subject kinds the market plugin owns (the host itself knows only <c>profile</c>).</summary>
public static class MarketSubjects
{
    /// <summary>One order with its items; order segments are evaluated in real time against a single order.</summary>
    public const string Order = "order";
}
