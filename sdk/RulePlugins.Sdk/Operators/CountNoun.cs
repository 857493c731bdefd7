namespace RulePlugins.Sdk.Operators;

/// <summary>
/// How a counting condition names what it counts, in descriptions: <see cref="Times"/> gives "at least once", "at least
/// 3 times", "not once"; <c>new CountNoun("order", "orders")</c> gives "at least 1 order", "fewer than 3 orders",
/// "no order".
/// </summary>
/// <param name="Singular">One of them: <c>order</c>.</param>
/// <param name="Plural">Several: <c>orders</c>.</param>
public sealed record CountNoun(string Singular, string Plural)
{
    /// <summary>Counted as times: "once", "3 times", "not once".</summary>
    public static CountNoun Times { get; } = new("time", "times") { One = "once", None = "not once" };

    /// <summary>The words for a count of one, instead of "1 <see cref="Singular"/>" (<c>once</c>).</summary>
    public string? One { get; init; }

    /// <summary>The words for none, instead of "no <see cref="Singular"/>" (<c>not once</c>).</summary>
    public string? None { get; init; }

    /// <summary>A count in words: "once", "1 order", "3 times".</summary>
    public string Count(long count) => count == 1 && One is { } one ? one : $"{count} {(count == 1 ? Singular : Plural)}";

    /// <summary>None in words: "not once", "no order".</summary>
    public string NoneText => None ?? $"no {Singular}";
}
