using System.Data.Common;
using System.Diagnostics;
using Dapper;
using RulePlugins.Engine.Compilation;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Evaluation;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Validation;
using RulePlugins.Sdk.Runtime;

namespace RulePlugins.Engine.Insight.Preview;

/// <summary>
/// Counts, for a compiled draft, how many profiles each node of its tree holds for: batch by batch, the plan's rows are
/// read as a recalculation reads them and every node is answered by <see cref="ConditionTree"/>, so a node is counted
/// whatever its siblings say. Memory is one batch; nothing is
/// written. The caller's token cancels between profiles.
/// </summary>
internal sealed class AudienceCounter(Database database)
{
    public AudienceCount Count(BoundSegment segment, CompiledSegment compiled, EvaluationClock clock, AudienceCountOptions options, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BlockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleSize ?? 1, 1);
        var tree = new ConditionTree(segment);
        var counts = new long[tree.Nodes.Count];
        var holds = new bool[tree.Nodes.Count];
        var predicate = compiled.Predicate;

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
                tree.Evaluate(predicate, new Subject(batch, i), clock, holds);
                for (var n = 0; n < holds.Length; n++)
                {
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
            [.. tree.Nodes.Select((n, i) => new NodeCount(n.Path, Describe(n), counts[i]))], clock.NowUnixMilliseconds, stopwatch.Elapsed);
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

    private static string Describe(BoundNode node) => node switch
    {
        BoundCondition condition => condition.Description,
        BoundGroup group => $"{(group.Operator == LogicalOperator.And ? "ALL" : "ANY")} of {group.Items.Length} items",
        _ => node.Path,
    };
}
