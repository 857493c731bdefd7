using System.Reflection;
using RulePlugins.Engine;

namespace RulePlugins.Testing;

/// <summary>
/// Reviewed generated sources in a test project's <c>Golden/</c> folder (<c>NAME.cs.txt</c>, copied beside the tests).
/// The engine version in the <c>[GeneratedCode]</c> attribute changes with every build, so the files hold
/// <see cref="VersionPlaceholder"/> in its place. After an intended change, run the tests with <c>UPDATE_GOLDEN=1</c>
/// and review the diff of the files it rewrites.
/// </summary>
public static class GoldenFiles
{
    /// <summary>What a golden file holds where the generated source has the engine's informational version.</summary>
    public const string VersionPlaceholder = "%VERSION%";

    /// <summary>The engine assembly's informational version, as read from the assembly.</summary>
    public static string EngineVersion { get; } =
        typeof(RuleEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    /// <summary>
    /// The expected text of golden file <paramref name="name"/>, with the engine version filled in. With
    /// <c>UPDATE_GOLDEN=1</c> it first writes <paramref name="actual"/> to the <c>Golden/</c> folder beside
    /// <paramref name="testFile"/> (the source, so the change shows in the diff) and returns <paramref name="actual"/>.
    /// </summary>
    public static string Expected(string name, string actual, string testFile)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var path = Path.Combine(Path.GetDirectoryName(testFile)!, "Golden", name + ".cs.txt");
            File.WriteAllText(path, actual.Replace(EngineVersion, VersionPlaceholder, StringComparison.Ordinal));
            return actual;
        }

        return File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name + ".cs.txt"))
            .Replace(VersionPlaceholder, EngineVersion, StringComparison.Ordinal);
    }
}
