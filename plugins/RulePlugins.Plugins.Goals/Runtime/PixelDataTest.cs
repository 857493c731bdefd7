using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Plugins.Goals.Runtime;

/// <summary>
/// One comparison of a <c>pixel_data</c> key, of one kind: the value is read from the achievement's parsed
/// <see cref="PixelData"/> as that kind (unknown when the key is missing or holds another kind) and handed to the
/// comparison the SDK's operator family emitted for the kind, which decides what an unknown value gives.
/// Built once per condition by generated code; immutable.
/// </summary>
public sealed class PixelDataTest
{
    private readonly Func<PixelData, EvaluationClock, bool> _test;

    private PixelDataTest(string key, bool usesClock, Func<PixelData, EvaluationClock, bool> test)
    {
        Key = key;
        UsesClock = usesClock;
        _test = test;
    }

    /// <summary>The key compared.</summary>
    public string Key { get; }

    /// <summary>True when the comparison is relative to now (a date in the last days, more than days ago).</summary>
    public bool UsesClock { get; }

    /// <summary>Compares the key as a string (<see cref="PixelData.String"/>).</summary>
    public static PixelDataTest String(string key, Func<string?, bool> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new(key, false, (data, _) => test(data.String(key)));
    }

    /// <summary>Compares the key as a number (<see cref="PixelData.Number"/>).</summary>
    public static PixelDataTest Number(string key, Func<decimal?, bool> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new(key, false, (data, _) => test(data.Number(key)));
    }

    /// <summary>Compares the key as a date (<see cref="PixelData.Date"/>, Unix milliseconds), with the evaluation clock.</summary>
    public static PixelDataTest Date(string key, Func<long?, EvaluationClock, bool> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new(key, true, (data, clock) => test(data.Date(key), clock));
    }

    /// <summary>Compares the key as a boolean (<see cref="PixelData.Boolean"/>).</summary>
    public static PixelDataTest Boolean(string key, Func<bool?, bool> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return new(key, false, (data, _) => test(data.Boolean(key)));
    }

    /// <summary>Whether the comparison holds for <paramref name="data"/> at <paramref name="clock"/>.</summary>
    public bool Matches(PixelData data, EvaluationClock clock) => _test(data, clock);
}
