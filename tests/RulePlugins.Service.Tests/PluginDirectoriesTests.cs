using RulePlugins.Testing;
using static RulePlugins.Testing.ServiceInstance;

namespace RulePlugins.Service.Tests;

/// <summary>
/// The service over <c>RuleHost:PluginDirectory</c> and the further folders of <c>RuleHost:PluginDirectories</c>, one of
/// them a plugin's <c>dotnet publish</c> folder given as it is: the catalogue lists the plugins of all, each with the folder
/// it was loaded from.
/// </summary>
public sealed class PluginDirectoriesTests : IDisposable
{
    private const string ProfileFields = "RulePlugins.Plugins.ProfileFields";
    private const string ChannelActivity = "RulePlugins.TestPlugins.ChannelActivity";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TemporaryFolder _folder = new();

    private string Root => _folder.Path;

    private string Copy(string plugin, string folder)
    {
        var target = Directory.CreateDirectory(Path.Combine(Root, folder)).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(PluginDirectory, plugin)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    [Fact]
    public async Task GetPlugins_PluginDirectoryAndAPublishFolderInPluginDirectories_ListsBothWithTheirFolders()
    {
        var profileFields = Copy(ProfileFields, Path.Combine("plugins", ProfileFields));
        var publish = Copy(ChannelActivity, Path.Combine("acme", "publish"));
        await using var service = await StartAsync(new ServiceSettings
        {
            Profiles = 50,
            Arguments = [$"--RuleHost:PluginDirectory={Path.Combine(Root, "plugins")}", $"--RuleHost:PluginDirectories:0={publish}"],
        });

        var body = await JsonAsync(await service.Client.GetAsync("/plugins", _ct));

        Assert.Equal(
            [(ProfileFields, profileFields), (ChannelActivity, publish)],
            body.GetProperty("plugins").EnumerateArray().Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("loadedFrom").GetString()!)));
        Assert.Empty(body.GetProperty("failures").EnumerateArray());
        var one = await JsonAsync(await service.Client.GetAsync($"/plugins/{ChannelActivity}", _ct));
        Assert.Equal(publish, one.GetProperty("loadedFrom").GetString());
    }

    [Fact]
    public void Create_PluginsSwitchGivenTwice_RefusesNamingPluginDirectories()
    {
        var error = Assert.Throws<ServiceConfigurationException>(
            () => ServiceHost.Create(["--urls", "http://127.0.0.1:0", "--plugins", PluginDirectory, "--plugins=" + Root]));

        Assert.Contains("--plugins is given more than once", error.Message);
        Assert.Contains("--RuleHost:PluginDirectories:0=DIR", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
