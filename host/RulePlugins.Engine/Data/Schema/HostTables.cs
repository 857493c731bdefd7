using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data.Schema;

/// <summary>
/// The host's own tables, declared once for every database. The schema manager creates and migrates them through the
/// same dialect statements as plugin tables: a missing table is created, a missing column or index is added, nothing is
/// ever dropped or recreated. Where a database really differs, the declaration says so with a column property that only
/// one dialect uses (<see cref="ColumnSchema.MaxLength"/>: SQL Server's bounded <c>NVARCHAR</c>) or a
/// <see cref="DialectHints"/> value. A column added to a released table goes at the end, nullable or with a default, so
/// older databases get it added.
/// </summary>
internal static class HostTables
{
    /// <summary>Which version each component's schema has (<c>host</c>, and <c>plugin/table</c> for every plugin table).</summary>
    public static readonly TableSchema SchemaVersions = new(
        "schema_versions",
        [Text("component"), new("version", StorageType.Int32), Timestamp("updated_at")],
        primaryKey: ["component"]);

    /// <summary>The profiles: plugins' subject tables hang off their ids.</summary>
    public static readonly TableSchema Profiles = new("profiles", [Int64("id")], primaryKey: ["id"]);

    /// <summary>One row per segment: its current version and whether it is available.</summary>
    public static readonly TableSchema Segments = new(
        "segments",
        [
            Text("id"),
            Text("name"),
            Text("subject", maxLength: 100),
            Int64("current_version"),
            Text("status", maxLength: 50),
            Text("status_reason") with { Nullable = true },
            Timestamp("created_at"),
            Timestamp("updated_at"),
        ],
        primaryKey: ["id"]);

    /// <summary>Every stored version of a segment: document, generated source, compiled assembly and its hash.</summary>
    public static readonly TableSchema SegmentVersions = new(
        "segment_versions",
        [
            Text("segment_id"),
            Int64("version"),
            Text("document"),
            Text("source"),
            new("assembly", StorageType.Binary),
            Text("hash", maxLength: 200),
            Timestamp("created_at"),
        ],
        primaryKey: ["segment_id", "version"]);

    /// <summary>The current members of each profile segment: nothing but the key.</summary>
    public static readonly TableSchema SegmentMembers = new(
        "segment_members",
        [Text("segment_id"), Int64("profile_id")],
        primaryKey: ["segment_id", "profile_id"])
    {
        Hints = DialectHints.SqliteWithoutRowId,
    };

    /// <summary>Members a run has found so far, until its final transaction replaces the membership with them.</summary>
    public static readonly TableSchema SegmentMemberStaging = new(
        "segment_member_staging",
        [Int64("run_id"), Int64("profile_id")],
        primaryKey: ["run_id", "profile_id"])
    {
        Hints = DialectHints.SqliteWithoutRowId | DialectHints.PostgresUnlogged,
    };

    /// <summary>Who entered and left each segment, in which run.</summary>
    public static readonly TableSchema MembershipLog = new(
        "membership_log",
        [
            Int64("id") with { Identity = true },
            Text("segment_id"),
            Int64("profile_id"),
            Text("change", maxLength: 20),
            Int64("run_id"),
            Timestamp("at"),
        ],
        primaryKey: ["id"])
    {
        Indexes = [new IndexDefinition("ix_membership_log_segment", ["segment_id", "id"])],
    };

    /// <summary>
    /// The profile ids an import is reading, with their line, until its transaction applies them (host schema version 4).
    /// A line's id may repeat and may be unknown: both are checked in SQL, so the file is never held in memory.
    /// </summary>
    public static readonly TableSchema SegmentImportRows = new(
        "segment_import_rows",
        [Int64("run_id"), Int64("line"), Int64("profile_id")],
        primaryKey: ["run_id", "line"])
    {
        Hints = DialectHints.SqliteWithoutRowId | DialectHints.PostgresUnlogged,
    };

    /// <summary>
    /// Each profile's spells in each segment: entered at, left at (null while a member). Written with the log in the
    /// transaction that replaces a membership; plugins read it as <see cref="Sdk.Data.SegmentMembership.Spells"/>, loaded
    /// per batch of profiles like a plugin's subject table (host schema version 4; filled from the log when added).
    /// </summary>
    public static readonly TableSchema SegmentMemberSpells = new(
        "segment_member_spells",
        [
            Int64("id") with { Identity = true },
            Text("segment_id"),
            Int64("profile_id"),
            Timestamp("entered_at"),
            Timestamp("left_at") with { Nullable = true },
        ],
        primaryKey: ["id"])
    {
        Indexes =
        [
            new IndexDefinition("ix_segment_member_spells_profile", ["profile_id", "segment_id", "entered_at"]),
            new IndexDefinition("ix_segment_member_spells_open", ["segment_id", "left_at"]),
        ],
    };

    /// <summary>
    /// Every recalculation run with its state and statistics (written only by <see cref="Runs.RunStore"/>).
    /// <c>started_by</c> came in host schema version 2, <c>owner</c> in version 3.
    /// </summary>
    public static readonly TableSchema SegmentRuns = new(
        "segment_runs",
        [
            Int64("id") with { Identity = true },
            Text("segment_id"),
            Int64("version"),
            Text("status", maxLength: 50),
            Timestamp("started_at"),
            Timestamp("finished_at") with { Nullable = true },
            Counter("scanned"),
            Counter("members"),
            Counter("entered"),
            Counter("left_count"),
            Counter("duration_ms"),
            Text("error") with { Nullable = true },
            Text("started_by") with { Nullable = true },
            Text("owner") with { Nullable = true },
        ],
        primaryKey: ["id"])
    {
        Indexes = [new IndexDefinition("ix_segment_runs_segment", ["segment_id", "id"])],
    };

    /// <summary>The lease of a segment's live run: which host runs it, until when (host schema version 3).</summary>
    public static readonly TableSchema SegmentRunLeases = new(
        "segment_run_leases",
        [
            Text("segment_id"),
            Int64("run_id"),
            Text("owner", maxLength: 200),
            Timestamp("acquired_at"),
            Timestamp("expires_at"),
        ],
        primaryKey: ["segment_id"]);

    /// <summary>Every host table, in the order they are created (<c>schema_versions</c> first).</summary>
    public static readonly IReadOnlyList<TableSchema> All =
        [SchemaVersions, Profiles, Segments, SegmentVersions, SegmentMembers, SegmentMemberStaging, MembershipLog, SegmentMemberSpells, SegmentImportRows, SegmentRuns, SegmentRunLeases];

    private static ColumnSchema Int64(string name) => new(name, StorageType.Int64);

    private static ColumnSchema Timestamp(string name) => new(name, StorageType.Timestamp);

    private static ColumnSchema Text(string name, int? maxLength = null) => new(name, StorageType.Text) { MaxLength = maxLength };

    private static ColumnSchema Counter(string name) => new(name, StorageType.Int64) { Default = 0 };
}
