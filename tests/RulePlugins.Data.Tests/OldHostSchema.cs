namespace RulePlugins.Data.Tests;

/// <summary>
/// The host's tables as the host wrote them out before they were declared once (HostTables): a verbatim copy of the
/// statements each dialect ran (SqliteDialect, PostgresDialect and SqlServerDialect HostSchema), and the columns the
/// schema manager added to databases made before them. A database made by these statements must migrate in place to
/// the declared schema.
/// </summary>
public static class OldHostSchema
{
    private const string RunCounters =
        "scanned BIGINT NOT NULL DEFAULT 0, members BIGINT NOT NULL DEFAULT 0, entered BIGINT NOT NULL DEFAULT 0, " +
        "left_count BIGINT NOT NULL DEFAULT 0, duration_ms BIGINT NOT NULL DEFAULT 0";

    /// <summary>The statements that created the host's tables (host schema version 3) on the dialect named <paramref name="dialect"/>.</summary>
    public static IReadOnlyList<string> Statements(string dialect) => dialect switch
    {
        "sqlite" => Sqlite,
        "postgresql" => Postgres,
        "sqlserver" => SqlServer,
        _ => throw new ArgumentException($"No old host schema for {dialect}.", nameof(dialect)),
    };

    /// <summary>
    /// The columns added after <c>segment_runs</c> was first released (<c>started_by</c> in version 2, <c>owner</c> in
    /// version 3), as the schema manager added them to older databases: every database made by the old host has them.
    /// </summary>
    public static IReadOnlyList<string> AddedColumns(string dialect) => dialect switch
    {
        "sqlserver" => ["ALTER TABLE segment_runs ADD started_by NVARCHAR(MAX) NULL", "ALTER TABLE segment_runs ADD owner NVARCHAR(MAX) NULL"],
        "postgresql" => ["ALTER TABLE segment_runs ADD COLUMN IF NOT EXISTS started_by TEXT NULL", "ALTER TABLE segment_runs ADD COLUMN IF NOT EXISTS owner TEXT NULL"],
        _ => ["ALTER TABLE segment_runs ADD COLUMN started_by TEXT NULL", "ALTER TABLE segment_runs ADD COLUMN owner TEXT NULL"],
    };

