using Dapper;
using RulePlugins.Engine.Data;

namespace RulePlugins.Engine.Store;

/// <summary>A segment as listed: its current version and whether it can be evaluated.</summary>
public sealed record SegmentInfo(string Id, string Name, string Subject, long CurrentVersion, string Status, string? StatusReason, long UpdatedAt);

/// <summary>One stored version of a segment: the document, its generated source, compiled bytes and their hash.</summary>
public sealed record StoredVersion(string SegmentId, long Version, string Document, string Source, byte[] Assembly, string Hash, long CreatedAt);

/// <summary>A stored version as listed: number, hash and when it was saved.</summary>
public sealed record VersionSummary(long Version, string Hash, long CreatedAt);

/// <summary>Segment statuses.</summary>
public static class SegmentStatus
{
    /// <summary>Compiled and ready to evaluate.</summary>
    public const string Ready = "ready";

    /// <summary>Cannot be evaluated now (a plugin it needs is missing or failed); the reason says why.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>A static segment: it has no rules, and its members are set by import.</summary>
    public const string Static = "static";
}

/// <summary>A static segment: its members are imported.</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The name.</param>
/// <param name="Members">How many members it has.</param>
public sealed record StaticSegmentInfo(string Id, string Name, long Members);

/// <summary>Stores segments and their versions with Dapper. Every save is one transaction.</summary>
internal sealed class SegmentStore(Database database)
{
    /// <summary>Records a static segment: version 0, no version rows, status <see cref="SegmentStatus.Static"/>.</summary>
    public void CreateStatic(string id, string name, long now)
    {
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO segments (id, name, subject, current_version, status, status_reason, created_at, updated_at) VALUES (@id, @name, 'profile', 0, @status, NULL, @now, @now)",
            new { id, name, status = SegmentStatus.Static, now });
    }

    /// <summary>
    /// Stores a new version of a segment, or returns the current one when the document and its compiled hash are
    /// unchanged. Returns the version number and whether it is new.
    /// </summary>
    public (int Version, bool Created) SaveVersion(string id, string name, string subject, string document, string source, byte[] assembly, string hash, long now)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var current = connection.QuerySingleOrDefault<(long Version, string Document, string Hash)?>(
            "SELECT v.version, v.document, v.hash FROM segments s JOIN segment_versions v ON v.segment_id = s.id AND v.version = s.current_version WHERE s.id = @id",
            new { id }, transaction);
        if (current is { } c && c.Document == document && c.Hash == hash)
        {
            connection.Execute(
                "UPDATE segments SET status = @status, status_reason = NULL WHERE id = @id",
                new { id, status = SegmentStatus.Ready }, transaction);
            transaction.Commit();
            return ((int)c.Version, false);
        }

        var version = (int)connection.ExecuteScalar<long>(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM segment_versions WHERE segment_id = @id", new { id }, transaction);
        connection.Execute(
            "INSERT INTO segment_versions (segment_id, version, document, source, assembly, hash, created_at) VALUES (@id, @version, @document, @source, @assembly, @hash, @now)",
            new { id, version, document, source, assembly, hash, now }, transaction);
        var updated = connection.Execute(
            "UPDATE segments SET name = @name, subject = @subject, current_version = @version, status = @status, status_reason = NULL, updated_at = @now WHERE id = @id",
            new { id, name, subject, version, status = SegmentStatus.Ready, now }, transaction);
        if (updated == 0)
        {
            connection.Execute(
                "INSERT INTO segments (id, name, subject, current_version, status, status_reason, created_at, updated_at) VALUES (@id, @name, @subject, @version, @status, NULL, @now, @now)",
                new { id, name, subject, version, status = SegmentStatus.Ready, now }, transaction);
        }

        transaction.Commit();
        return (version, true);
    }

    /// <summary>Replaces the compiled form of a stored version (after plugins changed) without creating a new version.</summary>
    public void UpdateCompiled(string id, int version, string source, byte[] assembly, string hash)
    {
        using var connection = database.Open();
        connection.Execute(
            "UPDATE segment_versions SET source = @source, assembly = @assembly, hash = @hash WHERE segment_id = @id AND version = @version",
            new { id, version, source, assembly, hash });
    }

    /// <summary>Marks a segment ready or unavailable.</summary>
    public void SetStatus(string id, string status, string? reason)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE segments SET status = @status, status_reason = @reason WHERE id = @id", new { id, status, reason });
    }

    /// <summary>Deletes a segment and everything stored for it (versions, members, log, runs) in one transaction.</summary>
    public void Delete(string id)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var table in (string[])["membership_log", "segment_member_spells", "segment_members", "segment_versions"])
        {
            connection.Execute($"DELETE FROM {table} WHERE segment_id = @id", new { id }, transaction);
        }

        connection.Execute("DELETE FROM segment_member_staging WHERE run_id IN (SELECT id FROM segment_runs WHERE segment_id = @id)", new { id }, transaction);
        connection.Execute("DELETE FROM segment_runs WHERE segment_id = @id", new { id }, transaction);
        connection.Execute("DELETE FROM segment_run_leases WHERE segment_id = @id", new { id }, transaction);
        connection.Execute("DELETE FROM segments WHERE id = @id", new { id }, transaction);
        transaction.Commit();
    }

    /// <summary>Every segment, ordered by id.</summary>
    public IReadOnlyList<SegmentInfo> List()
    {
        using var connection = database.Open();
        return connection.Query<SegmentInfo>(
            "SELECT id AS Id, name AS Name, subject AS Subject, current_version AS CurrentVersion, status AS Status, status_reason AS StatusReason, updated_at AS UpdatedAt FROM segments ORDER BY id").AsList();
    }

    /// <summary>One segment, or null.</summary>
    public SegmentInfo? Find(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<SegmentInfo>(
            "SELECT id AS Id, name AS Name, subject AS Subject, current_version AS CurrentVersion, status AS Status, status_reason AS StatusReason, updated_at AS UpdatedAt FROM segments WHERE id = @id",
            new { id });
    }

    /// <summary>A stored version (the current one when <paramref name="version"/> is null), or null.</summary>
    public StoredVersion? GetVersion(string id, int? version = null)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<StoredVersion>(
            """
            SELECT segment_id AS SegmentId, version AS Version, document AS Document, source AS Source, assembly AS Assembly, hash AS Hash, created_at AS CreatedAt
            FROM segment_versions
            WHERE segment_id = @id AND version = COALESCE(@version, (SELECT current_version FROM segments WHERE id = @id))
            """,
            new { id, version });
    }

    /// <summary>The versions of a segment without their documents, sources or assemblies, oldest first.</summary>
    public IReadOnlyList<VersionSummary> ListVersions(string id)
    {
        using var connection = database.Open();
        return connection.Query<VersionSummary>(
            "SELECT version AS Version, hash AS Hash, created_at AS CreatedAt FROM segment_versions WHERE segment_id = @id ORDER BY version",
            new { id }).AsList();
    }

    /// <summary>The version numbers of a segment, oldest first.</summary>
    public IReadOnlyList<int> Versions(string id) => [.. ListVersions(id).Select(v => (int)v.Version)];
}
