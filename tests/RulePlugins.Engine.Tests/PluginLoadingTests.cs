using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class PluginLoadingTests : IDisposable
{
    private const string ProfileFields = "RulePlugins.Plugins.ProfileFields";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ruleplugins-tests", Guid.NewGuid().ToString("N"));

    private string PluginsWith(params string[] names)
    {
        var directory = Path.Combine(_root, "plugins");
        foreach (var name in names)
        {
            var target = Directory.CreateDirectory(Path.Combine(directory, name)).FullName;
            var source = name == ProfileFields ? AppContext.BaseDirectory : Path.Combine(AppContext.BaseDirectory, "test-plugins", name);
            foreach (var file in Directory.GetFiles(source, name + ".*"))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        return directory;
    }

    [Fact]
    public void Load_GoodPlugin_ListsItsConditionTypesAndTables()
    {
        var catalog = PluginDirectoryLoader.Load(PluginsWith(ProfileFields));

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(ProfileFields, plugin.Name);
        Assert.Equal("0.1.0", plugin.Version);
        Assert.Contains(plugin.ConditionTypes, t => t.Id == "profile.city");
        Assert.Equal(["profile_fields"], plugin.Tables.Select(t => t.Name));
        Assert.Empty(catalog.Failures);
    }

    [Fact]
    public void Load_BrokenPluginBesideGoodOne_ReportsItAndKeepsTheRest()
    {
        var catalog = PluginDirectoryLoader.Load(PluginsWith(ProfileFields, "RulePlugins.TestPlugins.Broken"));

        Assert.Equal([ProfileFields], catalog.Plugins.Select(p => p.Name));
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("RulePlugins.TestPlugins.Broken", failure.Name);
        Assert.Contains("cannot find its configuration", failure.Reason);
    }

    [Fact]
    public void Load_FolderWithoutAssembly_IsReportedAsFailure()
    {
        var directory = PluginsWith(ProfileFields);
        Directory.CreateDirectory(Path.Combine(directory, "Empty"));

        var catalog = PluginDirectoryLoader.Load(directory);

        Assert.Single(catalog.Plugins);
        Assert.Contains("has no Empty.dll", Assert.Single(catalog.Failures).Reason);
    }

    [Fact]
    public void Load_DuplicateConditionTypeId_StopsNamingBothPlugins()
    {
        var exception = Assert.Throws<PluginConflictException>(
            () => PluginDirectoryLoader.Load(PluginsWith(ProfileFields, "RulePlugins.TestPlugins.Duplicate")));

        Assert.Contains("'profile.city'", exception.Message);
        Assert.Contains(ProfileFields, exception.Message);
        Assert.Contains("RulePlugins.TestPlugins.Duplicate", exception.Message);
    }

    [Fact]
    public void Recalculate_WithPluginFromItsOwnLoadContext_SharesTypesWithTheCompiledPredicate()
    {
        var catalog = PluginDirectoryLoader.Load(PluginsWith(ProfileFields));
        var plugin = Assert.Single(catalog.Plugins);
        Assert.NotEqual(typeof(global::RulePlugins.Plugins.ProfileFields.ProfileFieldsPlugin).Assembly, plugin.Assembly);
        var database = Database.Sqlite(Path.Combine(_root, "loaded.db"));
        using var engine = new RuleEngine(catalog, database, time: new FixedTimeProvider(TestDatabase.DefaultNow));
        engine.Initialize();
        engine.GenerateDemoData(2_000, seed: 7);

        var saved = engine.Save(Documents.Single("city", "profile.city", new { @operator = "equals", value = "Moscow" }));
        var result = engine.Recalculate("city");

        Assert.Equal(plugin.Assembly, saved.Source.Plan.Tables[0].Table.RowType.Assembly);
        Assert.Equal(2_000, result.Scanned);
        Assert.InRange(result.Members, 1, 1_999);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Plugin assemblies stay mapped while their load contexts live.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