    private static readonly string[] Sqlite =
    [
        "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS profiles (id INTEGER NOT NULL PRIMARY KEY)",
        """
        CREATE TABLE IF NOT EXISTS segments (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            subject TEXT NOT NULL,
            current_version INTEGER NOT NULL,
            status TEXT NOT NULL,
            status_reason TEXT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS segment_versions (
            segment_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            document TEXT NOT NULL,
            source TEXT NOT NULL,
            assembly BLOB NOT NULL,
            hash TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (segment_id, version))
        """,
        "CREATE TABLE IF NOT EXISTS segment_members (segment_id TEXT NOT NULL, profile_id INTEGER NOT NULL, PRIMARY KEY (segment_id, profile_id)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS segment_member_staging (run_id INTEGER NOT NULL, profile_id INTEGER NOT NULL, PRIMARY KEY (run_id, profile_id)) WITHOUT ROWID",
        """
        CREATE TABLE IF NOT EXISTS membership_log (
            id INTEGER NOT NULL PRIMARY KEY,
            segment_id TEXT NOT NULL,
            profile_id INTEGER NOT NULL,
            change TEXT NOT NULL,
            run_id INTEGER NOT NULL,
            at INTEGER NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_membership_log_segment ON membership_log (segment_id, id)",
        """
        CREATE TABLE IF NOT EXISTS segment_runs (
            id INTEGER NOT NULL PRIMARY KEY,
            segment_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NULL,
            scanned INTEGER NOT NULL DEFAULT 0,
            members INTEGER NOT NULL DEFAULT 0,
            entered INTEGER NOT NULL DEFAULT 0,
            left_count INTEGER NOT NULL DEFAULT 0,
            duration_ms INTEGER NOT NULL DEFAULT 0,
            error TEXT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_segment_runs_segment ON segment_runs (segment_id, id)",
        """
        CREATE TABLE IF NOT EXISTS segment_run_leases (
            segment_id TEXT NOT NULL PRIMARY KEY,
            run_id INTEGER NOT NULL,
            owner TEXT NOT NULL,
            acquired_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL)
        """,
    ];

    private static readonly string[] Postgres =
    [
        "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, updated_at BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS profiles (id BIGINT NOT NULL PRIMARY KEY)",
        """
        CREATE TABLE IF NOT EXISTS segments (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            subject TEXT NOT NULL,
            current_version BIGINT NOT NULL,
            status TEXT NOT NULL,
            status_reason TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS segment_versions (
            segment_id TEXT NOT NULL,
            version BIGINT NOT NULL,
            document TEXT NOT NULL,
            source TEXT NOT NULL,
            assembly BYTEA NOT NULL,
            hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (segment_id, version))
        """,
        "CREATE TABLE IF NOT EXISTS segment_members (segment_id TEXT NOT NULL, profile_id BIGINT NOT NULL, PRIMARY KEY (segment_id, profile_id))",
        "CREATE UNLOGGED TABLE IF NOT EXISTS segment_member_staging (run_id BIGINT NOT NULL, profile_id BIGINT NOT NULL, PRIMARY KEY (run_id, profile_id))",
        """
        CREATE TABLE IF NOT EXISTS membership_log (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            segment_id TEXT NOT NULL,
            profile_id BIGINT NOT NULL,
            change TEXT NOT NULL,
            run_id BIGINT NOT NULL,
            at BIGINT NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_membership_log_segment ON membership_log (segment_id, id)",
        $"""
        CREATE TABLE IF NOT EXISTS segment_runs (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            segment_id TEXT NOT NULL,
            version BIGINT NOT NULL,
            status TEXT NOT NULL,
            started_at BIGINT NOT NULL,
            finished_at BIGINT NULL,
            {RunCounters},
            error TEXT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_segment_runs_segment ON segment_runs (segment_id, id)",
        """
        CREATE TABLE IF NOT EXISTS segment_run_leases (
            segment_id TEXT NOT NULL PRIMARY KEY,
            run_id BIGINT NOT NULL,
            owner TEXT NOT NULL,
            acquired_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL)
        """,
    ];

    private static readonly string[] SqlServer =
    [
        Create("schema_versions", "component NVARCHAR(450) NOT NULL PRIMARY KEY, version INT NOT NULL, updated_at BIGINT NOT NULL"),
        Create("profiles", "id BIGINT NOT NULL PRIMARY KEY"),
        Create(
            "segments",
            """
            id NVARCHAR(450) NOT NULL PRIMARY KEY,
            name NVARCHAR(MAX) NOT NULL,
            subject NVARCHAR(100) NOT NULL,
            current_version BIGINT NOT NULL,
            status NVARCHAR(50) NOT NULL,
            status_reason NVARCHAR(MAX) NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
            """),
        Create(
            "segment_versions",
            """
            segment_id NVARCHAR(450) NOT NULL,
            version BIGINT NOT NULL,
            document NVARCHAR(MAX) NOT NULL,
            source NVARCHAR(MAX) NOT NULL,
            assembly VARBINARY(MAX) NOT NULL,
            hash NVARCHAR(200) NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (segment_id, version)
            """),
        Create("segment_members", "segment_id NVARCHAR(450) NOT NULL, profile_id BIGINT NOT NULL, PRIMARY KEY (segment_id, profile_id)"),
        Create("segment_member_staging", "run_id BIGINT NOT NULL, profile_id BIGINT NOT NULL, PRIMARY KEY (run_id, profile_id)"),
        Create(
            "membership_log",
            """
            id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
            segment_id NVARCHAR(450) NOT NULL,
            profile_id BIGINT NOT NULL,
            change NVARCHAR(20) NOT NULL,
            run_id BIGINT NOT NULL,
            at BIGINT NOT NULL
            """),
        Index("membership_log", "ix_membership_log_segment", "segment_id, id"),
        Create(
            "segment_runs",
            $"""
            id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
            segment_id NVARCHAR(450) NOT NULL,
            version BIGINT NOT NULL,
            status NVARCHAR(50) NOT NULL,
            started_at BIGINT NOT NULL,
            finished_at BIGINT NULL,
            {RunCounters},
            error NVARCHAR(MAX) NULL
            """),
        Index("segment_runs", "ix_segment_runs_segment", "segment_id, id"),
        Create(
            "segment_run_leases",
            """
            segment_id NVARCHAR(450) NOT NULL PRIMARY KEY,
            run_id BIGINT NOT NULL,
            owner NVARCHAR(200) NOT NULL,
            acquired_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
            """),
    ];

    private static string Create(string table, string columns) =>
        $"IF OBJECT_ID(N'{table}', N'U') IS NULL CREATE TABLE {table} ({columns})";

    private static string Index(string table, string index, string columns) =>
        $"IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'{index}' AND object_id = OBJECT_ID(N'{table}')) CREATE INDEX {index} ON {table} ({columns})";
}
