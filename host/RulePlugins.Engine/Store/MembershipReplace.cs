using System.Data.Common;
using Dapper;
using RulePlugins.Engine.Data;

namespace RulePlugins.Engine.Store;

/// <summary>
/// The one way a segment's membership changes: inside the caller's transaction, the members staged for a run become
/// the segment's members, with an entered/left log entry and a spell begun or ended for each profile that changed.
/// Recalculations and static segments' imports both end here, so the log and the spells mean the same for both.
/// </summary>
internal static class MembershipReplace
{
    /// <summary>
    /// Replaces the members of <paramref name="segmentId"/> with those staged for <paramref name="runId"/> (then clears
    /// them) at instant <paramref name="at"/>; returns how many entered and left.
    /// </summary>
    public static (long Entered, long Left) Replace(DbConnection connection, DbTransaction transaction, Database database, string segmentId, long runId, long at)
    {
        foreach (var statement in database.Dialect.BeforeReplace)
        {
            connection.Execute(statement, transaction: transaction);
        }

        var args = new { segment = segmentId, run = runId, at };
        var entered = connection.Execute(
            """
            INSERT INTO membership_log (segment_id, profile_id, change, run_id, at)
            SELECT @segment, s.profile_id, 'entered', @run, @at FROM segment_member_staging s
            WHERE s.run_id = @run AND NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = @segment AND m.profile_id = s.profile_id)
            ORDER BY s.profile_id
            """, args, transaction);
        var left = connection.Execute(
            """
            INSERT INTO membership_log (segment_id, profile_id, change, run_id, at)
            SELECT @segment, m.profile_id, 'left', @run, @at FROM segment_members m
            WHERE m.segment_id = @segment AND NOT EXISTS (SELECT 1 FROM segment_member_staging s WHERE s.run_id = @run AND s.profile_id = m.profile_id)
            ORDER BY m.profile_id
            """, args, transaction);

        // The spells agree with the log: one begins for each profile that entered, the open one ends for each that left.
        connection.Execute(
            """
            INSERT INTO segment_member_spells (segment_id, profile_id, entered_at, left_at)
            SELECT @segment, s.profile_id, @at, NULL FROM segment_member_staging s
            WHERE s.run_id = @run AND NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = @segment AND m.profile_id = s.profile_id)
            """, args, transaction);
        connection.Execute(
            """
            UPDATE segment_member_spells SET left_at = @at
            WHERE segment_id = @segment AND left_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM segment_member_staging s WHERE s.run_id = @run AND s.profile_id = segment_member_spells.profile_id)
            """, args, transaction);
        connection.Execute(
            """
            DELETE FROM segment_members
            WHERE segment_id = @segment AND NOT EXISTS (SELECT 1 FROM segment_member_staging s WHERE s.run_id = @run AND s.profile_id = segment_members.profile_id)
            """, args, transaction);
        connection.Execute(database.Dialect.InsertStagedMembers, args, transaction);
        connection.Execute("DELETE FROM segment_member_staging WHERE run_id = @run", args, transaction);
        return (entered, left);
    }
}
