using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RulePlugins.Testing;

namespace RulePlugins.Console.Tests;

/// <summary>
/// The screenshots the README shows, in <c>docs/screenshots/</c> at the repository root. Tests take them as they go; they
/// are written only when <see cref="EnvironmentVariable"/> is <c>1</c>, so an ordinary test run changes no file.
/// </summary>
public static partial class DocScreenshots
{
    /// <summary>The environment variable that, set to <c>1</c>, makes the tests rewrite the screenshots.</summary>
    public const string EnvironmentVariable = "UPDATE_SCREENSHOTS";

    /// <summary>What a screenshot's name may be: lower-case letters, digits and dashes, starting with a letter or digit.</summary>
    public const string NamePattern = "^[a-z0-9][a-z0-9-]*$";

    /// <summary>Whether screenshots are written in this run.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(EnvironmentVariable) == "1";

    /// <summary>The repository root: the nearest folder above the test binaries that holds <c>RulePlugins.sln</c>.</summary>
    public static string RepositoryRoot => Repository.Root;

    /// <summary>The file of screenshot <paramref name="name"/>: <c>docs/screenshots/NAME.png</c> at the repository root.</summary>
    /// <exception cref="ArgumentException">The name does not match <see cref="NamePattern"/>.</exception>
    public static string PathFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException(
                $"A screenshot name is lower-case letters, digits and dashes ({NamePattern}), without folder or extension; got '{name}'.", nameof(name));
        }

        return Path.Combine(RepositoryRoot, "docs", "screenshots", name + ".png");
    }

    /// <summary>
    /// With <see cref="EnvironmentVariable"/> set to <c>1</c>, saves a screenshot of <paramref name="page"/> (its viewport, or
    /// the whole page with <paramref name="fullPage"/>) as <see cref="PathFor"/> and returns the path; otherwise does
    /// nothing and returns null. The name is checked either way.
    /// </summary>
    public static async Task<string?> SaveAsync(IPage page, string name, bool fullPage = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = PathFor(name);
        if (!Enabled)
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    [GeneratedRegex(NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
