using RulePlugins.Plugins.Goals.Data;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Goals.Runtime;

/// <summary>
/// Which achievements count for a goals condition: every check that is set must hold for the same achievement (unset
/// checks do not apply). Each check is set by one facet of <c>Conditions/Facets</c>, with a comparison the SDK's operator
/// families emitted. Built once per condition by generated code; immutable once built (the shared test delegate
/// <see cref="At"/> caches is the same whichever thread creates it first), so every core shares it.
/// </summary>
public sealed class AchievementFilter
{
    private Func<GoalAchievementRow, bool>? _withoutClock;

    /// <summary>The goal id.</summary>
    public Func<string?, bool>? GoalId { get; init; }

    /// <summary>The pixel id.</summary>
    public Func<string?, bool>? PixelId { get; init; }

    /// <summary>The goal value.</summary>
    public Func<decimal?, bool>? Cost { get; init; }

    /// <summary>The referrer.</summary>
    public Func<string?, bool>? Referrer { get; init; }

    /// <summary>The origin.</summary>
    public Func<string?, bool>? Origin { get; init; }

    /// <summary>The utm_source label.</summary>
    public Func<string?, bool>? UtmSource { get; init; }

    /// <summary>The utm_medium label.</summary>
    public Func<string?, bool>? UtmMedium { get; init; }

    /// <summary>The utm_campaign label.</summary>
    public Func<string?, bool>? UtmCampaign { get; init; }

    /// <summary>The utm_term label.</summary>
    public Func<string?, bool>? UtmTerm { get; init; }

    /// <summary>The utm_content label.</summary>
    public Func<string?, bool>? UtmContent { get; init; }

    /// <summary>The browser.</summary>
    public Func<string?, bool>? Browser { get; init; }

    /// <summary>The operating system.</summary>
    public Func<string?, bool>? Os { get; init; }

    /// <summary>The device type.</summary>
    public Func<string?, bool>? DeviceType { get; init; }

    /// <summary>The country.</summary>
    public Func<string?, bool>? Country { get; init; }

    /// <summary>The city.</summary>
    public Func<string?, bool>? City { get; init; }

    /// <summary>The message id.</summary>
    public Func<string?, bool>? MessageId { get; init; }

    /// <summary>The promo code.</summary>
    public Func<string?, bool>? PromoCode { get; init; }

    /// <summary>The order id, one of a list.</summary>
    public Func<string?, bool>? OrderId { get; init; }

    /// <summary>The order id, whether there is one.</summary>
    public Func<string?, bool>? HasOrder { get; init; }

    /// <summary>The order amount.</summary>
    public Func<decimal?, bool>? OrderAmount { get; init; }

    /// <summary>The first pixel_data comparison.</summary>
    public PixelDataTest? Data1 { get; init; }

    /// <summary>The second pixel_data comparison.</summary>
    public PixelDataTest? Data2 { get; init; }

    /// <summary>The third pixel_data comparison.</summary>
    public PixelDataTest? Data3 { get; init; }

    /// <summary>True when a check is relative to now, so <see cref="Matches"/> needs the evaluation clock.</summary>
    public bool UsesClock => Data1?.UsesClock == true || Data2?.UsesClock == true || Data3?.UsesClock == true;

    /// <summary>Whether every check that is set holds for <paramref name="row"/> at <paramref name="clock"/>.</summary>
    public bool Matches(GoalAchievementRow row, EvaluationClock clock)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Holds(GoalId, row.GoalId) && Holds(PixelId, row.PixelId) && Holds(Cost, row.Cost)
            && Holds(Referrer, row.Referrer) && Holds(Origin, row.Origin)
            && Holds(UtmSource, row.UtmSource) && Holds(UtmMedium, row.UtmMedium) && Holds(UtmCampaign, row.UtmCampaign)
            && Holds(UtmTerm, row.UtmTerm) && Holds(UtmContent, row.UtmContent)
            && Holds(Browser, row.Browser) && Holds(Os, row.Os) && Holds(DeviceType, row.DeviceType)
            && Holds(Country, row.Country) && Holds(City, row.City)
            && Holds(MessageId, row.MessageId) && Holds(PromoCode, row.PromoCode)
            && Holds(OrderId, row.OrderId) && Holds(HasOrder, row.OrderId) && Holds(OrderAmount, row.OrderAmount)
            && (Data1 is null || Data1.Matches(row.Data, clock))
            && (Data2 is null || Data2.Matches(row.Data, clock))
            && (Data3 is null || Data3.Matches(row.Data, clock));
    }

    /// <summary>
    /// The test of one row for the SDK's <see cref="RowCounting"/>: one shared delegate when no check is relative to now,
    /// otherwise one bound to <paramref name="clock"/>.
    /// </summary>
    public Func<GoalAchievementRow, bool> At(EvaluationClock clock)
    {
        if (UsesClock)
        {
            return row => Matches(row, clock);
        }

        return _withoutClock ??= row => Matches(row, default);
    }

    private static bool Holds<T>(Func<T, bool>? test, T value) => test is null || test(value);
}
