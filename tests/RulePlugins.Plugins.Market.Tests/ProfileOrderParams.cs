using System.Globalization;
using System.Text.Json;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.Market.Tests;

/// <summary>Shared pieces of the tests of the profile conditions over orders (<c>market.orders</c>, <c>market.orders_total</c>).</summary>
internal static class ProfileOrderParams
{
    /// <summary>"Exists N orders" / "No N orders".</summary>
    public const string Orders = "market.orders";

    /// <summary>"Total cost of orders".</summary>
    public const string OrdersTotal = "market.orders_total";

    /// <summary>The engine's fixed clock.</summary>
    public static readonly DateTimeOffset Now = TestDatabase.DefaultNow;

    /// <summary>Condition parameters written as JSON in a test case.</summary>
    public static JsonElement Params(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A UTC instant from ISO text, e.g. <c>2026-05-31T23:59:59.999Z</c>.</summary>
    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
