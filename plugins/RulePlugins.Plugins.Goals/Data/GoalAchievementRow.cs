using RulePlugins.Plugins.Goals.Runtime;

namespace RulePlugins.Plugins.Goals.Data;

/// <summary>
/// One goal achievement: a row of <c>goal_achievements</c>. Setting <see cref="PixelData"/> (the host's loader does, once
/// per row) parses the JSON into <see cref="Data"/>, the typed view conditions read, so no evaluation parses JSON.
/// </summary>
public sealed class GoalAchievementRow
{
    private string? _pixelData;

    /// <summary>The goal's id (<see cref="GoalRow.Id"/>).</summary>
    public string? GoalId { get; set; }

    /// <summary>The pixel's id (<see cref="PixelRow.Id"/>), if a pixel registered the achievement.</summary>
    public string? PixelId { get; set; }

    /// <summary>When the goal was reached, Unix milliseconds (UTC).</summary>
    public long AchievedAt { get; set; }

    /// <summary>The goal value in RUB; null when the goal has none.</summary>
    public decimal? Cost { get; set; }

    /// <summary>The URL of the page the visitor came from.</summary>
    public string? Referrer { get; set; }

    /// <summary>The origin (scheme and host) of the page that reported the goal.</summary>
    public string? Origin { get; set; }

    /// <summary>The utm_source label.</summary>
    public string? UtmSource { get; set; }

    /// <summary>The utm_medium label.</summary>
    public string? UtmMedium { get; set; }

    /// <summary>The utm_campaign label.</summary>
    public string? UtmCampaign { get; set; }

    /// <summary>The utm_term label.</summary>
    public string? UtmTerm { get; set; }

    /// <summary>The utm_content label.</summary>
    public string? UtmContent { get; set; }

    /// <summary>The browser (<c>Chrome</c>).</summary>
    public string? Browser { get; set; }

    /// <summary>The operating system (<c>Android</c>).</summary>
    public string? Os { get; set; }

    /// <summary>The device type (<c>mobile</c>, <c>desktop</c>, <c>tablet</c>).</summary>
    public string? DeviceType { get; set; }

    /// <summary>The country.</summary>
    public string? Country { get; set; }

    /// <summary>The city.</summary>
    public string? City { get; set; }

    /// <summary>The id of the message whose link led to the goal.</summary>
    public string? MessageId { get; set; }

    /// <summary>The promo code used.</summary>
    public string? PromoCode { get; set; }

    /// <summary>The id of the order placed with the goal, if any.</summary>
    public string? OrderId { get; set; }

    /// <summary>The order amount in RUB; null without an order or amount.</summary>
    public decimal? OrderAmount { get; set; }

    /// <summary>The custom keys sent with the goal, as JSON text; setting it parses it into <see cref="Data"/>.</summary>
    public string? PixelData
    {
        get => _pixelData;
        set
        {
            _pixelData = value;
            Data = Runtime.PixelData.Parse(value);
        }
    }

    /// <summary>The keys of <see cref="PixelData"/>, parsed; empty until it is set, and for text that is not a JSON object.</summary>
    public PixelData Data { get; private set; } = Runtime.PixelData.Empty;
}
