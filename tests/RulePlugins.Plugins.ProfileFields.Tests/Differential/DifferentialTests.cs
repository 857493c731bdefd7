using System.Globalization;
using System.Text;
using RulePlugins.Engine.Recalculation;
using RulePlugins.Testing;

namespace RulePlugins.Plugins.ProfileFields.Tests.Differential;

/// <summary>
/// Random documents over random profiles: the compiled predicate, run by a real recalculation, must select exactly
/// the profiles the <see cref="ReferenceEvaluator"/> selects. Per seed: 15 random nested trees, and every
/// (condition type, operator) pair once as a single condition with random parameters (single conditions show
/// boundary differences that larger trees mostly mask). Every seed is deterministic.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int ProfileCount = 300;
    private const int TreesPerSeed = 15;

    public static TheoryData<int, string> Seeds => new()
    {
        { 1, "2026-06-15T12:00:00.000Z" },
        { 2, "2026-06-15T12:00:00.000Z" },
        { 3, "2026-06-15T12:00:00.000Z" },
        { 4, "2026-06-15T00:00:00.000Z" }, // the first instant of the day
        { 5, "2028-02-29T23:59:59.999Z" }, // the last instant of a leap day
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Recalculate_RandomTreesOverRandomProfiles_MatchesReferenceEvaluator(int seed, string now)
    {
        var nonTrivial = Run(seed, now, "tree", trees => [.. Enumerable.Range(0, TreesPerSeed).Select(_ => trees.Tree())]);

        // Guard against a generator that only makes trees selecting nobody or everybody.
        Assert.True(nonTrivial >= TreesPerSeed / 2, $"Only {nonTrivial} of {TreesPerSeed} trees selected some but not all profiles.");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Recalculate_EveryOperatorAloneOverRandomProfiles_MatchesReferenceEvaluator(int seed, string now) =>
        Run(seed, now, "single", trees => trees.SingleConditions());

    /// <summary>
    /// Saves and recalculates each tree over the seed's profiles and compares the members with the reference;
    /// fails with every disagreeing document. Returns how many trees selected some but not all profiles.
    /// </summary>
    private int Run(int seed, string nowText, string prefix, Func<RandomTrees, IReadOnlyList<Group>> makeTrees)
    {
        var now = FieldAccess.Utc(nowText);
        var random = new Random(seed);
        var people = RandomProfiles.Generate(random, now, ProfileCount);
        var reference = new ReferenceEvaluator(now);
        var trees = makeTrees(new RandomTrees(random, people, now));
        using var db = new TestDatabase();
        db.Clock.Now = now;
        db.AddProfiles(people.Select(p => p.Fields).OfType<ProfileData>().ToArray());
        db.AddProfiles(people.Where(p => p.Fields is null).Select(p => p.Id));

        var failures = new List<string>();
        var nonTrivial = 0;
        for (var i = 0; i < trees.Count; i++)
        {
            var id = $"{prefix}-{seed}-{i}";
            var json = Documents.Json(id, trees[i].ToJson());
            // Small batches for some trees, so the profiles are spread over many batches and loader frames.
            RecalculationOptions? options = (i % 3) switch
            {
                1 => new RecalculationOptions { BatchSize = 50 },
                2 => new RecalculationOptions { BatchSize = 7 },
                _ => null,
            };

            db.Engine.Save(json);
            db.Engine.Recalculate(id, options);
            var actual = db.Engine.Members(id, limit: int.MaxValue);
            var expected = reference.Members(trees[i], people);
            output.WriteLine($"{id}: {expected.Count} expected, {actual.Count} actual (batch size {options?.BatchSize.ToString(CultureInfo.InvariantCulture) ?? "default"})");
            if (expected.Count is > 0 and < ProfileCount)
            {
                nonTrivial++;
            }

            if (!expected.SequenceEqual(actual))
            {
                failures.Add(Mismatch(json, expected, actual, people, reference));
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {trees.Count} documents (seed {seed}, now {nowText}) disagree with the reference:\n\n" + string.Join("\n\n", failures));
        return nonTrivial;
    }

    [Fact]
    public void RandomTrees_AcrossTheSeeds_UseEveryOperatorOfEveryField()
    {
        var used = new HashSet<(string, string)>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var random = new Random(seed);
            var now = TestDatabase.DefaultNow;
            var trees = new RandomTrees(random, RandomProfiles.Generate(random, now, ProfileCount), now);
            for (var i = 0; i < TreesPerSeed; i++)
            {
                Collect(trees.Tree(), used);
            }
        }

        var unused = RandomTrees.AllPairs.Where(p => !used.Contains(p)).Select(p => $"{p.Type} {p.Operator}").ToList();
        Assert.Empty(unused);
    }

    private static void Collect(Rule rule, HashSet<(string, string)> used)
    {
        switch (rule)
        {
            case Group group:
                foreach (var item in group.Items)
                {
                    Collect(item, used);
                }

                break;
            case Condition condition:
                used.Add((condition.Type, condition.Operator));
                break;
        }
    }

    private static string Mismatch(string json, IReadOnlyList<long> expected, IReadOnlyList<long> actual, List<Person> people, ReferenceEvaluator reference)
    {
        var byId = people.ToDictionary(p => p.Id);
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        var message = new StringBuilder();
        message.AppendLine($"Document: {json}");
        message.AppendLine($"Expected {expected.Count} members, got {actual.Count}.");
        message.AppendLine($"Expected by the reference but not selected ({missing.Count}): [{string.Join(", ", missing)}]");
        message.AppendLine($"Selected but not expected by the reference ({extra.Count}): [{string.Join(", ", extra)}]");
        foreach (var profileId in missing.Concat(extra).Take(10))
        {
            message.AppendLine("  " + RandomProfiles.Describe(byId[profileId], reference));
        }

        return message.ToString();
    }
}
