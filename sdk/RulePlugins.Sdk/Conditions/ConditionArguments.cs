using System.Collections.ObjectModel;

namespace RulePlugins.Sdk.Conditions;

/// <summary>
/// The validated, typed parameters of one condition. Values have the CLR type of their
/// <see cref="ParameterKind"/>: <see cref="string"/>, <see cref="long"/>, <see cref="decimal"/>,
/// <see cref="bool"/>, <see cref="DateTimeOffset"/> (UTC), <see cref="IReadOnlyList{T}"/> of string, decimal or long.
/// </summary>
public sealed class ConditionArguments
{
    private readonly IReadOnlyDictionary<string, object> _values;

    /// <summary>Creates arguments from typed values; the host does this after validation.</summary>
    public ConditionArguments(IReadOnlyDictionary<string, object> values)
    {
        _values = new ReadOnlyDictionary<string, object>(new Dictionary<string, object>(values, StringComparer.Ordinal));
    }

    /// <summary>
    /// A copy with <paramref name="name"/> set to <paramref name="value"/> (a value of its kind's CLR type): to hand a
    /// shared operator family the arguments under its own names, such as a condition's <c>in_segment</c> as the
    /// membership-history family's <c>currently_in</c>.
    /// </summary>
    public ConditionArguments With(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        return new ConditionArguments(new Dictionary<string, object>(_values, StringComparer.Ordinal) { [name] = value });
    }

    /// <summary>The names of the parameters that were given.</summary>
    public IEnumerable<string> Names => _values.Keys;

    /// <summary>Whether a value was given for <paramref name="name"/>.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>A string parameter.</summary>
    public string GetString(string name) => Get<string>(name);

    /// <summary>A string parameter, or <c>null</c> when it was not given.</summary>
    public string? GetOptionalString(string name) => _values.TryGetValue(name, out var v) ? (string)v : null;

    /// <summary>An integer parameter.</summary>
    public long GetInteger(string name) => Get<long>(name);

    /// <summary>A number parameter.</summary>
    public decimal GetNumber(string name) => Get<decimal>(name);

    /// <summary>A boolean parameter.</summary>
    public bool GetBoolean(string name) => Get<bool>(name);

    /// <summary>A date parameter, in UTC.</summary>
    public DateTimeOffset GetDate(string name) => Get<DateTimeOffset>(name);

    /// <summary>A string list parameter.</summary>
    public IReadOnlyList<string> GetStringList(string name) => Get<IReadOnlyList<string>>(name);

    /// <summary>A number list parameter.</summary>
    public IReadOnlyList<decimal> GetNumberList(string name) => Get<IReadOnlyList<decimal>>(name);

    /// <summary>An integer list parameter.</summary>
    public IReadOnlyList<long> GetIntegerList(string name) => Get<IReadOnlyList<long>>(name);

    /// <summary>The raw value, or <c>null</c> when it was not given.</summary>
    public object? GetValue(string name) => _values.TryGetValue(name, out var v) ? v : null;

    private T Get<T>(string name)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            throw new KeyNotFoundException($"Parameter '{name}' was not given.");
        }

        return value is T typed
            ? typed
            : throw new InvalidCastException($"Parameter '{name}' holds {value.GetType().Name}, not {typeof(T).Name}.");
    }
}
