using Dapper;
using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;

namespace RulePlugins.Engine.DemoData;

/// <summary>
/// Fills a database with demo data: profiles <c>1..N</c> and every plugin's generated rows, or one plugin's rows
/// added to a database that already has profiles. Deterministic for a seed and an evaluation instant.
/// </summary>
internal sealed class DemoDataGenerator(Database database, PluginCatalog catalog, TimeProvider time)
{
    /// <summary>Fills an empty database with <paramref name="profiles"/> profiles and every plugin's demo data.</summary>
    public void Generate(long profiles, int seed, Action<string, double>? progress)
    {
        using (var connection = database.Open())
        {
            if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM profiles") > 0)
            {
                throw new DemoDataException("The database already has profiles; demo data goes into an empty database (use --only PLUGIN to add one plugin's data to it).");
            }
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var context = new HostDemoDataContext(database, profiles, seed, now, progress))
        {
            var writer = context.OpenWriter("profiles", ["id"]);
            for (long id = 1; id <= profiles; id++)
            {
                writer.Add(id);
                if (id % 100_000 == 0)
                {
                    progress?.Invoke("profiles", (double)id / profiles);
                }
            }
        }

        foreach (var plugin in catalog.Plugins)
        {
            Write(plugin, profiles, seed, now, progress);
        }
    }

    /// <summary>
    /// Adds the demo data of the plugin named <paramref name="name"/> (its full name, or the last part of it, ignoring
    /// case: <c>Market</c> for <c>RulePlugins.Plugins.Market</c>) to the existing profiles. Its tables must be empty;
    /// when its generator fails, the rows it wrote are deleted again.
    /// </summary>
    public DemoDataAdded AddPlugin(string name, int seed, Action<string, double>? progress)
    {
        var plugin = Find(name);
        if (plugin.DemoData.Length == 0)
        {
            throw new DemoDataException($"Plugin '{plugin.Name}' ships no demo data.");
        }

        long profiles;
        using (var connection = database.Open())
        {
            var (count, max) = connection.QuerySingle<(long Count, long? Max)>("SELECT COUNT(*) AS Count, MAX(id) AS Max FROM profiles");
            if (count == 0 || max != count)
            {
                throw new DemoDataException(
                    count == 0
                        ? "The database has no profiles; run the demo first, or add profiles 1 to N."
                        : $"Demo data is generated for profiles 1 to N, but this database has {count} profiles with ids up to {max}.");
            }

            profiles = count;
            foreach (var table in plugin.Tables)
            {
                var rows = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table.Name}");
                if (rows > 0)
                {
                    throw new DemoDataException($"Table {table.Name} of plugin '{plugin.Name}' already has {rows} rows; demo data is added only to a plugin's empty tables. Nothing was written.");
                }
            }
        }

        try
        {
            Write(plugin, profiles, seed, time.GetUtcNow().ToUnixTimeMilliseconds(), progress);
        }
        catch
        {
            using var connection = database.Open();
            foreach (var table in plugin.Tables)
            {
                connection.Execute($"DELETE FROM {table.Name}");
            }

            throw;
        }

        using (var connection = database.Open())
        {
            return new DemoDataAdded(plugin.Name, plugin.Tables.ToDictionary(t => t.Name, t => connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t.Name}"), StringComparer.Ordinal));
        }
    }

    private void Write(LoadedPlugin plugin, long profiles, int seed, long now, Action<string, double>? progress)
    {
        foreach (var generator in plugin.DemoData)
        {
            using var context = new HostDemoDataContext(database, profiles, seed, now, progress);
            generator.Generate(context);
        }
    }

    private LoadedPlugin Find(string name)
    {
        var exact = catalog.Plugins.Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = exact.Count > 0 ? exact : [.. catalog.Plugins.Where(p => p.Name.EndsWith("." + name, StringComparison.OrdinalIgnoreCase))];
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new DemoDataException($"No plugin is named '{name}'; loaded: {string.Join(", ", catalog.Plugins.Select(p => p.Name))}."),
            _ => throw new DemoDataException($"'{name}' names several plugins: {string.Join(", ", matches.Select(p => p.Name))}; give the full name."),
        };
    }
}

/// <summary>Demo data cannot go into this database as asked; the message says why. Nothing was written.</summary>
public sealed class DemoDataException(string message) : InvalidOperationException(message);

/// <summary>What adding one plugin's demo data wrote.</summary>
/// <param name="Plugin">The plugin's full name.</param>
/// <param name="Rows">The rows now in each of its tables.</param>
public sealed record DemoDataAdded(string Plugin, IReadOnlyDictionary<string, long> Rows);
