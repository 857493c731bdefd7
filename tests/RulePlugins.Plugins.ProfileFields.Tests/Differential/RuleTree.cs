namespace RulePlugins.Plugins.ProfileFields.Tests.Differential;

/// <summary>A node of a random rule tree, as the test builds it; <see cref="ToJson"/> gives the document form.</summary>
internal abstract record Rule
{
    public abstract object ToJson();
}

/// <summary>A group: "and" or "or" over its items.</summary>
internal sealed record Group(string Op, IReadOnlyList<Rule> Items) : Rule
{
    public override object ToJson() =>
        new Dictionary<string, object> { ["op"] = Op, ["items"] = Items.Select(i => i.ToJson()).ToArray() };
}

/// <summary>
/// A condition with its parameters exactly as written to the document: <c>operator</c> (string), <c>value</c>
/// (string, long or bool), <c>values</c> (string[] or long[]), <c>from</c>/<c>to</c> (date text),
/// <c>min</c>/<c>max</c>/<c>days</c> (long).
/// </summary>
internal sealed record Condition(string Type, IReadOnlyDictionary<string, object> Params) : Rule
{
    public string Operator => (string)Params["operator"];

    public override object ToJson() => new Dictionary<string, object> { ["type"] = Type, ["params"] = Params };
}

/// <summary>A profile of the random data set; <see cref="Fields"/> is null when it has no profile_fields row.</summary>
internal sealed record Person(long Id, RulePlugins.Testing.ProfileData? Fields);
