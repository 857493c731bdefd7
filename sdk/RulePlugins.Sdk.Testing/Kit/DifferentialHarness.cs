using System.Text.Json;

namespace RulePlugins.Testing;

/// <summary>A node of a rule tree the <see cref="DifferentialHarness"/> builds.</summary>
public abstract record KitRule
{
    /// <summary>The node as a segment document writes it.</summary>
    public abstract object ToJson();
}

/// <summary>A group: <c>and</c> or <c>or</c> over its items.</summary>
public sealed record KitGroup(string Op, IReadOnlyList<KitRule> Items) : KitRule
{
    /// <inheritdoc />
    public override object ToJson() => new Dictionary<string, object> { ["op"] = Op, ["items"] = Items.Select(i => i.ToJson()).ToArray() };
}

/// <summary>A condition: its type id and parameters.</summary>
public sealed record KitCondition(string Type, Params Params) : KitRule
{
    /// <inheritdoc />
    public override object ToJson() => new Dictionary<string, object> { ["type"] = Type, ["params"] = Params.ToObject() };

    /// <summary>A parameter's value as given (a JSON element when the parameters were parsed from JSON).</summary>
    public object? Get(string name) => Params.ToObject().GetValueOrDefault(name) is JsonElement element ? Plain(element) : Params.ToObject().GetValueOrDefault(name);

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDecimal(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToArray(),
        _ => null,
    };
}

/// <summary>
/// Random-tree testing for a plugin that states its reference semantics once. The author gives a generator of random
/// conditions of the plugin (over the values its test data uses) and a reference: whether one profile satisfies one
/// condition, computed plainly from the data the test inserted. The harness builds random AND/OR trees of those
/// conditions (nested, one operator per level), saves and recalculates each through the real engine, checks the
/// columns each reads are declared, and compares the members with the reference applied to the tree. Deterministic
/// per seed; a failure lists the seed and every disagreeing document.
/// </summary>
/// <param name="bed">The test bed holding the profiles and rows the reference knows.</param>
/// <param name="randomCondition">A random condition of the plugin.</param>
/// <param name="reference">Whether a profile (by id) satisfies a condition.</param>
public sealed class DifferentialHarness(PluginTestBed bed, Func<Random, KitCondition> randomCondition, Func<long, KitCondition, bool> reference)
{
    /// <summary>The deepest group nesting of a random tree.</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>The most items of a random group.</summary>
    public int MaxWidth { get; init; } = 4;

    /// <summary>
    /// Checks <paramref name="trees"/> random trees and <paramref name="singles"/> single conditions (single conditions
    /// show boundary differences larger trees mask) against the reference over every profile of the bed. Returns how
    /// many trees selected some but not all profiles, so a test can insist the generator is not trivial.
    /// </summary>
    public int Run(int seed, int trees = 20, int singles = 20)
    {
        var random = new Random(seed);
        var profiles = bed.Database.Scalar<long>("SELECT COUNT(*) FROM profiles");
        using var connection = bed.Database.Database.Open();
        var ids = Dapper.SqlMapper.Query<long>(connection, "SELECT id FROM profiles ORDER BY id").ToList();
        var failures = new List<string>();
        var nonTrivial = 0;
        var rules = Enumerable.Range(0, singles).Select(_ => (KitRule)new KitGroup("and", [randomCondition(random)]))
            .Concat(Enumerable.Range(0, trees).Select(_ => Tree(random, 1, parentOp: null)));
        foreach (var rule in rules)
        {
            var document = JsonSerializer.Serialize(new { schemaVersion = 1, id = "differential", name = "differential", subject = "profile", rules = rule.ToJson() });
            var expected = ids.Where(id => Holds(rule, id)).ToList();
            IReadOnlyList<long> actual;
            try
            {
                actual = bed.MembersOf(document);
            }
            catch (Exception ex)
            {
                failures.Add($"{document}{Environment.NewLine}  failed: {ex.Message}");
                continue;
            }

            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"{document}{Environment.NewLine}  reference {expected.Count} members, engine {actual.Count}; "
                    + $"only in reference: {string.Join(", ", expected.Except(actual).Take(10))}; only in engine: {string.Join(", ", actual.Except(expected).Take(10))}");
            }
            else if (expected.Count > 0 && expected.Count < profiles)
            {
                nonTrivial++;
            }
        }

        if (failures.Count > 0)
        {
            throw new PluginCheckException($"seed {seed}: {failures.Count} documents disagree with the reference:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        }

        return nonTrivial;
    }

    /// <summary>A random group; a nested group takes the other operator than its parent's, as a marketer would nest.</summary>
    private KitRule Tree(Random random, int depth, string? parentOp)
    {
        var op = parentOp switch { "and" => "or", "or" => "and", _ => random.Next(2) == 0 ? "and" : "or" };
        var width = random.Next(1, MaxWidth + 1);
        var items = new List<KitRule>(width);
        for (var i = 0; i < width; i++)
        {
            items.Add(depth < MaxDepth && random.Next(3) == 0 ? Tree(random, depth + 1, op) : randomCondition(random));
        }

        return new KitGroup(op, items);
    }

    private bool Holds(KitRule rule, long id) => rule switch
    {
        KitGroup { Op: "and" } group => group.Items.All(i => Holds(i, id)),
        KitGroup group => group.Items.Any(i => Holds(i, id)),
        KitCondition condition => reference(id, condition),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
