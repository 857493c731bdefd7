namespace RulePlugins.Sdk.Data;

/// <summary>One spell of a profile in a segment: a row of <see cref="SegmentMembership.Spells"/>.</summary>
public sealed class SegmentSpellRow
{
    /// <summary>The segment.</summary>
    public string? SegmentId { get; set; }

    /// <summary>When the profile entered it (Unix milliseconds, UTC): the evaluation instant of the run or import that added it.</summary>
    public long EnteredAt { get; set; }

    /// <summary>When it left, or null while it is a member.</summary>
    public long? LeftAt { get; set; }
}

/// <summary>
/// Segment membership, which the host owns: every plugin may read it like one of its own subject tables (declare it in
/// <see cref="Conditions.ConditionType.GetDataRequirements"/>; do not add it with <see cref="IPluginBuilder.AddTable"/>),
/// none may write it. The host writes it in the transaction that replaces a membership (a recalculation or a static
/// segment's import), together with the entered/left log, so it always agrees with the current members.
/// </summary>
public static class SegmentMembership
{
    /// <summary>
    /// <c>segment_member_spells</c>: one row per time a profile was in a segment (<c>segment_id</c>, <c>entered_at</c>,
    /// <c>left_at</c>, null while it is a member), for every profile segment, dynamic or static. The current members
    /// of a segment are its spells open now; its history is every spell. Read it with
    /// <see cref="Operators.MembershipHistoryOperators"/> (<c>entered_at</c>, <c>left_at</c>).
    /// </summary>
    public static TableDefinition Spells { get; } = new(
        "segment_member_spells",
        "profile_id",
        typeof(SegmentSpellRow),
        [
            new("segment_id", ColumnType.Text) { Nullable = false },
            new("entered_at", ColumnType.Timestamp) { Nullable = false },
            new("left_at", ColumnType.Timestamp),
        ]);

    /// <summary>Whether <paramref name="table"/> is one of the host's tables that plugins read (by name).</summary>
    public static bool IsHostTable(TableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Name == Spells.Name;
    }
}
