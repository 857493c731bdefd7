namespace RulePlugins.Testing;

/// <summary>
/// The profile fields plugin's city condition for differential tests that mix another family with a profile field:
/// profiles with random cities (case variants, empty, none), a random <c>profile.city</c> condition, and the reference
/// reading of it, stated once: text compares ignoring case and surrounding spaces; <c>not_equals</c> also matches a
/// profile without a city; <c>is_empty</c> matches no city or only spaces.
/// </summary>
public static class KitCities
{
    /// <summary>The condition type.</summary>
    public const string Type = "profile.city";

    private static readonly string?[] Stored = ["Moscow", "MOSCOW", "Kazan", "", null];
    private static readonly string[] Asked = ["moscow", "Kazan"];

    /// <summary>Adds profiles 1..<paramref name="count"/> with random cities and returns each profile's city.</summary>
    public static IReadOnlyDictionary<long, string?> AddProfiles(PluginTestBed bed, Random random, int count)
    {
        ArgumentNullException.ThrowIfNull(bed);
        var cities = Enumerable.Range(1, count).ToDictionary(i => (long)i, _ => Stored[random.Next(Stored.Length)]);
        bed.Database.AddProfiles([.. cities.Select(c => new ProfileData(c.Key) { City = c.Value })]);
        return cities;
    }

    /// <summary>A random <c>profile.city</c> condition: equals, not_equals (moscow or Kazan) or is_empty.</summary>
    public static KitCondition Random(Random random)
    {
        var op = random.Next(3) switch { 0 => "equals", 1 => "not_equals", _ => "is_empty" };
        var parameters = Params.Operator(op);
        return new KitCondition(Type, op == "is_empty" ? parameters : parameters.With("value", Asked[random.Next(Asked.Length)]));
    }

    /// <summary>Whether a profile living in <paramref name="city"/> satisfies <paramref name="condition"/> (a <c>profile.city</c> condition).</summary>
    public static bool Holds(string? city, KitCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var empty = string.IsNullOrWhiteSpace(city);
        var value = (string?)condition.Get("value");
        var equal = !empty && value is not null && string.Equals(city!.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase);
        return (string)condition.Get("operator")! switch
        {
            "equals" => equal,
            "not_equals" => !equal,
            "is_empty" => empty,
            var other => throw new ArgumentOutOfRangeException(nameof(condition), other, "Not a city operator this kit generates."),
        };
    }
}
