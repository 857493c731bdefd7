using Dapper;
using RulePlugins.Engine.Data;

namespace RulePlugins.Engine.Store;

/// <summary>A membership change written by a recalculation.</summary>
public sealed record MembershipChange(long Id, long ProfileId, string Change, long RunId, long At);

/// <summary>
/// Reads segment memberships and their entered/left log. The recalculator writes both, in the transaction that replaces
/// a membership; nothing else does.
/// </summary>
internal sealed class MembershipStore(Database database)
{
    /// <summary>Member profile ids in ascending order, after <paramref name="after"/> (keyset paging).</summary>
    public IReadOnlyList<long> Members(string id, long after, int limit)
    {
        using var connection = database.Open();
        return connection.Query<long>(
            database.Dialect.Limit("SELECT profile_id FROM segment_members WHERE segment_id = @id AND profile_id > @after ORDER BY profile_id"),
            new { id, after, limit }).AsList();
    }

    /// <summary>How many members a segment has.</summary>
    public bool Contains(string id, long profileId)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM segment_members WHERE segment_id = @id AND profile_id = @profileId", new { id, profileId }) > 0;
    }

    /// <summary>How many members a segment has.</summary>
    public long Count(string id)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM segment_members WHERE segment_id = @id", new { id });
    }

    /// <summary>The membership log of a segment, oldest first, after log id <paramref name="after"/>.</summary>
    public IReadOnlyList<MembershipChange> Log(string id, long after, int limit)
    {
        using var connection = database.Open();
        return connection.Query<MembershipChange>(
            database.Dialect.Limit("SELECT id AS Id, profile_id AS ProfileId, change AS Change, run_id AS RunId, at AS At FROM membership_log WHERE segment_id = @id AND id > @after ORDER BY id"),
            new { id, after, limit }).AsList();
    }
}
