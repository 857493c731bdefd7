namespace RulePlugins.Console.Tests;

/// <summary>
/// Finds the Chromium the browser tests launch: the file named by <see cref="EnvironmentVariable"/> when it is set, else
/// Debian's <c>/usr/bin/chromium</c>, else <c>/usr/bin/chromium-browser</c>. Playwright never downloads a browser of its own.
/// </summary>
public static class ChromiumLocator
{
    /// <summary>The environment variable naming a Chromium executable, which overrides the default paths.</summary>
    public const string EnvironmentVariable = "RULEPLUGINS_CHROMIUM";

    /// <summary>The command that installs the browser the tests look for first.</summary>
    public const string InstallCommand = "sudo apt-get install chromium";

    /// <summary>Where the browser is looked for, in order, when <see cref="EnvironmentVariable"/> is not set.</summary>
    public static IReadOnlyList<string> DefaultPaths { get; } = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The browser of this machine, from the process's environment and file system.</summary>
    public static ChromiumLocation Find() => Find(Environment.GetEnvironmentVariable(EnvironmentVariable), File.Exists);

    /// <summary>
    /// The browser given the value of <see cref="EnvironmentVariable"/> (<paramref name="configured"/>, null or empty when
    /// unset) and a test for whether a file exists. A configured path that does not exist is not replaced by a default
    /// one: the tests are skipped with a reason naming it.
    /// </summary>
    public static ChromiumLocation Find(string? configured, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(fileExists);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return fileExists(configured)
                ? new ChromiumLocation(configured, null)
                : new ChromiumLocation(null,
                    $"{EnvironmentVariable} is set to '{configured}', which does not exist. Point it at a Chromium executable, " +
                    $"or unset it and install Debian's chromium ({InstallCommand}).");
        }

        foreach (var path in DefaultPaths)
        {
            if (fileExists(path))
            {
                return new ChromiumLocation(path, null);
            }
        }

        return new ChromiumLocation(null,
            $"No Chromium for the browser tests: none of {string.Join(", ", DefaultPaths)} exists and {EnvironmentVariable} is not set. " +
            $"Install Debian's chromium ({InstallCommand}) or set {EnvironmentVariable} to a Chromium executable.");
    }
}
