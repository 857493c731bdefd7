using System.Data.Common;
using System.Diagnostics;
using Dapper;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Insight.Preview;

/// <summary>
/// Counts, for a compiled draft, how many profiles each node of its tree holds for: batch by batch, the plan's rows are
/// read as a recalculation reads them, every condition is evaluated alone (<see cref="CompiledPredicate.EvaluateCondition"/>)
/// and the groups are combined here, so a node is counted whatever its siblings say. Memory is one batch; nothing is
/// written. The caller's token cancels between profiles.
/// </summary>
internal sealed class AudienceCounter(Database database)
{
    public AudienceCount Count(BoundSegment segment, CompiledSegment compiled, EvaluationClock clock, AudienceCountOptions options, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleSize ?? 1, 1);
        var nodes = new List<(BoundNode Node, int[] Children, int Condition)>();
        var conditions = 0;
        Flatten(segment.Root, nodes, ref conditions);
        var counts = new long[nodes.Count];
        var holds = new bool[nodes.Count];
        var predicate = compiled.Predicate;
        if (predicate.ConditionCount != conditions)
        {
            throw new InvalidOperationException($"The compiled draft has {predicate.ConditionCount} conditions where its tree has {conditions}.");
        }

        using var connection = database.Open();
        var lookups = LookupLoader.LoadAll(connection, database.Dialect, compiled.Plan);
        var profiles = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM profiles");
        var readers = compiled.Plan.Tables.Select(t => TableReader.Create(t, database.Dialect, clock, options.BlockSize)).ToArray();
        var rowSets = readers.Select(r => r.Rows).ToArray();
        var ids = new long[options.BlockSize];
        long counted = 0;
        var sampling = options.SampleSize is { } sample && sample < profiles;
        using var starts = (sampling ? SampleBlocks(connection, profiles, options) : []).GetEnumerator();
        var after = 0L;
        while (!sampling || starts.MoveNext())
        {
            after = sampling ? starts.Current : after;
            var count = LoadIds(connection, after, ids, cancellationToken);
            if (count == 0)
            {
                break;
            }

            foreach (var reader in readers)
            {
                reader.Load(connection, ids, count, clock, cancellationToken);
            }

            var batch = new SubjectBatch(ids, count, rowSets, lookups);
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var subject = new Subject(batch, i);
                for (var n = nodes.Count - 1; n >= 0; n--)
                {
                    var (node, children, condition) = nodes[n];
                    holds[n] = condition >= 0
                        ? predicate.EvaluateCondition(condition, subject, clock)
                        : ((BoundGroup)node).Operator == LogicalOperator.And ? children.All(c => holds[c]) : children.Any(c => holds[c]);
                    counts[n] += holds[n] ? 1 : 0;
                }
            }

            counted += count;
            after = ids[count - 1];
            if (!sampling && count < options.BlockSize)
            {
                break;
            }
        }

        var sampled = sampling && counted < profiles;
        var members = counts[0];
        var estimated = sampled && counted > 0 ? (long)Math.Round(members * (double)profiles / counted) : members;
        return new AudienceCount(
            members, counted, profiles, sampled, estimated,
            [.. nodes.Select((n, i) => new NodeCount(n.Node.Path, Describe(n.Node), counts[i]))], clock.NowUnixMilliseconds, stopwatch.Elapsed);
    }

    // A random draw of whole blocks of consecutive profiles, each given by the id before its first profile. Ids are
    // taken by position, so sparse ids are sampled as evenly as dense ones.
    private static IEnumerable<long> SampleBlocks(DbConnection connection, long profiles, AudienceCountOptions options)
    {
        var size = options.BlockSize;
        var blocks = (int)((profiles + size - 1) / size);
        var wanted = Math.Min(blocks, (options.SampleSize!.Value + size - 1) / size);
        var random = options.Seed is { } seed ? new Random(seed) : Random.Shared;
        foreach (var block in Enumerable.Range(0, blocks).OrderBy(_ => random.Next()).Take(wanted).Order())
        {
            yield return block == 0
                ? 0
                : connection.ExecuteScalar<long>("SELECT id FROM profiles ORDER BY id LIMIT 1 OFFSET @offset", new { offset = (long)block * size - 1 });
        }
    }

    private int LoadIds(DbConnection connection, long after, long[] ids, CancellationToken cancellationToken)
    {
        var count = 0;
        using var reader = connection.ExecuteReader(new CommandDefinition(database.Dialect.SelectProfileIdsAfter, new { after, limit = ids.Length }, cancellationToken: cancellationToken));
        while (reader.Read())
        {
            ids[count++] = reader.GetInt64(0);
        }

        return count;
    }

    // Pre-order: a group before its items, so that evaluating from the last node back sees every child first.
    private static int Flatten(BoundNode node, List<(BoundNode, int[], int)> nodes, ref int conditions)
    {
        var index = nodes.Count;
        nodes.Add((node, [], -1));
        if (node is BoundGroup group)
        {
            var children = new int[group.Items.Length];
            for (var i = 0; i < children.Length; i++)
            {
                children[i] = Flatten(group.Items[i], nodes, ref conditions);
            }

            nodes[index] = (node, children, -1);
        }
        else
        {
            nodes[index] = (node, [], conditions++);
        }

        return index;
    }

    private static string Describe(BoundNode node) => node switch
    {
        BoundCondition condition => condition.Description,
        BoundGroup group => $"{(group.Operator == LogicalOperator.And ? "ALL" : "ANY")} of {group.Items.Length} items",
        _ => node.Path,
    };
}
