using System.Collections.Concurrent;
using RulePlugins.Engine.Model;
using RulePlugins.Engine.Store;
using RulePlugins.Engine.Validation;

namespace RulePlugins.Engine.References;

/// <summary>What the engine knows of a loaded segment beyond its predicate: schedule and references.</summary>
/// <param name="Id">The segment id.</param>
/// <param name="Subject">What it selects.</param>
/// <param name="Schedule">Its schedule, or null for the service's default.</param>
/// <param name="References">The segments it refers to, ordered by id, without repeats.</param>
public sealed record SegmentLinks(string Id, string Subject, SegmentSchedule? Schedule, IReadOnlyList<string> References);

/// <summary>
/// The references between loaded segments (a condition naming another segment) and their schedules: which segments
/// refer to one, the order to recalculate them in, and the checks that keep the graph acyclic. Thread-safe.
/// </summary>
internal sealed class SegmentGraph
{
    private readonly ConcurrentDictionary<string, SegmentLinks> _links = new(StringComparer.Ordinal);

    /// <summary>Records (or replaces) a segment's schedule and references from its bound document.</summary>
    public void Link(BoundSegment segment)
    {
        var document = segment.Document;
        var references = segment.References.Select(r => r.SegmentId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _links[document.Id] = new SegmentLinks(document.Id, document.Subject, document.Schedule, references);
    }

    /// <summary>Forgets a segment (deleted, or no longer loaded).</summary>
    public void Remove(string id) => _links.TryRemove(id, out _);

    /// <summary>The schedule and references of a loaded segment, or null.</summary>
    public SegmentLinks? Links(string id) => _links.GetValueOrDefault(id);

    /// <summary>The segments whose current version refers to <paramref name="id"/>, ordered by id.</summary>
    public IReadOnlyList<string> Referrers(string id) =>
        [.. _links.Values.Where(l => l.References.Contains(id, StringComparer.Ordinal)).Select(l => l.Id).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Orders segment ids so that every segment comes after the segments it refers to (those among
    /// <paramref name="ids"/>); otherwise by id.
    /// </summary>
    public IReadOnlyList<string> InDependencyOrder(IEnumerable<string> ids)
    {
        var wanted = new SortedSet<string>(ids, StringComparer.Ordinal);
        var ordered = new List<string>(wanted.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string id, int depth)
        {
            // Saving refuses cycles, so the depth guard only protects against a corrupted store.
            if (depth > wanted.Count || !done.Add(id))
            {
                return;
            }

            foreach (var reference in _links.GetValueOrDefault(id)?.References ?? [])
            {
                if (wanted.Contains(reference))
                {
                    Visit(reference, depth + 1);
                }
            }

            ordered.Add(id);
        }

        foreach (var id in wanted)
        {
            Visit(id, 0);
        }

        return ordered;
    }

    /// <summary>
    /// Refuses references to the segment itself, to a segment that does not exist (<paramref name="find"/> says which
    /// are stored) or selects another subject, and references that would close a cycle; each at the reference's path.
    /// </summary>
    public void CheckReferences(BoundSegment segment, Func<string, SegmentInfo?> find)
    {
        var id = segment.Document.Id;
        var errors = new List<ValidationError>();
        foreach (var reference in segment.References)
        {
            if (reference.SegmentId == id)
            {
                errors.Add(new(reference.Path, "a segment cannot refer to itself"));
            }
            else if (find(reference.SegmentId) is not { } target)
            {
                errors.Add(new(reference.Path, $"segment '{reference.SegmentId}' does not exist; save it first"));
            }
            else if (target.Subject != segment.Document.Subject)
            {
                errors.Add(new(reference.Path, $"segment '{reference.SegmentId}' selects {target.Subject}s, but this segment selects {segment.Document.Subject}s"));
            }
            else if (ReachesThrough(reference.SegmentId, id))
            {
                errors.Add(new(reference.Path, $"segment '{reference.SegmentId}' refers back to '{id}' (directly or through others); references cannot form a cycle"));
            }
        }

        if (errors.Count > 0)
        {
            throw new SegmentValidationException(id, errors);
        }
    }

    private bool ReachesThrough(string from, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var current))
        {
            if (current == target)
            {
                return true;
            }

            if (seen.Add(current) && _links.TryGetValue(current, out var links))
            {
                foreach (var next in links.References)
                {
                    pending.Push(next);
                }
            }
        }

        return false;
    }
}
