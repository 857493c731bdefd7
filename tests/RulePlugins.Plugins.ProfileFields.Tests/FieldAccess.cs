using System.Text.Json;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.ProfileFields.Tests;

/// <summary>
/// The profile condition ids grouped by operator family, and access to the matching <see cref="ProfileData"/>
/// property by condition id, so one test can run against every field of a family.
/// </summary>
internal static class FieldAccess
{
    public static readonly string[] TextFields =
        ["profile.email", "profile.phone", "profile.first_name", "profile.last_name", "profile.city", "profile.country"];

    public static readonly string[] DateFields = ["profile.birth_date", "profile.created_at"];

    public static readonly string[] BooleanFields = ["profile.email_subscribed", "profile.sms_subscribed", "profile.push_subscribed"];

    public static ProfileData WithText(this ProfileData profile, string field, string? value) => field switch
    {
        "profile.email" => profile with { Email = value },
        "profile.phone" => profile with { Phone = value },
        "profile.first_name" => profile with { FirstName = value },
        "profile.last_name" => profile with { LastName = value },
        "profile.city" => profile with { City = value },
        "profile.country" => profile with { Country = value },
        "profile.gender" => profile with { Gender = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field."),
    };

    public static ProfileData WithDate(this ProfileData profile, string field, DateTimeOffset? value) => field switch
    {
        "profile.birth_date" => profile with { BirthDate = value },
        "profile.created_at" => profile with { CreatedAt = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a date field."),
    };

    public static ProfileData WithBoolean(this ProfileData profile, string field, bool? value) => field switch
    {
        "profile.email_subscribed" => profile with { EmailSubscribed = value },
        "profile.sms_subscribed" => profile with { SmsSubscribed = value },
        "profile.push_subscribed" => profile with { PushSubscribed = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a boolean field."),
    };

    public static string? Text(ProfileData profile, string field) => field switch
    {
        "profile.email" => profile.Email,
        "profile.phone" => profile.Phone,
        "profile.first_name" => profile.FirstName,
        "profile.last_name" => profile.LastName,
        "profile.city" => profile.City,
        "profile.country" => profile.Country,
        "profile.gender" => profile.Gender,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a text field."),
    };

    public static DateTimeOffset? Date(ProfileData profile, string field) => field switch
    {
        "profile.birth_date" => profile.BirthDate,
        "profile.created_at" => profile.CreatedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a date field."),
    };

    public static bool? Boolean(ProfileData profile, string field) => field switch
    {
        "profile.email_subscribed" => profile.EmailSubscribed,
        "profile.sms_subscribed" => profile.SmsSubscribed,
        "profile.push_subscribed" => profile.PushSubscribed,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a boolean field."),
    };

    /// <summary>Condition parameters written as JSON in a test case, ready for <see cref="TestDatabase.MembersOf"/>.</summary>
    public static JsonElement Params(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A UTC instant from ISO text, e.g. <c>2026-05-16T11:59:59.999Z</c>.</summary>
    public static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}
