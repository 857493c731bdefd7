using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using RulePlugins.Engine.Data.Schema;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>
/// Creates and migrates the schema at start-up, idempotently and in one transaction: the host's tables
/// (<see cref="HostTables"/>), then every plugin table, each through the same path (created when missing, missing
/// columns and indexes added, nothing dropped or recreated), recording each component's schema version.
/// </summary>
internal static partial class SchemaManager
{
    /// <summary>
    /// The host schema's version: 2 added <c>segment_runs.started_by</c>; 3 added <c>segment_runs.owner</c> and the
    /// <c>segment_run_leases</c> table. Declaring the tables once (<see cref="HostTables"/>) changed no table. 4 added
    /// <c>segment_member_spells</c>, filled from <c>membership_log</c> when it is created.
    /// </summary>
    public const int HostSchemaVersion = 4;

    /// <summary>Brings the database up to date with the host and every loaded plugin.</summary>
    public static void Migrate(Database database, PluginCatalog catalog, TimeProvider time)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var spellsExisted = database.Dialect.ExistingColumns(connection, HostTables.SegmentMemberSpells.Name, transaction).Count > 0;
        foreach (var table in HostTables.All)
        {
            Apply(database.Dialect, connection, transaction, table);
        }

        if (!spellsExisted)
        {
            // Every membership change has been logged, entered and left alternating per segment and profile: each
            // 'entered' begins a spell that the next change of that profile in that segment ends.
            connection.Execute(
                """
                INSERT INTO segment_member_spells (segment_id, profile_id, entered_at, left_at)
                SELECT segment_id, profile_id, at, next_at FROM (
                    SELECT segment_id, profile_id, change, at, LEAD(at) OVER (PARTITION BY segment_id, profile_id ORDER BY id) AS next_at
                    FROM membership_log) changes
                WHERE change = 'entered'
                """,
                transaction: transaction);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Record(connection, transaction, "host", HostSchemaVersion, now);
        foreach (var plugin in catalog.Plugins)
        {
            foreach (var table in plugin.Tables)
            {
                CheckNames(plugin, table);
                Apply(database.Dialect, connection, transaction, TableSchema.From(table));
                Record(connection, transaction, $"{plugin.Name}/{table.Name}", table.SchemaVersion, now);
            }
        }

        transaction.Commit();
    }

    /// <summary>Creates <paramref name="table"/> when it does not exist, else adds the columns it lacks; then its indexes.</summary>
    private static void Apply(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, TableSchema table)
    {
        var existing = dialect.ExistingColumns(connection, table.Name, transaction);
        if (existing.Count == 0)
        {
            connection.Execute(dialect.CreateTable(table), transaction: transaction);
        }
        else
        {
            foreach (var column in table.Columns.Where(c => !existing.Contains(c.Name)))
            {
                connection.Execute(dialect.AddColumn(table, column), transaction: transaction);
            }
        }

        foreach (var index in table.Indexes)
        {
            connection.Execute(dialect.CreateIndex(table, index), transaction: transaction);
        }
    }

    private static void Record(DbConnection connection, DbTransaction transaction, string component, int version, long now)
    {
        var updated = connection.Execute(
            "UPDATE schema_versions SET version = @version, updated_at = @now WHERE component = @component AND version <> @version",
            new { component, version, now },
            transaction);
        if (updated == 0)
        {
            connection.Execute(
                "INSERT INTO schema_versions (component, version, updated_at) SELECT @component, @version, @now WHERE NOT EXISTS (SELECT 1 FROM schema_versions WHERE component = @component)",
                new { component, version, now },
                transaction);
        }
    }

    private static void CheckNames(LoadedPlugin plugin, TableDefinition table)
    {
        var names = table.Columns.Select(c => c.Name)
            .Append(table.Name)
            .Append(table.SubjectKeyColumn ?? table.Name)
            .Concat(table.Indexes.Select(i => i.Name))
            .Concat(table.Indexes.SelectMany(i => i.Columns));
        foreach (var name in names)
        {
            if (!SqlName().IsMatch(name))
            {
                throw new InvalidOperationException(
                    $"Plugin {plugin.Name}: '{name}' in table '{table.Name}' is not a valid name (lower-case letters, digits and underscores, starting with a letter).");
            }
        }
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{0,62}\z")]
    private static partial Regex SqlName();
}
