using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RulePlugins.Engine.Plugins;
using RulePlugins.Sdk;
using RulePlugins.Testing;

namespace RulePlugins.Engine.Tests;

/// <summary>
/// A plugin built against an SDK this host does not provide (another major, or a newer minor) is refused before it is
/// loaded, with a failure naming both versions; the rest loads. The refused plugins are compiled here against a stub
/// <c>RulePlugins.Sdk</c> of the version under test, and deployed as <c>dotnet publish</c> would (no SDK beside them).
/// </summary>
public sealed class SdkCompatibilityTests : IDisposable
{
    private const string ProfileFields = "RulePlugins.Plugins.ProfileFields";
    private static readonly Version Host = typeof(IRulePlugin).Assembly.GetName().Version!;
    private readonly TemporaryFolder _folder = new();

    private string Root => _folder.Path;

    private string Plugins => Path.Combine(Root, "plugins");

    private static byte[] Compile(string name, string source, params MetadataReference[] references)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            [
                MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
                MetadataReference.CreateFromFile(Path.Combine(framework, "System.Runtime.dll")),
                .. references,
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return stream.ToArray();
    }

    /// <summary>
    /// Writes plugin <paramref name="name"/>, built against a stub RulePlugins.Sdk with assembly version
    /// <paramref name="sdk"/>, into a publish-style folder <paramref name="folder"/> (its dll and deps.json), and returns it.
    /// </summary>
    private string DeployBuiltAgainst(Version sdk, string name, string folder)
    {
        var stub = Compile(SdkCompatibility.SdkName, $$"""
            [assembly: System.Reflection.AssemblyVersion("{{sdk}}")]
            namespace RulePlugins.Sdk { public interface IRulePlugin { } }
            """);
        var plugin = Compile(name, "public sealed class StubPlugin : RulePlugins.Sdk.IRulePlugin { }", MetadataReference.CreateFromImage(stub));
        var target = Directory.CreateDirectory(Path.Combine(Plugins, folder)).FullName;
        File.WriteAllBytes(Path.Combine(target, name + ".dll"), plugin);
        File.WriteAllText(Path.Combine(target, name + ".deps.json"), $$"""
            {
              "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0", "signature": "" },
              "compilationOptions": {},
              "targets": { ".NETCoreApp,Version=v10.0": { "{{name}}/1.0.0": { "runtime": { "{{name}}.dll": {} } } } },
              "libraries": { "{{name}}/1.0.0": { "type": "project", "serviceable": false, "sha512": "" } }
            }
            """);
        return target;
    }

    private void DeployProfileFields()
    {
        var target = Directory.CreateDirectory(Path.Combine(Plugins, ProfileFields)).FullName;
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, ProfileFields + ".*"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    private static bool EverLoaded(string name) =>
        AssemblyLoadContext.All.SelectMany(context => context.Assemblies).Any(a => a.GetName().Name == name);

    [Fact]
    public void Load_PluginBuiltAgainstAnotherMajor_IsRefusedNamingBothVersionsAndTheRestLoads()
    {
        DeployProfileFields();
        var folder = DeployBuiltAgainst(new Version(99, 0, 0, 0), "Acme.Tickets", "acme-tickets");

        var catalog = PluginDirectoryLoader.Load(Plugins);

        Assert.Equal([ProfileFields], catalog.Plugins.Select(p => p.Name));
        Assert.True(catalog.TryGetConditionType("profile.city", out _));
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal("Acme.Tickets", failure.Name);
        Assert.Equal(folder, failure.Folder);
        Assert.Equal(
            $"Acme.Tickets was built against RulePlugins.Sdk 99.0; this host provides RulePlugins.Sdk {Host.Major}.{Host.Minor}. " +
            "A plugin needs the host's major version and at most its minor version.",
            failure.Reason);
        Assert.False(EverLoaded("Acme.Tickets"), "the refused plugin was loaded");
    }

    [Fact]
    public void Load_PluginBuiltAgainstANewerMinor_IsRefusedNamingBothVersions()
    {
        var newer = new Version(Host.Major, Host.Minor + 7, 0, 0);
        DeployBuiltAgainst(newer, "Acme.Newer", "publish");

        var catalog = PluginDirectoryLoader.Load(Plugins);

        Assert.Empty(catalog.Plugins);
        var reason = Assert.Single(catalog.Failures).Reason;
        Assert.StartsWith(
            $"Acme.Newer was built against RulePlugins.Sdk {Host.Major}.{Host.Minor + 7}; this host provides RulePlugins.Sdk {Host.Major}.{Host.Minor}.",
            reason);
        Assert.False(EverLoaded("Acme.Newer"), "the refused plugin was loaded");
    }

    [Fact]
    public void Load_PluginBuiltAgainstThisHostsSdk_IsAccepted()
    {
        DeployProfileFields();

        var catalog = PluginDirectoryLoader.Load(Plugins);

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Empty(catalog.Failures);
        var sdk = Assert.Single(plugin.Assembly.GetReferencedAssemblies(), a => a.Name == "RulePlugins.Sdk");
        Assert.Equal((Host.Major, Host.Minor), (sdk.Version!.Major, sdk.Version.Minor));
    }

    [Theory]
    [InlineData("1.0.0.0", true)]
    [InlineData("1.3.0.0", true)]
    [InlineData("1.4.0.0", true)]
    [InlineData("1.4.7.9", true)]
    [InlineData("1.5.0.0", false)]
    [InlineData("2.0.0.0", false)]
    [InlineData("0.9.0.0", false)]
    public void Refusal_HostProvides14_AcceptsTheSameMajorWithAMinorUpTo4(string built, bool accepted)
    {
        var refusal = SdkCompatibility.Refusal("Acme.Tickets", Version.Parse(built), new Version(1, 4, 2, 0));

        if (accepted)
        {
            Assert.Null(refusal);
        }
        else
        {
            var version = Version.Parse(built);
            Assert.Equal(
                $"Acme.Tickets was built against RulePlugins.Sdk {version.Major}.{version.Minor}; this host provides RulePlugins.Sdk 1.4. " +
                "A plugin needs the host's major version and at most its minor version.",
                refusal);
        }
    }

    [Fact]
    public void HostVersion_SdkAssembly_IsMajorMinorWithoutPatch()
    {
        // Patch releases keep the assembly version, so they never change what plugins bind to.
        Assert.Equal((0, 0), (Host.Build, Host.Revision));
        Assert.Equal(Host, SdkCompatibility.HostVersion);
    }

    public void Dispose() => _folder.Dispose();
}
