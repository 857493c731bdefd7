using RulePlugins.Engine.Data.Dialects;
using RulePlugins.Engine.Data.Schema;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// The host's table declarations rendered for SQL Server, which the data suite runs only where Docker does: the column
/// types an existing SQL Server database has (they must not change under it), and the declarations' own checks.
/// </summary>
public sealed class HostTableTests
{
    [Fact]
    public void SqlServerCreateTable_HostTables_KeepTheColumnTypesOfExistingDatabases()
    {
        var dialect = new SqlServerDialect();
        var sql = HostTables.All.ToDictionary(t => t.Name, dialect.CreateTable);

        // Text that is a key or indexed: NVARCHAR(450); declared bounds; everything else NVARCHAR(MAX).
        Assert.Contains("component NVARCHAR(450) NOT NULL PRIMARY KEY, version INT NOT NULL", sql["schema_versions"]);
        Assert.Contains("id NVARCHAR(450) NOT NULL PRIMARY KEY, name NVARCHAR(MAX) NOT NULL, subject NVARCHAR(100) NOT NULL", sql["segments"]);
        Assert.Contains("status NVARCHAR(50) NOT NULL, status_reason NVARCHAR(MAX) NULL", sql["segments"]);
        Assert.Contains("assembly VARBINARY(MAX) NOT NULL, hash NVARCHAR(200) NOT NULL", sql["segment_versions"]);
        Assert.Contains("owner NVARCHAR(200) NOT NULL", sql["segment_run_leases"]);
        Assert.Contains("change NVARCHAR(20) NOT NULL", sql["membership_log"]);
        // Generated ids, defaults, and the columns added to segment_runs after its first release.
        Assert.StartsWith("IF OBJECT_ID(N'segment_runs', N'U') IS NULL CREATE TABLE segment_runs (id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY, segment_id NVARCHAR(450) NOT NULL", sql["segment_runs"]);
        Assert.Contains("scanned BIGINT NOT NULL DEFAULT 0", sql["segment_runs"]);
        Assert.EndsWith("error NVARCHAR(MAX) NULL, started_by NVARCHAR(MAX) NULL, owner NVARCHAR(MAX) NULL)", sql["segment_runs"]);
        Assert.Contains("id BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY", sql["membership_log"]);
        // Composite keys as a constraint; no SQLite or PostgreSQL hint leaks into SQL Server.
        Assert.EndsWith("(run_id BIGINT NOT NULL, profile_id BIGINT NOT NULL, PRIMARY KEY (run_id, profile_id))", sql["segment_member_staging"]);
        Assert.EndsWith("PRIMARY KEY (segment_id, version))", sql["segment_versions"]);
        Assert.All(sql.Values, s => Assert.DoesNotContain("ROWID", s, StringComparison.Ordinal));
        Assert.All(sql.Values, s => Assert.DoesNotContain("UNLOGGED", s, StringComparison.Ordinal));
    }

    [Fact]
    public void AddColumn_AColumnAddedToAReleasedTable_NullableUnlessItHasADefault()
    {
        var dialect = new SqlServerDialect();
        var runs = HostTables.SegmentRuns;

        Assert.Equal("ALTER TABLE segment_runs ADD owner NVARCHAR(MAX) NULL", dialect.AddColumn(runs, runs.Column("owner")));
        Assert.Equal("ALTER TABLE segment_runs ADD scanned BIGINT NOT NULL DEFAULT 0", dialect.AddColumn(runs, runs.Column("scanned")));
        Assert.Equal("ALTER TABLE segment_runs ADD status NVARCHAR(50) NULL", dialect.AddColumn(runs, runs.Column("status")));
        var error = Assert.Throws<InvalidOperationException>(() => dialect.AddColumn(runs, runs.Column("id")));
        Assert.Contains("identity column 'id'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Int32", new[] { "id" })]
    [InlineData("Int64", new[] { "id", "other" })]
    [InlineData("Int64", new string[0])]
    public void TableSchema_IdentityThatIsNotTheWholeInt64Key_IsRefusedWithTheTableAndColumn(string type, string[] key)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableSchema(
            "t", [new ColumnSchema("id", Enum.Parse<StorageType>(type)) { Identity = true }, new ColumnSchema("other", StorageType.Text)], key));

        Assert.Contains("Table 't': identity column 'id' must be a 64-bit integer and the whole primary key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableSchema_KeyNamingAnUndeclaredColumn_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new TableSchema("t", [new ColumnSchema("id", StorageType.Int64)], ["ident"]));

        Assert.Contains("Table 't' has no column 'ident'", error.Message, StringComparison.Ordinal);
    }
}
