using System.Text.RegularExpressions;
using Dapper;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk.Data;

namespace RulePlugins.Engine.Data;

/// <summary>
/// Creates and migrates the schema at start-up, idempotently: the host's tables, then every plugin table
/// (created when missing, missing columns and indexes added), recording each component's schema version.
/// </summary>
public static partial class SchemaManager
{
    /// <summary>
    /// The host schema's version: 2 added <c>segment_runs.started_by</c>; 3 added <c>segment_runs.owner</c> and the
    /// <c>segment_run_leases</c> table.
    /// </summary>
    public const int HostSchemaVersion = 3;

    /// <summary>What started a run: <c>api</c>, <c>schedule</c>; null for a run started in process (the CLI).</summary>
    private static readonly ColumnDefinition StartedBy = new("started_by", ColumnType.Text);

    /// <summary>The host instance that owns a run (see <see cref="Runs.RunStore"/>).</summary>
    private static readonly ColumnDefinition Owner = new("owner", ColumnType.Text);

    private static readonly (TableDefinition Table, ColumnDefinition Column)[] HostColumnsAddedLater =
    [
        (TableDefinition.Reference("segment_runs", typeof(Runs.RunInfo), [StartedBy, Owner]), StartedBy),
        (TableDefinition.Reference("segment_runs", typeof(Runs.RunInfo), [StartedBy, Owner]), Owner),
    ];

    /// <summary>Brings the database up to date with the host and every loaded plugin.</summary>
    public static void Migrate(Database database, PluginCatalog catalog, TimeProvider time)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var statement in database.Dialect.HostSchema)
        {
            connection.Execute(statement, transaction: transaction);
        }

        // Host columns added after a table's first release: added to databases made before them, in every dialect.
        foreach (var (table, column) in HostColumnsAddedLater)
        {
            if (!database.Dialect.ExistingColumns(connection, table.Name).Contains(column.Name))
            {
                connection.Execute(database.Dialect.AddColumn(table, column), transaction: transaction);
            }
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Record(connection, transaction, "host", HostSchemaVersion, now);
        foreach (var plugin in catalog.Plugins)
        {
            foreach (var table in plugin.Tables)
            {
                CheckNames(plugin, table);
                var existing = database.Dialect.ExistingColumns(connection, table.Name);
                if (existing.Count == 0)
                {
                    connection.Execute(database.Dialect.CreateTable(table), transaction: transaction);
                }
                else
                {
                    foreach (var column in table.Columns.Where(c => !existing.Contains(c.Name)))
                    {
                        connection.Execute(database.Dialect.AddColumn(table, column), transaction: transaction);
                    }
                }

                foreach (var index in table.Indexes)
                {
                    connection.Execute(database.Dialect.CreateIndex(table, index), transaction: transaction);
                }

                Record(connection, transaction, $"{plugin.Name}/{table.Name}", table.SchemaVersion, now);
            }
        }

        transaction.Commit();
    }

    private static void Record(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string component, int version, long now)
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
