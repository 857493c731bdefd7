using RulePlugins.Engine.Data;
using RulePlugins.Engine.Plugins;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

public sealed class PluginLoadingTests : IDisposable
{
    private const string ProfileFields = "RulePlugins.Plugins.ProfileFields";
    private readonly TemporaryFolder _folder = new();

    private string Root => _folder.Path;

    private string PluginsWith(params string[] names)
    {
        var directory = Path.Combine(Root, "plugins");
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
    public void Load_DuplicateConditionTypeId_NamesTheFolderOfEachPlugin()
    {
        var directory = PluginsWith(ProfileFields, "RulePlugins.TestPlugins.Duplicate");

        var exception = Assert.Throws<PluginConflictException>(() => PluginDirectoryLoader.Load(directory));

        var profileFolder = Path.Combine(directory, ProfileFields);
        var duplicateFolder = Path.Combine(directory, "RulePlugins.TestPlugins.Duplicate");
        Assert.Contains($"'{ProfileFields}' (folder {profileFolder})", exception.Message);
        Assert.Contains($"'RulePlugins.TestPlugins.Duplicate' (folder {duplicateFolder})", exception.Message);
        Assert.Equal([profileFolder, duplicateFolder], exception.Folders);
    }

    [Fact]
    public void Load_SamePluginInProcessAndInFolder_TellsTheTwoCopiesApart()
    {
        var directory = PluginsWith(ProfileFields);

        var exception = Assert.Throws<PluginConflictException>(
            () => PluginDirectoryLoader.Load(directory, [new global::RulePlugins.Plugins.ProfileFields.ProfileFieldsPlugin()]));

        // Both copies have the same name: the message must still say which is which.
        Assert.Contains($"'{ProfileFields}' (registered in process)", exception.Message);
        Assert.Contains($"'{ProfileFields}' (folder {Path.Combine(directory, ProfileFields)})", exception.Message);
        Assert.Contains("installed twice", exception.Message);
    }

    [Fact]
    public void Initialize_PluginAssemblyCorrupt_UnavailableReasonNamesPluginFolderAndLoadFailure()
    {
        var good = PluginsWith(ProfileFields);
        var database = Database.Sqlite(Path.Combine(Root, "corrupt.db"));
        using (var engine = new RuleEngine(PluginDirectoryLoader.Load(good), database, time: new FixedTimeProvider(TestDatabase.DefaultNow)))
        {
            engine.Initialize();
            engine.Save(Documents.Single("city", "profile.city", new { @operator = "equals", value = "Moscow" }));
        }

        // Another folder (the loaded assembly stays mapped) whose plugin assembly is not a valid image.
        var broken = Path.Combine(Root, "broken-plugins");
        var brokenFolder = Directory.CreateDirectory(Path.Combine(broken, ProfileFields)).FullName;
        File.WriteAllBytes(Path.Combine(brokenFolder, ProfileFields + ".dll"), new byte[512]);
        var catalog = PluginDirectoryLoader.Load(broken);
        using var restarted = new RuleEngine(catalog, database, time: new FixedTimeProvider(TestDatabase.DefaultNow));
        restarted.Initialize();

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(brokenFolder, failure.Folder);
        Assert.StartsWith("BadImageFormatException", failure.Reason);
        var info = restarted.Store.Find("city")!;
        Assert.Equal(Store.SegmentStatus.Unavailable, info.Status);
        Assert.StartsWith($"condition type profile.city is unknown: plugin folder {brokenFolder} failed to load (BadImageFormatException", info.StatusReason);
        var unavailable = Assert.Throws<SegmentUnavailableException>(() => restarted.GetCompiled("city"));
        Assert.Contains(brokenFolder, unavailable.Message);
    }

    [Fact]
    public void Initialize_PluginRemovedAndAnotherFailed_ReasonNamesTheMissingPluginAndTheFailure()
    {
        var database = Database.Sqlite(Path.Combine(Root, "removed.db"));
        using (var engine = new RuleEngine(PluginDirectoryLoader.Load(PluginsWith(ProfileFields)), database, time: new FixedTimeProvider(TestDatabase.DefaultNow)))
        {
            engine.Initialize();
            engine.Save(Documents.Single("city", "profile.city", new { @operator = "equals", value = "Moscow" }));
        }

        // Now only the broken test plugin is installed: profile fields is gone, and the broken one fails to register.
        Directory.Delete(Path.Combine(Root, "plugins"), recursive: true);
        var catalog = PluginDirectoryLoader.Load(PluginsWith("RulePlugins.TestPlugins.Broken"));
        using var restarted = new RuleEngine(catalog, database, time: new FixedTimeProvider(TestDatabase.DefaultNow));
        restarted.Initialize();

        var reason = restarted.Store.Find("city")!.StatusReason!;
        Assert.Contains($"condition type profile.city is unknown: it came from plugin {ProfileFields}, which is not installed", reason);
        Assert.Contains($"plugin folder {Path.Combine(Root, "plugins", "RulePlugins.TestPlugins.Broken")} failed to load (InvalidOperationException: the broken plugin cannot find its configuration)", reason);
    }

    [Fact]
    public void Recalculate_WithPluginFromItsOwnLoadContext_SharesTypesWithTheCompiledPredicate()
    {
        var catalog = PluginDirectoryLoader.Load(PluginsWith(ProfileFields));
        var plugin = Assert.Single(catalog.Plugins);
        Assert.NotEqual(typeof(global::RulePlugins.Plugins.ProfileFields.ProfileFieldsPlugin).Assembly, plugin.Assembly);
        var database = Database.Sqlite(Path.Combine(Root, "loaded.db"));
        using var engine = new RuleEngine(catalog, database, time: new FixedTimeProvider(TestDatabase.DefaultNow));
        engine.Initialize();
        engine.GenerateDemoData(2_000, seed: 7);

        var saved = engine.Save(Documents.Single("city", "profile.city", new { @operator = "equals", value = "Moscow" }));
        var result = engine.Recalculate("city");

        Assert.Equal(plugin.Assembly, saved.Source.Plan.Tables[0].Table.RowType.Assembly);
        Assert.Equal(2_000, result.Scanned);
        Assert.InRange(result.Members, 1, 1_999);
    }

    public void Dispose() => _folder.Dispose();
}
