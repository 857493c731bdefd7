using RulePlugins.Engine.Plugins;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// Plugin folders deployed as their build wrote them (a <c>dotnet publish</c> folder whose name is not the plugin's),
/// and plugins loaded from several directories.
/// </summary>
public sealed class PluginDeploymentTests : IDisposable
{
    private const string ProfileFields = "RulePlugins.Plugins.ProfileFields";
    private const string ChannelActivity = "RulePlugins.TestPlugins.ChannelActivity";
    private readonly TemporaryFolder _folder = new();

    private string Root => _folder.Path;

    /// <summary>
    /// Copies a plugin's build output (every file of the test plugin's output folder: dll, deps.json, runtimeconfig,
    /// pdb; for profile fields its dll and pdb) into <paramref name="folder"/> under the root, and returns the folder.
    /// </summary>
    private string Deploy(string plugin, string folder)
    {
        var target = Directory.CreateDirectory(Path.Combine(Root, folder)).FullName;
        var files = plugin == ProfileFields
            ? Directory.GetFiles(AppContext.BaseDirectory, plugin + ".*")
            : Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "test-plugins", plugin));
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    [Fact]
    public void Load_PublishFolderNamedOtherThanItsAssembly_LoadsThePluginTheDepsJsonNames()
    {
        var publish = Deploy(ChannelActivity, Path.Combine("plugins", "publish"));
        Assert.False(File.Exists(Path.Combine(publish, "publish.dll")));
        Assert.True(File.Exists(Path.Combine(publish, ChannelActivity + ".deps.json")));

        var catalog = PluginDirectoryLoader.Load(Path.Combine(Root, "plugins"));

        Assert.Empty(catalog.Failures);
        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(ChannelActivity, plugin.Name);
        Assert.Equal(publish, plugin.Directory);
        Assert.True(catalog.TryGetConditionType("channel_activity.events", out var registration));
        Assert.Same(plugin, registration.Plugin);
    }

    [Fact]
    public void Load_DirectoryThatIsItselfAPublishFolder_LoadsThatOnePlugin()
    {
        var publish = Deploy(ChannelActivity, Path.Combine("acme", "bin", "Release", "net10.0", "publish"));
        // dotnet publish writes satellite and runtime folders beside the plugin; they are not plugins.
        Directory.CreateDirectory(Path.Combine(publish, "runtimes"));

        var catalog = PluginDirectoryLoader.Load(publish);

        Assert.Empty(catalog.Failures);
        Assert.Equal(publish, Assert.Single(catalog.Plugins).Directory);
        Assert.True(catalog.TryGetConditionType("channel_activity.events", out _));
    }

    [Fact]
    public void Load_FolderWithNeitherDllNorDepsJson_FailureSaysWhatItHoldsAndWhatIsExpected()
    {
        Deploy(ProfileFields, Path.Combine("plugins", ProfileFields));
        var docs = Directory.CreateDirectory(Path.Combine(Root, "plugins", "acme-docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "readme.txt"), "not a plugin");
        File.WriteAllText(Path.Combine(docs, "Acme.Helpers.dll"), "not a plugin either");

        var catalog = PluginDirectoryLoader.Load(Path.Combine(Root, "plugins"));

        Assert.Equal([ProfileFields], catalog.Plugins.Select(p => p.Name));
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("acme-docs", failure.Name);
        Assert.Equal(docs, failure.Folder);
        Assert.Contains("the folder has no acme-docs.dll and no *.deps.json (it holds Acme.Helpers.dll, readme.txt)", failure.Reason);
        Assert.Contains("a plugin folder holds acme-docs.dll, or what dotnet publish writes: one Name.deps.json beside Name.dll", failure.Reason);
    }

    [Fact]
    public void Load_FolderWithTwoDepsJsonAndNoFolderNamedDll_FailureNamesBothAndLoadsNeither()
    {
        Deploy(ChannelActivity, Path.Combine("plugins", "mixed"));
        Deploy("RulePlugins.TestPlugins.Links", Path.Combine("plugins", "mixed"));

        var catalog = PluginDirectoryLoader.Load(Path.Combine(Root, "plugins"));

        Assert.Empty(catalog.Plugins);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("mixed", failure.Name);
        Assert.Contains($"the folder has no mixed.dll and 2 *.deps.json files ({ChannelActivity}.deps.json, RulePlugins.TestPlugins.Links.deps.json)", failure.Reason);
        Assert.Contains("so its main assembly is ambiguous", failure.Reason);
    }

    [Fact]
    public void Load_DepsJsonWithoutItsAssembly_FailureNamesTheMissingDll()
    {
        var folder = Deploy(ChannelActivity, Path.Combine("plugins", "publish"));
        File.Delete(Path.Combine(folder, ChannelActivity + ".dll"));

        var catalog = PluginDirectoryLoader.Load(Path.Combine(Root, "plugins"));

        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(ChannelActivity, failure.Name);
        Assert.Equal(folder, failure.Folder);
        Assert.Contains($"the folder has {ChannelActivity}.deps.json but no {ChannelActivity}.dll beside it", failure.Reason);
    }

    [Fact]
    public void Open_TwoPluginDirectories_LoadsThePluginsOfBoth()
    {
        var builtIn = Path.Combine(Root, "plugins");
        Deploy(ProfileFields, Path.Combine("plugins", ProfileFields));
        var acme = Path.Combine(Root, "acme");
        var publish = Deploy(ChannelActivity, Path.Combine("acme", "channel-activity"));

        using var engine = RuleEngine.Open(new EngineOptions
        {
            DatabasePath = Path.Combine(Root, "two.db"),
            PluginDirectories = [builtIn, acme],
        });

        Assert.Empty(engine.Catalog.Failures);
        Assert.Equal(
            [(ProfileFields, Path.Combine(builtIn, ProfileFields)), (ChannelActivity, publish)],
            engine.Catalog.Plugins.Select(p => (p.Name, p.Directory!)));
        Assert.True(engine.Catalog.TryGetConditionType("profile.city", out _));
        Assert.True(engine.Catalog.TryGetConditionType("channel_activity.events", out _));
    }

    [Fact]
    public void Open_OnlyPluginDirectorySet_LoadsThatDirectoryAsBefore()
    {
        var builtIn = Path.Combine(Root, "plugins");
        Deploy(ProfileFields, Path.Combine("plugins", ProfileFields));

        using var engine = RuleEngine.Open(new EngineOptions { DatabasePath = Path.Combine(Root, "one.db"), PluginDirectory = builtIn });

        Assert.Equal([builtIn], engine.Options.PluginDirectories);
        Assert.Equal([ProfileFields], engine.Catalog.Plugins.Select(p => p.Name));
    }

    [Fact]
    public void Load_SamePluginInTwoDirectories_ConflictNamesBothFolders()
    {
        var first = Deploy(ChannelActivity, Path.Combine("plugins", ChannelActivity));
        var second = Deploy(ChannelActivity, Path.Combine("acme", "publish"));

        var exception = Assert.Throws<PluginConflictException>(
            () => PluginDirectoryLoader.Load([Path.Combine(Root, "plugins"), Path.Combine(Root, "acme")]));

        Assert.Contains("'channel_activity.events'", exception.Message);
        Assert.Contains("installed twice", exception.Message);
        Assert.Equal([first, second], exception.Folders);
    }

    [Fact]
    public void Load_SameDirectoryListedTwice_LoadsItOnce()
    {
        var plugins = Path.Combine(Root, "plugins");
        Deploy(ChannelActivity, Path.Combine("plugins", "publish"));

        var catalog = PluginDirectoryLoader.Load([plugins, plugins + Path.DirectorySeparatorChar]);

        Assert.Equal([ChannelActivity], catalog.Plugins.Select(p => p.Name));
    }

    public void Dispose() => _folder.Dispose();
}
